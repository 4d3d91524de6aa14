/**
 * Wraps a logger so that nothing reaches it unredacted: the message, every field value (deeply)
 * and field names. Whatever the sink, secrets stop here.
 */
import type { Redactor } from '../redaction/index.js'
import type { LogFields, Logger, LogLevel } from './logger.js'

export function withRedaction(logger: Logger, redactor: Redactor): Logger {
  const forward =
    (level: LogLevel) =>
    (message: string, fields?: LogFields): void => {
      const redactedMessage = redactor.redact(message)
      if (fields === undefined) logger[level](redactedMessage)
      else logger[level](redactedMessage, redactor.redactValue(fields) as LogFields)
    }
  return {
    debug: forward('debug'),
    info: forward('info'),
    warn: forward('warn'),
    error: forward('error'),
    enabled: (level) => logger.enabled?.(level) ?? true
  }
}
