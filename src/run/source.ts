/**
 * What `mapc run` reads, line by line: an event to deliver, a dead letter of an earlier run to
 * retry (its event, for the one subscription it failed at), a line that is no JSON (reported and
 * dead-lettered, never dropped), or a blank line.
 */
import { ndjsonLines, type RawLine } from './ndjson-lines.js'

export type MalformedCode = 'MALFORMED_LINE' | 'LINE_TOO_LONG'

export interface Target {
  destination: string
  subscription: string
}

export type SourceItem =
  | { kind: 'event'; line: number; event: unknown; only?: Target; bytesEnd: number }
  | { kind: 'malformed'; line: number; code: MalformedCode; reason: string; raw: string; rawTruncated?: true; bytesEnd: number }
  | { kind: 'blank'; line: number; bytesEnd: number }

/** Marks a dead letter (dead-letter.ts writes it), so that a dead-letter file can be read back as input. */
export const DEAD_LETTER_MARK = 'mapcDeadLetter'

export async function* sourceItems(chunks: AsyncIterable<Buffer | string>, maxLineBytes: number): AsyncGenerator<SourceItem> {
  for await (const raw of ndjsonLines(chunks, maxLineBytes)) yield itemOf(raw)
}

function itemOf(raw: RawLine): SourceItem {
  const { line, bytesEnd } = raw
  if (raw.kind === 'too-long') {
    const reason = `the line is ${raw.bytes} bytes long, more than the limit (--max-line-bytes); its first bytes are kept`
    return { kind: 'malformed', line, code: 'LINE_TOO_LONG', reason, raw: raw.prefix, rawTruncated: true, bytesEnd }
  }
  if (raw.kind === 'not-utf8') return { kind: 'malformed', line, code: 'MALFORMED_LINE', reason: 'the line is not valid UTF-8', raw: '', bytesEnd }
  return parsed(raw.text, line, bytesEnd, true)
}

function parsed(text: string, line: number, bytesEnd: number, readDeadLetters: boolean): SourceItem {
  if (text.trim() === '') return { kind: 'blank', line, bytesEnd }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return { kind: 'malformed', line, code: 'MALFORMED_LINE', reason: `not JSON: ${(error as Error).message}`, raw: text, bytesEnd }
  }
  if (readDeadLetters && isObject(value) && value[DEAD_LETTER_MARK] === 1) return retried(value, line, bytesEnd)
  return { kind: 'event', line, event: value, bytesEnd }
}

/** A dead letter read back: its event again, for the subscription it failed at; a malformed line is read again as it was. */
function retried(letter: Record<string, unknown>, line: number, bytesEnd: number): SourceItem {
  if ('event' in letter) {
    const { destination, subscription } = letter
    const only = typeof destination === 'string' && destination !== '' && typeof subscription === 'string' ? { only: { destination, subscription } } : {}
    return { kind: 'event', line, event: letter.event, bytesEnd, ...only }
  }
  if (typeof letter.raw === 'string' && letter.rawTruncated !== true) return parsed(letter.raw, line, bytesEnd, false)
  const reason = letter.rawTruncated === true ? 'a dead letter of a line too long to keep: only its first bytes are left' : 'a dead letter with neither `event` nor `raw`'
  return { kind: 'malformed', line, code: letter.rawTruncated === true ? 'LINE_TOO_LONG' : 'MALFORMED_LINE', reason, raw: typeof letter.raw === 'string' ? letter.raw : '', bytesEnd, ...(letter.rawTruncated === true ? { rawTruncated: true as const } : {}) }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}
