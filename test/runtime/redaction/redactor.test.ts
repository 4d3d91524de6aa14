import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createRedactor, isSensitiveName, REDACTED } from '../../../src/runtime/redaction/index.js'

const secret = 'sk_live/4+Zq=9 XyZ'
const redactor = createRedactor([secret])

describe('redact: a secret in any of its spellings', () => {
  const spellings: Array<[string, string]> = [
    ['as itself', secret],
    ['percent-encoded', encodeURIComponent(secret)],
    [
      'percent-encoded with lower-case hex',
      encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())
    ],
    ['form-encoded', new URLSearchParams({ s: secret }).toString().slice(2)],
    ['URI-encoded', encodeURI(secret)],
    ['JSON-escaped', JSON.stringify(secret).slice(1, -1)],
    ['base64', Buffer.from(secret).toString('base64')],
    ['base64url', Buffer.from(secret).toString('base64url')]
  ]
  for (const [how, spelling] of spellings) {
    it(how, () => {
      expect(redactor.redact(`before ${spelling} after`)).toBe(`before ${REDACTED} after`)
    })
  }

  it('inside a Basic authorization value, at every byte offset', () => {
    for (const user of ['', 'a', 'ab', 'abc', 'user@example.com']) {
      const header = Buffer.from(`${user}:${secret}`).toString('base64')
      const redacted = redactor.redact(`Basic ${header}`)
      expect(redacted).toContain(REDACTED)
      // What is left of the base64 must not decode to anything containing the secret.
      expect(Buffer.from(redacted.slice('Basic '.length).replace(REDACTED, ''), 'base64').toString()).not.toContain(
        secret
      )
    }
  })

  it('every occurrence, of several secrets', () => {
    const two = createRedactor(['first-secret', 'second-secret'])
    expect(two.redact('first-secret, second-secret and first-secret')).toBe(`${REDACTED}, ${REDACTED} and ${REDACTED}`)
  })

  it('the longer secret when one contains another', () => {
    const nested = createRedactor(['abcd', 'abcdefgh'])
    expect(nested.redact('xabcdefghx abcdx')).toBe(`x${REDACTED}x ${REDACTED}x`)
  })

  it('with regular-expression characters taken literally', () => {
    const regexy = createRedactor(['a.b*c(d)[e]$'])
    expect(regexy.redact('a.b*c(d)[e]$ and aXbbbc')).toBe(`${REDACTED} and aXbbbc`)
  })

  it('JSON-escaped three times, with a percent run that is no UTF-8 in it (npm run fuzz, seed long-1203, runtime 695)', () => {
    // A dead letter of an event whose trait held the secret JSON-escaped twice: `%f1` was copied
    // twice into the decoded view, so the secret after it was never seen there.
    const fuzzed = 'sk_cxN9j&é中😀%f1\\T4中\\Ufe- k_"2hH2sué\\i 2OPP=cd'
    const twice = JSON.stringify(JSON.stringify(fuzzed))
    const letter = JSON.stringify({ event: { traits: { constructor: twice } } })
    const redacted = createRedactor([fuzzed]).redact(letter)
    expect(redacted).toBe(JSON.stringify({ event: { traits: { constructor: JSON.stringify(JSON.stringify(REDACTED)) } } }))
    expect(createRedactor([fuzzed]).redact(twice)).toBe(JSON.stringify(JSON.stringify(REDACTED)))
  })

  it('JSON-escaped three times when the secret holds both a percent escape and a JSON one', () => {
    // Each pass decodes `%2B` at once but peels one layer of JSON only: after three passes the
    // view held ` V+\\" `, neither the secret nor the secret decoded three times.
    const mixed = ' V%2B\\" '
    const body = JSON.stringify({ key: JSON.stringify(JSON.stringify(mixed)).slice(1, -1) })
    expect(createRedactor([mixed]).redact(body)).toBe(JSON.stringify({ key: JSON.stringify(JSON.stringify(REDACTED)).slice(1, -1) }))
  })

  it('leaves text without secrets alone', () => {
    expect(redactor.redact('nothing to see')).toBe('nothing to see')
    expect(createRedactor([]).redact('nothing to see')).toBe('nothing to see')
  })
})

describe('short secrets', () => {
  const short = createRedactor(['abc', '', 'ok'])
  it('are not replaced inside text, where they would mask every other word', () => {
    expect(short.redact('abc ok abcdef')).toBe('abc ok abcdef')
  })

  it('are still masked in sensitive headers', () => {
    expect(short.redactHeaders({ authorization: 'Bearer abc', 'x-api-key': 'ok' })).toEqual({
      authorization: `Bearer ${REDACTED}`,
      'x-api-key': REDACTED
    })
  })

  it('begin at four characters', () => {
    expect(createRedactor(['abcd']).redact('xabcdx')).toBe(`x${REDACTED}x`)
  })
})

