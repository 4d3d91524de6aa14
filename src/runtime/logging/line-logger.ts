/**
 * Writes one line per record: `<time> <LEVEL> <message> key=value …`. One record is always one
 * line: line breaks and other control characters in messages and values are escaped, so a value
 * from an event or a response cannot forge a log line.
 */
import { isLevelEnabled, type LogFields, type Logger, type LogLevel } from './logger.js'

export interface LineStream {
  write(chunk: string): unknown
}

export interface LineLoggerOptions {
  /** The lowest level written; `debug` is verbose mode. Default `info`. */
  level?: LogLevel
  /** Injected by tests for stable output; omit `now` for real time. */
  now?: () => Date
  /** Leave the time out altogether (e.g. when the sink adds its own). */
  timestamps?: boolean
}

function escapeControl(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (char) => JSON.stringify(char).slice(1, -1))
}

/** Bare when unambiguous (`status=200`, `method=PUT`), JSON otherwise (`url="https://…"`, `error="a b"`). */
export function formatFieldValue(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value)
  if (typeof value === 'string') return /^[A-Za-z0-9_.:/@+-]+$/.test(value) ? value : JSON.stringify(value)
  if (value === undefined) return 'undefined'
  if (typeof value === 'bigint') return `${value}n`
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return JSON.stringify(String(value))
  }
}

export function formatLogLine(level: LogLevel, message: string, fields: LogFields | undefined, time?: Date): string {
  const parts: string[] = []
  if (time !== undefined) parts.push(time.toISOString())
  parts.push(level.toUpperCase(), escapeControl(message))
  for (const [key, value] of Object.entries(fields ?? {})) {
    parts.push(`${escapeControl(key).replace(/[\s=]/g, '_')}=${escapeControl(formatFieldValue(value))}`)
  }
  return `${parts.join(' ')}\n`
}

export function createLineLogger(stream: LineStream, options: LineLoggerOptions = {}): Logger {
  const threshold = options.level ?? 'info'
  const now = options.now ?? (() => new Date())
  const timestamps = options.timestamps ?? true
  const log =
    (level: LogLevel) =>
    (message: string, fields?: LogFields): void => {
      if (!isLevelEnabled(level, threshold)) return
      stream.write(formatLogLine(level, message, fields, timestamps ? now() : undefined))
    }
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error'), enabled: (level) => isLevelEnabled(level, threshold) }
}
