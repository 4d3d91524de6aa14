/**
 * The spellings a secret takes on its way out of the process. A token is rarely printed as
 * itself only: it ends up percent-encoded in a query string, JSON-escaped in an echoed request
 * body, or base64-encoded inside `Authorization: Basic base64(user:password)`.
 */

/**
 * A secret base64-encoded as part of a longer string (Basic auth's `user:password`) does not
 * appear as the base64 of the secret alone: the output depends on the secret's byte offset
 * modulo 3. For each of the three offsets this returns the run of base64 characters that is
 * determined by the secret's bytes only, so it is found wherever the secret sits.
 */
export function base64Cores(bytes: Uint8Array): string[] {
  const cores: string[] = []
  for (let offset = 0; offset < 3; offset++) {
    const shifted = new Uint8Array(offset + bytes.length)
    shifted.set(bytes, offset)
    const encoded = Buffer.from(shifted).toString('base64').replace(/=+$/, '')
    // Character i encodes bits [6i, 6i + 6); keep those that lie wholly inside the secret's bits.
    const start = Math.ceil((8 * offset) / 6)
    const end = Math.floor((8 * (offset + bytes.length)) / 6)
    cores.push(encoded.slice(start, end))
  }
  return cores
}

function base64UrlOf(base64: string): string {
  return base64.replace(/\+/g, '-').replace(/\//g, '_')
}

function percentEncodedForms(secret: string): string[] {
  // A secret that is not well-formed Unicode (a lone surrogate) has no percent-encoded form:
  // encodeURIComponent refuses it, and no URL can carry it either.
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(secret)) return []
  const component = encodeURIComponent(secret)
  const form = new URLSearchParams({ s: secret }).toString().slice('s='.length)
  const uri = encodeURI(secret)
  // Percent-encoding's hex digits may be either case; servers echo both.
  const lowerHex = (text: string) => text.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase())
  return [component, lowerHex(component), form, lowerHex(form), uri, lowerHex(uri)]
}

/** Every spelling of `secret` that should be replaced, the secret itself first. */
export function secretForms(secret: string): string[] {
  const bytes = new TextEncoder().encode(secret)
  const base64 = Buffer.from(bytes).toString('base64')
  // Unpadded too: base64url (JWTs, Node's `base64url`) drops the `=`, and the core alone would leave its last character.
  const base64Forms = [base64, base64.replace(/=+$/, ''), ...base64Cores(bytes)]
  return [
    secret,
    JSON.stringify(secret).slice(1, -1),
    ...percentEncodedForms(secret),
    ...base64Forms,
    ...base64Forms.map(base64UrlOf)
  ]
}