describe('redactHeaders', () => {
  it('masks sensitive headers by name and redacts secrets in the others', () => {
    expect(
      redactor.redactHeaders({
        Authorization: `Basic ${Buffer.from(`u:${secret}`).toString('base64')}`,
        'Proxy-Authorization': 'Digest username="x"',
        Cookie: 'a=1',
        'set-cookie': ['s=1', 't=2'],
        'X-API-KEY': 'k',
        'x-access-token': 't',
        'x-client-secret': 's',
        'x-password': 'p',
        'idempotency-key': 'i',
        'content-type': 'application/json',
        'x-echo': `got ${secret}`,
        'content-length': 12,
        'x-absent': undefined
      })
    ).toEqual({
      Authorization: `Basic ${REDACTED}`,
      'Proxy-Authorization': `Digest ${REDACTED}`,
      Cookie: REDACTED,
      'set-cookie': REDACTED,
      'X-API-KEY': REDACTED,
      'x-access-token': REDACTED,
      'x-client-secret': REDACTED,
      'x-password': REDACTED,
      'idempotency-key': REDACTED,
      'content-type': 'application/json',
      'x-echo': `got ${REDACTED}`,
      'content-length': '12'
    })
  })

  it('masks an authorization value without a scheme whole', () => {
    expect(redactor.redactHeaders({ authorization: 'rawtoken' })).toEqual({ authorization: REDACTED })
  })

  it('reads a Headers object', () => {
    const headers = new Headers({ authorization: 'Bearer x', accept: 'application/json' })
    expect(redactor.redactHeaders(headers)).toEqual({ authorization: `Bearer ${REDACTED}`, accept: 'application/json' })
  })
})

describe('isSensitiveName', () => {
  it('matches names and fragments case-insensitively', () => {
    for (const name of [
      'authorization',
      'Cookie',
      'SET-COOKIE',
      'x-api-key',
      'apiKey',
      'refresh_token',
      'clientSecret',
      'PASSWORD'
    ]) {
      expect(isSensitiveName(name), name).toBe(true)
    }
    for (const name of ['content-type', 'accept', 'user-agent', 'email', 'x-request-id']) {
      expect(isSensitiveName(name), name).toBe(false)
    }
  })
})

