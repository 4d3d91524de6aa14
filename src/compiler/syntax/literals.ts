/**
 * The values of string, template and number tokens. The lexer uses these to report malformed
 * literals; the AST builder uses them for the values. Both read the same rules from here.
 */

export interface LiteralProblem {
  /** Offset of the problem relative to the start of the token's image. */
  offset: number
  length: number
  message: string
}

export interface Decoded {
  value: string
  problems: LiteralProblem[]
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t'
}

const TEMPLATE_ESCAPES: Record<string, string> = { ...SIMPLE_ESCAPES, '{': '{', '}': '}', '`': '`' }
const SINGLE_QUOTED_ESCAPES: Record<string, string> = { ...SIMPLE_ESCAPES, "'": "'" }

/** A string token's image: `"…"`, or the mistakes the lexer also reads as strings. */
export function stringTokenInfo(image: string): { quote: '"' | "'"; terminated: boolean } {
  const quote = image.startsWith("'") ? "'" : '"'
  const terminated = image.length >= 2 && image.endsWith(quote) && !endsWithOddBackslashes(image, image.length - 1)
  return { quote, terminated }
}

export function decodeStringToken(image: string): Decoded {
  const { quote, terminated } = stringTokenInfo(image)
  const body = image.slice(1, terminated ? image.length - 1 : image.length)
  return decodeEscapes(body, 1, quote === "'" ? SINGLE_QUOTED_ESCAPES : SIMPLE_ESCAPES)
}

export type TemplateChunkKind = 'whole' | 'head' | 'middle' | 'tail'

/** The raw text of a template chunk between its delimiters, and whether it is closed. */
export function templateChunkText(image: string, kind: TemplateChunkKind): { raw: string; terminated: boolean } {
  // A backtick that ends a template whose last interpolation was never closed (MAPC1050).
  if (kind === 'tail' && image === '`') return { raw: '', terminated: true }
  const closer = kind === 'head' || kind === 'middle' ? '{' : '`'
  const terminated = image.length >= 2 && image.endsWith(closer) && !endsWithOddBackslashes(image, image.length - 1)
  return { raw: image.slice(1, terminated ? image.length - 1 : image.length), terminated }
}

export function decodeTemplateChunk(image: string, kind: TemplateChunkKind): Decoded {
  return decodeEscapes(templateChunkText(image, kind).raw, 1, TEMPLATE_ESCAPES)
}

/** Template text as the formatter writes it: the characters that would end or split it are escaped. */
export function encodeTemplateText(value: string): string {
  let out = ''
  for (const char of value) {
    switch (char) {
      case '\\':
        out += '\\\\'
        break
      case '`':
        out += '\\`'
        break
      case '{':
        out += '\\{'
        break
      case '}':
        out += '\\}'
        break
      default:
        out += encodeControl(char)
    }
  }
  return out
}

/** A string as the formatter writes it: JSON's escaping, `/` left alone. */
export function encodeString(value: string): string {
  let out = '"'
  for (const char of value) {
    if (char === '"') out += '\\"'
    else if (char === '\\') out += '\\\\'
    else out += encodeControl(char)
  }
  return out + '"'
}

function encodeControl(char: string): string {
  switch (char) {
    case '\n':
      return '\\n'
    case '\r':
      return '\\r'
    case '\t':
      return '\\t'
    case '\b':
      return '\\b'
    case '\f':
      return '\\f'
  }
  const code = char.charCodeAt(0)
  // Control characters, and lone surrogates, which a UTF-8 file cannot hold.
  if (code < 0x20 || code === 0x7f || (char.length === 1 && code >= 0xd800 && code <= 0xdfff)) {
    return '\\u' + code.toString(16).padStart(4, '0')
  }
  return char
}

function decodeEscapes(body: string, bodyOffset: number, escapes: Record<string, string>): Decoded {
  let value = ''
  const problems: LiteralProblem[] = []
  let i = 0
  while (i < body.length) {
    const slash = body.indexOf('\\', i)
    if (slash < 0) {
      value += body.slice(i)
      break
    }
    value += body.slice(i, slash)
    const next = body[slash + 1]
    if (next === undefined) {
      problems.push({ offset: bodyOffset + slash, length: 1, message: 'a backslash at the end escapes nothing' })
      break
    }
    const simple = escapes[next]
    if (simple !== undefined) {
      value += simple
      i = slash + 2
      continue
    }
    if (next === 'u') {
      const hex = body.slice(slash + 2, slash + 6)
      if (/^[0-9A-Fa-f]{4}$/.test(hex)) {
        value += String.fromCharCode(parseInt(hex, 16))
        i = slash + 6
        continue
      }
      problems.push({
        offset: bodyOffset + slash,
        length: 2 + hex.match(/^[0-9A-Fa-f]*/)![0].length,
        message: '`\\u` must be followed by four hexadecimal digits'
      })
      i = slash + 2
      continue
    }
    const shown = String.fromCodePoint(body.codePointAt(slash + 1) ?? 0)
    problems.push({ offset: bodyOffset + slash, length: 1 + shown.length, message: `\`\\${shown}\` is not an escape sequence` })
    value += shown
    i = slash + 1 + shown.length
  }
  return { value, problems }
}

function endsWithOddBackslashes(image: string, end: number): boolean {
  let count = 0
  for (let i = end - 1; i >= 0 && image[i] === '\\'; i--) count++
  return count % 2 === 1
}

export interface DecodedNumber {
  value: number
  problem?: string
}

export function decodeNumber(raw: string): DecodedNumber {
  const value = Number(raw)
  if (/^-?0[0-9]/.test(raw)) return { value, problem: 'numbers cannot have leading zeros' }
  if (!Number.isFinite(value)) return { value, problem: `\`${raw}\` is too large to be a number` }
  return { value }
}
