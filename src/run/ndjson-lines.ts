/**
 * The lines of an NDJSON stream, read chunk by chunk: never more than one line (and at most
 * `maxLineBytes` of it) in memory. A line longer than that is reported with its first bytes
 * rather than kept whole, a line that is not valid UTF-8 is reported as such, and `\r\n`, a
 * byte-order mark and a last line without a newline are read as NDJSON writers mean them.
 */

export type RawLine =
  | { kind: 'text'; line: number; text: string; bytesEnd: number }
  | { kind: 'too-long'; line: number; bytes: number; prefix: string; bytesEnd: number }
  | { kind: 'not-utf8'; line: number; bytes: number; bytesEnd: number }

/** How much of an overlong line is kept, for the dead letter. */
export const TOO_LONG_PREFIX_BYTES = 1024

export async function* ndjsonLines(chunks: AsyncIterable<Buffer | string>, maxLineBytes: number): AsyncGenerator<RawLine> {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let pieces: Buffer[] = []
  let length = 0
  let tooLong = false
  let line = 0
  let offset = 0

  const finish = (bytesEnd: number): RawLine => {
    line++
    const kept = Buffer.concat(pieces)
    const bytes = length
    pieces = []
    length = 0
    if (tooLong) {
      tooLong = false
      return { kind: 'too-long', line, bytes, prefix: kept.subarray(0, TOO_LONG_PREFIX_BYTES).toString('utf8'), bytesEnd }
    }
    const withoutCr = kept.length > 0 && kept[kept.length - 1] === 13 ? kept.subarray(0, kept.length - 1) : kept
    let text: string
    try {
      text = decoder.decode(withoutCr)
    } catch {
      return { kind: 'not-utf8', line, bytes, bytesEnd }
    }
    if (line === 1 && text.startsWith('\uFEFF')) text = text.slice(1)
    return { kind: 'text', line, text, bytesEnd }
  }

  const keep = (segment: Buffer): void => {
    if (!tooLong && length + segment.length > maxLineBytes) {
      tooLong = true
      // Only the prefix is kept from here on; the rest of the line is counted, not stored.
      const kept = Buffer.concat(pieces).subarray(0, TOO_LONG_PREFIX_BYTES)
      pieces = kept.length < TOO_LONG_PREFIX_BYTES ? [kept, segment.subarray(0, TOO_LONG_PREFIX_BYTES - kept.length)] : [kept]
    } else if (!tooLong) {
      pieces.push(segment)
    }
    length += segment.length
  }

  for await (const raw of chunks) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw
    let start = 0
    for (let newline = chunk.indexOf(10, start); newline !== -1; newline = chunk.indexOf(10, start)) {
      keep(chunk.subarray(start, newline))
      yield finish(offset + newline + 1)
      start = newline + 1
    }
    if (start < chunk.length) keep(chunk.subarray(start))
    offset += chunk.length
  }
  if (length > 0 || tooLong) yield finish(offset)
}
