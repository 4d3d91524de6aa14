/**
 * The redaction guarantee, as a property: for any secret, encoded as a server might echo it
 * (JSON as PHP, Go, Python and JavaScript write it, JSON inside JSON, HTML character references,
 * percent-encoding, base64), inside any body, what `redact` returns decodes — with the decoder
 * that undoes that encoding, not mapc's own — to text without the secret. And for any length of
 * secret: the redactor once built one regular expression of every form, which fails ("too large")
 * past some 24,000 characters.
 */
import fc from 'fast-check'
import { decodeHTML, encodeHTML, encodeXML } from 'entities'
import { describe, expect, it } from 'vitest'
import { createRedactor, REDACTED } from '../../../src/runtime/redaction/index.js'

interface Encoding {
  name: string
  encode(secret: string): string
  /** Undoes `encode` on a whole body whose other text is inert to it. */
  decode(body: string): string
}

const json = (text: string): string => JSON.stringify(text).slice(1, -1)
const unjson = (text: string): string => JSON.parse(`"${text}"`) as string
/** Every non-ASCII UTF-16 unit as `\uXXXX`, as Python's json.dumps writes by default (ensure_ascii). */
const asciiOnly = (text: string, upper = false): string =>
  json(text).replace(/[^\x00-\x7f]/g, (c) => {
    const hex = c.charCodeAt(0).toString(16).padStart(4, '0')
    return `\\u${upper ? hex.toUpperCase() : hex}`
  })
const lowerHex = (text: string): string => text.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())

const encodings: readonly Encoding[] = [
  { name: 'as it is', encode: (s) => s, decode: (b) => b },
  { name: 'JSON', encode: json, decode: unjson },
  { name: 'JSON with \\/ (PHP)', encode: (s) => json(s).replace(/\//g, '\\/'), decode: unjson },
  { name: 'JSON with \\u0026 for < > & (Go)', encode: (s) => json(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`), decode: unjson },
  { name: 'JSON, ASCII only (Python)', encode: (s) => asciiOnly(s), decode: unjson },
  { name: 'JSON, ASCII only, upper-case hex', encode: (s) => asciiOnly(s, true), decode: unjson },
  { name: 'JSON inside JSON', encode: (s) => json(json(s)), decode: (b) => unjson(unjson(b)) },
  { name: 'ASCII-only JSON inside JSON', encode: (s) => json(asciiOnly(s)), decode: (b) => unjson(unjson(b)) },
  { name: 'JSON inside JSON inside JSON', encode: (s) => json(json(json(s))), decode: (b) => unjson(unjson(unjson(b))) },
  { name: 'HTML, named references, inside JSON', encode: (s) => json(encodeHTML(s)), decode: (b) => decodeHTML(unjson(b)) },
  { name: 'JSON inside HTML', encode: (s) => encodeHTML(json(s)), decode: (b) => unjson(decodeHTML(b)) },
  { name: 'HTML, named references', encode: encodeHTML, decode: decodeHTML },
  { name: 'HTML, hex references', encode: encodeXML, decode: decodeHTML },
  { name: 'HTML, a decimal reference for every character', encode: (s) => [...s].map((c) => `&#${c.codePointAt(0)};`).join(''), decode: decodeHTML },
  { name: 'HTML escaped twice', encode: (s) => encodeHTML(encodeHTML(s)), decode: (b) => decodeHTML(decodeHTML(b)) },
  { name: 'percent-encoded', encode: encodeURIComponent, decode: decodeURIComponent },
  { name: 'percent-encoded, lower-case hex', encode: (s) => lowerHex(encodeURIComponent(s)), decode: decodeURIComponent },
  { name: 'percent-encoded in JSON', encode: (s) => json(encodeURIComponent(s)).replace(/\//g, '\\/'), decode: (b) => decodeURIComponent(unjson(b)) },
  { name: 'base64', encode: (s) => Buffer.from(s).toString('base64'), decode: (b) => b },
  { name: 'base64url', encode: (s) => Buffer.from(s).toString('base64url'), decode: (b) => b },
  { name: 'base64 in PHP JSON', encode: (s) => Buffer.from(s).toString('base64').replace(/\//g, '\\/'), decode: unjson }
]

/** Characters that make escaping matter, and any text at all. */
const secretArbitrary = fc
  .array(fc.oneof(fc.constantFrom('/', '&', '<', '>', '"', "'", '\\', '%', '+', '=', ' ', 'é', '€', '😀', '\u2028', ';', '#', '%f1', '%e2%82', '%41', '%2B', '\\T', '\\"', '\\\\', '&amp;'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 })), {
    minLength: 4,
    maxLength: 24
  })
  .map((parts) => parts.join(''))
  .filter((secret) => !secret.includes(REDACTED) && secret.length >= 4)

/** Body text that none of the decoders changes, so that decoding the body undoes only the secret's encoding. */
const inert = fc.string({ unit: fc.constantFrom(...'abcXYZ019 :,.{}[]_-!()'.split('')), maxLength: 30 })

describe('a secret a server echoes in a common encoding is redacted', () => {
  it.each(encodings.map((e) => [e.name, e] as const))('%s', (_, encoding) => {
    fc.assert(
      fc.property(secretArbitrary, inert, inert, fc.integer({ min: 1, max: 2 }), (secret, before, after, times) => {
        const encoded = encoding.encode(secret)
        const body = Array.from({ length: times }, () => `${before}${encoded}${after}`).join(' ')
        const redacted = createRedactor([secret]).redact(body)
        expect(redacted).toContain(REDACTED)
        expect(redacted).not.toContain(encoded)
        expect(encoding.decode(redacted)).not.toContain(secret)
      }),
      { numRuns: 60 }
    )
  })

  it('the issue\'s example: a 400 body from PHP echoing sk_live\\/…', () => {
    const secret = 'sk_live/9f8e7d6c5b4a'
    const body = '{"error":"invalid key sk_live\\/9f8e7d6c5b4a"}'
    expect(createRedactor([secret]).redact(body)).toBe(`{"error":"invalid key ${REDACTED}"}`)
  })

  it('keeps what it does not decode to a secret as written', () => {
    const text = '{"q":"a\\/b &amp; c%20d \\u00e9"}'
    expect(createRedactor(['sk_live_1234']).redact(text)).toBe(text)
  })
})

describe('a secret of any length', () => {
  it.each([
    ['30,000 ASCII characters', 'k'.repeat(29_990) + '0123456789'],
    ['6,000 non-ASCII characters', 'é€'.repeat(3_000)],
    ['1,000,000 characters', 'x9'.repeat(500_000)]
  ])('%s: redacted as itself and encoded', (_, secret) => {
    const redactor = createRedactor([secret])
    expect(redactor.redact(`a ${secret} b`)).toBe(`a ${REDACTED} b`)
    expect(redactor.redact(`a ${encodeURIComponent(secret)} b`)).toBe(`a ${REDACTED} b`)
    expect(redactor.redact(`a ${Buffer.from(secret).toString('base64')} b`)).toBe(`a ${REDACTED} b`)
  })
})
