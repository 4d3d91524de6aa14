/**
 * Reading and interpreting response bodies. Error bodies are read only up to a limit: they are
 * kept for an excerpt in the error, and a misbehaving server must not be able to exhaust memory
 * through one.
 */
import { TextDecoder } from 'node:util'

export interface BodyText {
  text: string
  /** True when the body went on past the limit and was cut. */
  truncated: boolean
}

function decoderFor(contentType: string | null): TextDecoder {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '')?.[1]
  if (charset !== undefined) {
    try {
      return new TextDecoder(charset)
    } catch {
      // An unknown charset label: UTF-8 is the best guess for an API.
    }
  }
  return new TextDecoder('utf-8')
}

function charsetOf(contentType: string | null): string | undefined {
  if (contentType === null || !contentType.includes('charset')) return undefined
  return /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType)?.[1]
}

const UTF8 = /^utf-?8$/i

/**
 * A body received whole (or cut at a limit, `truncated`) as text in the charset its content type
 * names, UTF-8 by default. A leading byte-order mark is dropped, as fetch's decoding drops it;
 * an incomplete character at a cut is dropped too.
 */
export function decodeBody(bytes: Buffer, contentType: string | null, truncated: boolean): string {
  const charset = charsetOf(contentType)
  if (!truncated && (charset === undefined || UTF8.test(charset))) {
    const text = bytes.toString('utf8')
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  }
  const decoder = decoderFor(contentType)
  return decoder.decode(bytes, { stream: truncated })
}

/** The body as text, at most `limitBytes` of it; an incomplete character at the cut is dropped. */
export async function readBodyText(response: Response, limitBytes: number): Promise<BodyText> {
  const decoder = decoderFor(response.headers.get('content-type'))
  if (response.body === null) return { text: '', truncated: false }
  const reader = response.body.getReader()
  let text = ''
  let received = 0
  for (;;) {
    const chunk = await reader.read()
    if (chunk.done) return { text: text + decoder.decode(), truncated: false }
    const room = limitBytes - received
    if (chunk.value.byteLength > room) {
      text += decoder.decode(chunk.value.subarray(0, room), { stream: true })
      // Not awaited: the rest of the body is of no interest, and a stalled server must not hold us.
      reader.cancel().catch(() => undefined)
      return { text, truncated: true }
    }
    received += chunk.value.byteLength
    text += decoder.decode(chunk.value, { stream: true })
  }
}

export function isJsonMediaType(contentType: string | null): boolean {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  return mediaType === 'application/json' || mediaType.endsWith('+json')
}

/**
 * JSON when the content type says so, or when an untyped-looking body is an object or array
 * (some APIs label JSON `text/plain`); otherwise the text. A body that claims JSON but does not
 * parse stays text: the caller sees what arrived instead of a parse failure.
 */
export function parseBody(text: string, contentType: string | null): unknown {
  if (!isJsonMediaType(contentType) && !/^\s*[{[]/.test(text)) return text
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}
