/**
 * The logging interface the runtime writes to. Structured: a fixed message plus fields, so
 * that a line logger, a JSON sink or a test can each render or inspect them as they need.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

export type LogFields = Record<string, unknown>

export interface Logger {
  debug(message: string, fields?: LogFields): void
  info(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  error(message: string, fields?: LogFields): void
  /**
   * Whether a record at `level` would be written. Optional: without it every record is assumed
   * wanted. With it, the runtime skips building (and redacting) fields nobody will read.
   */
  enabled?(level: LogLevel): boolean
}

/** Lowest first; a logger at a level writes that level and those after it. */
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error']

export function isLevelEnabled(level: LogLevel, threshold: LogLevel): boolean {
  return LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(threshold)
}
