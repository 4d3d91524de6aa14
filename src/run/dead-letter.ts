/**
 * Dead letters: one NDJSON line for each input line that could not be read and for each event
 * whose delivery to a subscription finally failed, with the reason, so that nothing is lost and a
 * run over the file retries exactly those deliveries (source.ts reads them back).
 *
 * Each line is redacted as a whole with the redactor of the instance it failed at (every
 * instance's secrets for a line that belongs to none) before it is written, and written with a
 * synchronous append, so a second Ctrl-C loses none already counted.
 */
import { closeSync, openSync, writeSync } from 'node:fs'
import type { DeliveryResult, MapcError, Redactor } from '../runtime/index.js'
import { DEAD_LETTER_MARK, type MalformedCode } from './source.js'

export interface DeadLetter {
  [DEAD_LETTER_MARK]: 1
  /** The input it was read from (`-` for standard input) and its line there. */
  input: string
  line: number
  /** A runtime error code (`AUTHENTICATION`, `PAYLOAD_VALIDATION`…) or `MALFORMED_LINE`, `LINE_TOO_LONG`, `NOT_FIRED`. */
  code: string
  message: string
  /** Whether sending it again later could succeed. */
  retryable: boolean
  destination?: string
  action?: string
  subscription?: string
  messageId?: string
  /** HTTP attempts of the request that failed, and requests the action made for the event. */
  attempts?: number
  requests?: number
  /** The event, as read; absent for a line that is not JSON. */
  event?: unknown
  /** The line itself when it is not JSON (its first KiB when too long). */
  raw?: string
  rawTruncated?: true
  /** `MapcError.toJSON()`: status, URL, response body excerpt… */
  error?: Record<string, unknown>
  at: string
}

export function malformedLetter(input: string, line: number, code: MalformedCode, reason: string, raw: string, rawTruncated: boolean, at: Date): DeadLetter {
  return { [DEAD_LETTER_MARK]: 1, input, line, code, message: `line ${line}: ${reason}`, retryable: false, raw, ...(rawTruncated ? { rawTruncated: true as const } : {}), at: at.toISOString() }
}

export function failedLetter(input: string, line: number, event: unknown, result: Extract<DeliveryResult, { status: 'failed' }>, at: Date): DeadLetter {
  const error = result.error.toJSON()
  const attempts = typeof error.attempts === 'number' ? { attempts: error.attempts } : {}
  const target = result.destination === '' ? {} : { destination: result.destination, action: result.action, subscription: result.subscription }
  return {
    [DEAD_LETTER_MARK]: 1,
    input,
    line,
    code: result.error.code,
    message: result.error.message,
    retryable: result.error.retryable,
    ...target,
    ...(result.messageId !== undefined ? { messageId: result.messageId } : {}),
    ...attempts,
    requests: result.requests,
    event,
    error: error as unknown as Record<string, unknown>,
    at: at.toISOString()
  }
}

/** An event that fired nothing when it was retried for one subscription: that subscription is gone or no longer matches. */
export function notFiredLetter(input: string, line: number, event: unknown, target: { destination: string; subscription: string }, at: Date): DeadLetter {
  const message = `line ${line}: the dead letter is for ${target.destination} / ${target.subscription}, which this configuration does not have or whose trigger no longer matches the event`
  return { [DEAD_LETTER_MARK]: 1, input, line, code: 'NOT_FIRED', message, retryable: false, ...target, event, at: at.toISOString() }
}

export function errorLetter(input: string, line: number, event: unknown, error: MapcError, at: Date): DeadLetter {
  return { [DEAD_LETTER_MARK]: 1, input, line, code: error.code, message: error.message, retryable: error.retryable, event, error: error.toJSON() as unknown as Record<string, unknown>, at: at.toISOString() }
}

export interface DeadLetterSink {
  write(letter: DeadLetter, redactor: Redactor): void
  /** Letters written so far. */
  readonly written: number
  close(): void
}

/** Appends to `file`, created on the first letter: a run without dead letters leaves no file. */
export function deadLetterFile(file: string): DeadLetterSink & { readonly file: string } {
  let fd: number | undefined
  let written = 0
  return {
    file,
    write(letter, redactor) {
      fd ??= openSync(file, 'a')
      writeSync(fd, `${redactor.redact(JSON.stringify(letter))}\n`)
      written++
    },
    get written() {
      return written
    },
    close() {
      if (fd !== undefined) closeSync(fd)
      fd = undefined
    }
  }
}

/** Keeps nothing: dry runs write no dead letters, and report them in the summary only. */
export function countingSink(): DeadLetterSink {
  let written = 0
  return {
    write: () => void written++,
    get written() {
      return written
    },
    close() {}
  }
}
