/**
 * Each spelling of a secret is redacted on its own, with secrets chosen so that the spellings
 * really differ: base64 with `+` and `/` (so base64url is another text), a JSON form that needs
 * escaping, and non-ASCII text (UTF-8 bytes in base64 and percent-encoding). A secret whose
 * spellings coincide cannot show that one of them is missed; the preconditions say so.
 */
import { describe, expect, it } from 'vitest'
import { createRedactor, REDACTED } from '../../../src/runtime/redaction/index.js'

const secrets = {
  'base64 with + and /': 'tok>?~en~~>?',
  'JSON form that needs escaping': 'pa"ss\\w>?~rd\n',
  'non-ASCII': 'clé>?~secrète-🔑'
}

const base64 = (text: string): string => Buffer.from(text).toString('base64')
const base64url = (text: string): string => Buffer.from(text).toString('base64url')

describe.each(Object.entries(secrets))('a secret with a %s', (_, secret) => {
  const redactor = createRedactor([secret])
  const redacts = (spelling: string): void => {
    expect(redactor.redact(`before ${spelling} after`)).toBe(`before ${REDACTED} after`)
    expect(redactor.redact(spelling)).toBe(REDACTED)
  }

  it('has base64 and base64url forms that differ from each other and from the secret', () => {
    expect(base64(secret)).toMatch(/[+/]/)
    expect(base64url(secret)).not.toBe(base64(secret).replace(/=+$/, ''))
  })

  it('is redacted as itself', () => redacts(secret))
  it('is redacted base64-encoded, padded and unpadded', () => {
    redacts(base64(secret))
    redacts(base64(secret).replace(/=+$/, ''))
  })
  it('is redacted base64url-encoded', () => redacts(base64url(secret)))
  it('is redacted percent-encoded, in upper- and lower-case hex, and form-encoded', () => {
    expect(encodeURIComponent(secret)).not.toBe(secret)
    redacts(encodeURIComponent(secret))
    redacts(encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()))
    redacts(new URLSearchParams({ s: secret }).toString().slice(2))
  })

  it('is redacted base64url-encoded inside a longer value, at every byte offset', () => {
    for (const user of ['', 'a', 'ab']) {
      const encoded = base64url(`${user}:${secret}`)
      const redacted = redactor.redact(`token ${encoded}`)
      expect(redacted).toContain(REDACTED)
      expect(Buffer.from(redacted.slice('token '.length).replace(REDACTED, ''), 'base64url').toString()).not.toContain(secret)
    }
  })
})

describe('the JSON-escaped form', () => {
  const secret = secrets['JSON form that needs escaping']
  const redactor = createRedactor([secret])

  it('differs from the secret, and is redacted inside an echoed JSON body', () => {
    const escaped = JSON.stringify(secret).slice(1, -1)
    expect(escaped).not.toBe(secret)
    const body = JSON.stringify({ error: 'invalid key', key: secret })
    expect(body).toContain(escaped)
    expect(redactor.redact(body)).toBe(JSON.stringify({ error: 'invalid key', key: REDACTED }))
  })
})
