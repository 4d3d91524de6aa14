/**
 * What a reader could decode from a text, with every decoded character mapped back to the span
 * of the original text it came from. A server that echoes a request in its error body escapes it
 * as its language does: PHP's JSON writes `\/`, Go's `\u0026`, Python's `\u00e9` for every
 * non-ASCII character, HTML pages `&amp;` and `&#115;`, and a body that embeds JSON as a string
 * escapes it twice. The secret is not in such text as written, but it is in what it decodes to;
 * redaction looks there too and masks the original span.
 *
 * One pass decodes JSON string escapes, HTML character references (the `entities` package's
 * table) and percent-encoded UTF-8 wherever they occur. Passes repeat, so that text escaped
 * twice or three times (JSON in JSON, `&amp;#115;`) is decoded as far.
 */
import { loadPackage } from '../lib/load-package.js'

type DecodeHTML = (text: string) => string
let loadedDecodeHTML: DecodeHTML | undefined

/**
 * `entities`' decoder, loaded on the first character reference a text holds: its tables cost a
 * cold start some 60-80 ms, and most texts that are redacted hold no `&`.
 */
function decodeHTML(text: string): string {
  loadedDecodeHTML ??= (loadPackage('entities/decode') as { decodeHTML: DecodeHTML }).decodeHTML
  return loadedDecodeHTML(text)
}

/** A decoded text, and for each of its UTF-16 units the original span `[starts[i], ends[i])`. */
export interface DecodedView {
  text: string
  starts: readonly number[]
  ends: readonly number[]
}

/** How many times escapes are decoded: JSON inside JSON inside a JSON body is as deep as servers go. */
export const DECODING_PASSES = 3

const JSON_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }
const HEX4 = /^[0-9A-Fa-f]{4}$/
const CHARACTER_REFERENCE = /&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/y
const PERCENT_BYTE = /%[0-9A-Fa-f]{2}/y

/** Whether `text` holds anything a pass could decode: the fast path for most messages. */
export function mayBeEncoded(text: string): boolean {
  return text.includes('\\') || text.includes('&') || text.includes('%')
}

/** The views of `text` after one, two, … passes, each mapped to `text` itself; none when there is nothing to decode. */
export function decodedViews(text: string, passes = DECODING_PASSES): DecodedView[] {
  const views: DecodedView[] = []
  let current: DecodedView | undefined
  for (let pass = 0; pass < passes; pass++) {
    const source = current?.text ?? text
    if (!mayBeEncoded(source)) break
    const next = decodeOnce(source)
    if (next === undefined) break
    current = current === undefined ? next : compose(current, next)
    views.push(current)
  }
  return views
}

/** The three kinds of escape a pass decodes. */
export type EscapeKind = 'json' | 'html' | 'percent'

/** One pass over `text` (leaving escapes of kind `skip` as written); undefined when it decodes nothing. */
export function decodeOnce(text: string, skip?: EscapeKind): DecodedView | undefined {
  const units: string[] = []
  const starts: number[] = []
  const ends: number[] = []
  const emit = (decoded: string, start: number, end: number): void => {
    for (let k = 0; k < decoded.length; k++) {
      units.push(decoded[k] as string)
      starts.push(start)
      ends.push(end)
    }
  }
  let changed = false
  let i = 0
  while (i < text.length) {
    const c = text[i] as string
    const consumed =
      c === '\\' && skip !== 'json'
        ? jsonEscape(text, i, emit)
        : c === '&' && skip !== 'html'
          ? characterReference(text, i, emit)
          : c === '%' && skip !== 'percent'
            ? percentEncoded(text, i, emit)
            : 0
    if (consumed > 0) {
      changed = true
      i += consumed
    } else {
      emit(c, i, i + 1)
      i++
    }
  }
  return changed ? { text: units.join(''), starts, ends } : undefined
}

type Emit = (decoded: string, start: number, end: number) => void

function jsonEscape(text: string, at: number, emit: Emit): number {
  const next = text[at + 1]
  if (next === undefined) return 0
  const simple = JSON_ESCAPES[next]
  if (simple !== undefined) {
    emit(simple, at, at + 2)
    return 2
  }
  if (next === 'u') {
    const hex = text.slice(at + 2, at + 6)
    if (!HEX4.test(hex)) return 0
    emit(String.fromCharCode(parseInt(hex, 16)), at, at + 6)
    return 6
  }
  return 0
}

function characterReference(text: string, at: number, emit: Emit): number {
  CHARACTER_REFERENCE.lastIndex = at
  const match = CHARACTER_REFERENCE.exec(text)
  if (match === null) return 0
  const decoded = decodeHTML(match[0])
  if (decoded === match[0]) return 0
  emit(decoded, at, at + match[0].length)
  return match[0].length
}

/** A run of `%XX` bytes, decoded as UTF-8 where its sequences are well-formed; other bytes stay as written. */
function percentEncoded(text: string, at: number, emit: Emit): number {
  const bytes: number[] = []
  for (let i = at; ; i += 3) {
    PERCENT_BYTE.lastIndex = i
    if (!PERCENT_BYTE.test(text)) break
    bytes.push(parseInt(text.slice(i + 1, i + 3), 16))
  }
  if (bytes.length === 0) return 0
  // Emitted only once the run is known to decode something: a run that does not (`%f1` alone) is
  // left to the caller, which copies it as written; emitting it here too would copy it twice,
  // shifting the view off the text (and the secret after it out of sight).
  const pieces: [string, number, number][] = []
  let decodedAny = false
  for (let b = 0; b < bytes.length; ) {
    const length = sequenceLength(bytes, b)
    const start = at + 3 * b
    if (length === 0) {
      pieces.push([text.slice(start, start + 3), start, start + 3])
      b++
      continue
    }
    pieces.push([Buffer.from(bytes.slice(b, b + length)).toString('utf8'), start, start + 3 * length])
    decodedAny = true
    b += length
  }
  if (!decodedAny) return 0
  for (const [decoded, start, end] of pieces) emit(decoded, start, end)
  return 3 * bytes.length
}

/** The length of the well-formed UTF-8 sequence at `bytes[at]`, or 0. */
function sequenceLength(bytes: readonly number[], at: number): number {
  const lead = bytes[at] as number
  const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0
  if (length === 0 || at + length > bytes.length) return 0
  for (let k = 1; k < length; k++) if (((bytes[at + k] as number) & 0xc0) !== 0x80) return 0
  // Overlong, surrogate and out-of-range forms decode to U+FFFD: not what the text says.
  return Buffer.from(bytes.slice(at, at + length)).toString('utf8').includes('\uFFFD') ? 0 : length
}

/** `inner` decodes `outer.text`: map its spans through `outer` to the original text. */
function compose(outer: DecodedView, inner: DecodedView): DecodedView {
  return {
    text: inner.text,
    starts: inner.starts.map((s) => outer.starts[s] as number),
    ends: inner.ends.map((e) => outer.ends[e - 1] as number)
  }
}