describe('redactValue', () => {
  it('redacts strings deeply and masks values under sensitive keys', () => {
    const value = {
      user: { email: 'a@b.co', note: `token is ${secret}` },
      settings: { apiKey: 'k-1', retries: 3, accessToken: 12345, verified: true },
      list: [secret, 1, null, { password: 'p' }],
      [`label ${secret}`]: 'x'
    }
    expect(redactor.redactValue(value)).toEqual({
      user: { email: 'a@b.co', note: `token is ${REDACTED}` },
      settings: { apiKey: REDACTED, retries: 3, accessToken: REDACTED, verified: true },
      list: [REDACTED, 1, null, { password: REDACTED }],
      [`label ${REDACTED}`]: 'x'
    })
  })

  it('does not change its input', () => {
    const input = { token: 'abc', nested: { text: secret } }
    redactor.redactValue(input)
    expect(input).toEqual({ token: 'abc', nested: { text: secret } })
  })

  it('cuts cycles but keeps shared objects', () => {
    const shared = { text: secret }
    const cyclic: Record<string, unknown> = { a: shared, b: shared }
    cyclic.self = cyclic
    expect(redactor.redactValue(cyclic)).toEqual({ a: { text: REDACTED }, b: { text: REDACTED }, self: '[Circular]' })
  })

  it('carries an Error’s name and message', () => {
    const error = new TypeError(`bad ${secret}`)
    expect(redactor.redactValue({ error })).toEqual({ error: { name: 'TypeError', message: `bad ${REDACTED}` } })
  })

  it('keeps a __proto__ key as data', () => {
    const input = JSON.parse('{"__proto__": {"polluted": "yes"}}') as unknown
    const output = redactor.redactValue(input) as Record<string, unknown>
    expect(Object.getPrototypeOf(output)).toBe(Object.prototype)
    expect(Object.keys(output)).toEqual(['__proto__'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('passes scalars through', () => {
    expect(redactor.redactValue(5)).toBe(5)
    expect(redactor.redactValue(null)).toBe(null)
    expect(redactor.redactValue(undefined)).toBe(undefined)
    expect(redactor.redactValue(secret)).toBe(REDACTED)
  })
})

describe('redactTruncated', () => {
  it('drops the start of a secret the cut split', () => {
    for (let cut = 1; cut < secret.length; cut++) {
      expect(redactor.redactTruncated(`body ${secret.slice(0, cut)}`)).toBe('body ')
    }
  })

  it('drops the start of an encoded form too', () => {
    const encoded = encodeURIComponent(secret)
    expect(redactor.redactTruncated(`q=${encoded.slice(0, 10)}`)).toBe('q=')
  })

  it('keeps text that ends in no secret', () => {
    expect(redactor.redactTruncated(`a ${secret} b`)).toBe(`a ${REDACTED} b`)
    expect(redactor.redactTruncated('plain')).toBe('plain')
  })

  it('drops the longest start of a repetitive secret, and only that, from repetitive text', () => {
    // Each position of the secret's first character was once compared with the whole secret:
    // 200,000 x 200,000 characters here, far past this test's timeout.
    const long = createRedactor([`${'a'.repeat(200_000)}b`])
    expect(long.redactTruncated(`x${'a'.repeat(300_000)}`)).toBe(`x${'a'.repeat(100_000)}`)
    expect(long.redactTruncated(`x${'a'.repeat(300_000)}c`)).toBe(`x${'a'.repeat(300_000)}c`)
    expect(long.redactTruncated(`x${'a'.repeat(300_000)}b${'a'.repeat(10)}`)).toBe(`x${'a'.repeat(100_000)}${REDACTED}`)
    const periodic = createRedactor(['abcab'])
    expect(periodic.redactTruncated('x abcabcab')).toBe(`x ${REDACTED}`)
    expect(periodic.redactTruncated('x abca')).toBe('x ')
    expect(periodic.redactTruncated('x ab abc')).toBe('x ab ')
  }, 60_000)
})

describe('overlapping occurrences', () => {
  it('of a repetitive secret merge into one [REDACTED]; adjacent ones stay two', () => {
    expect(createRedactor(['abab']).redact('x ababab y abab')).toBe(`x ${REDACTED} y ${REDACTED}`)
    // Period 3: occurrences 3 apart overlap by one character.
    expect(createRedactor(['abca']).redact('abcabca')).toBe(REDACTED)
    expect(createRedactor(['abca']).redact('abcaabca')).toBe(`${REDACTED}${REDACTED}`)
    expect(createRedactor(['aaaa']).redact('aaaaaaa b aaa')).toBe(`${REDACTED} b aaa`)
  })

  it('of a long repetitive secret in long repetitive text are found in one scan', () => {
    // A search from every occurrence compared the whole secret at each character: 2,000,000 x
    // 20,000 comparisons (some 80 s) for what now takes one pass.
    const redacted = createRedactor(['a'.repeat(20_000)]).redact(`x${'a'.repeat(2_000_000)}x${'a'.repeat(19_999)}`)
    expect(redacted).toBe(`x${REDACTED}x${'a'.repeat(19_999)}`)
  }, 60_000)
})

describe('properties', () => {
  const secretArbitrary = fc.string({ minLength: 4, maxLength: 24, unit: 'grapheme' })
  const textArbitrary = fc.string({ maxLength: 40, unit: 'grapheme' })

  it('no spelling of a secret survives, wherever it sits in text', () => {
    fc.assert(
      fc.property(
        secretArbitrary,
        textArbitrary,
        textArbitrary,
        fc.constantFrom('raw', 'uri', 'json', 'b64'),
        (s, before, after, form) => {
          const spelled =
            form === 'raw'
              ? s
              : form === 'uri'
                ? encodeURIComponent(s)
                : form === 'json'
                  ? JSON.stringify(s).slice(1, -1)
                  : Buffer.from(s).toString('base64')
          const redacted = createRedactor([s]).redact(`${before}${spelled}${after}`)
          expect(redacted).not.toContain(spelled)
        }
      ),
      { numRuns: 1000 }
    )
  })

  it('base64 of a secret within other bytes never decodes back to the secret', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 4, maxLength: 24 }),
        fc.string({ maxLength: 12 }),
        fc.string({ maxLength: 12 }),
        (s, before, after) => {
          const encoded = Buffer.from(`${before}${s}${after}`).toString('base64')
          const redacted = createRedactor([s]).redact(encoded)
          // Decode each base64 run left around the mask, at every alignment, looking for the secret.
          for (const run of redacted.split(REDACTED)) {
            for (let skip = 0; skip < 4; skip++) {
              expect(Buffer.from(run.slice(skip), 'base64').toString('latin1')).not.toContain(
                Buffer.from(s).toString('latin1')
              )
            }
          }
        }
      ),
      { numRuns: 1000 }
    )
  })

  it('is idempotent', () => {
    fc.assert(
      fc.property(secretArbitrary, textArbitrary, (s, text) => {
        const r = createRedactor([s])
        const once = r.redact(`${text}${s}${text}`)
        expect(r.redact(once)).toBe(once)
      }),
      { numRuns: 500 }
    )
  })
})
