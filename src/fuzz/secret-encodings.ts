/**
 * The spellings a server uses when it echoes a secret back: JSON as JavaScript, PHP, Python and
 * Go write it, JSON inside JSON, HTML character references, percent-encoding, base64. The echo
 * server writes them; the leak oracle (secret-leaks.ts) looks for all of them, and for the secret
 * in whatever a reader could decode from an output.
 */

/** `\uXXXX` for every UTF-16 unit that `escape` says so. */
function jsonEscapedWhere(secret: string, escape: (unit: number) => boolean): string {
  let out = ''
  for (const char of JSON.stringify(secret).slice(1, -1)) {
    const unit = char.charCodeAt(0)
    out += char.length === 1 && escape(unit) ? `\\u${unit.toString(16).padStart(4, '0')}` : char
  }
  return out
}

function htmlEscaped(secret: string, style: 'named' | 'decimal' | 'hex'): string {
  let out = ''
  for (const char of secret) {
    const code = char.codePointAt(0) as number
    if (style === 'decimal') out += `&#${code};`
    else if (style === 'hex') out += `&#x${code.toString(16)};`
    else out += char === '&' ? '&amp;' : char === '<' ? '&lt;' : char === '>' ? '&gt;' : char === '"' ? '&quot;' : char === "'" ? '&#39;' : char
  }
  return out
}

function percentEncoded(secret: string): string | undefined {
  try {
    return encodeURIComponent(secret)
  } catch {
    // A lone surrogate has no UTF-8 form: no server can echo it percent-encoded.
    return undefined
  }
}

/** Each encoding by name: what the echo server can write. Undefined where the secret has no such form. */
export const SECRET_ENCODINGS: Readonly<Record<string, (secret: string) => string | undefined>> = {
  raw: (s) => s,
  json: (s) => JSON.stringify(s).slice(1, -1),
  'json-php-slashes': (s) => JSON.stringify(s).slice(1, -1).replace(/\//g, '\\/'),
  'json-python-ascii': (s) => jsonEscapedWhere(s, (u) => u > 0x7e),
  'json-go-html': (s) => jsonEscapedWhere(s, (u) => u === 0x3c || u === 0x3e || u === 0x26 || u === 0x2028 || u === 0x2029),
  'json-every-unit': (s) => jsonEscapedWhere(s, () => true),
  'json-twice': (s) => JSON.stringify(JSON.stringify(s)).slice(1, -1),
  'html-named': (s) => htmlEscaped(s, 'named'),
  'html-decimal': (s) => htmlEscaped(s, 'decimal'),
  'html-hex': (s) => htmlEscaped(s, 'hex'),
  'html-twice': (s) => htmlEscaped(htmlEscaped(s, 'decimal'), 'named'),
  percent: percentEncoded,
  'percent-lower': (s) => percentEncoded(s)?.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()),
  form: (s) => (percentEncoded(s) === undefined ? undefined : new URLSearchParams({ s }).toString().slice(2)),
  base64: (s) => Buffer.from(s, 'utf8').toString('base64'),
  base64url: (s) => Buffer.from(s, 'utf8').toString('base64url'),
  'basic-auth': (s) => Buffer.from(`user:${s}`, 'utf8').toString('base64')
}

export const SECRET_ENCODING_NAMES = Object.keys(SECRET_ENCODINGS)
