/**
 * Redaction of an error already built, for a gate that learns of secrets only after the errors
 * below it were made: starting a runtime from a configuration file redacts every error it ends
 * with by the values the file took from the environment, whichever layer raised it. The error
 * keeps its class and fields; its message, stack and text fields (a subscription's name, a path)
 * are redacted in place.
 */
import type { Redactor } from '../redaction/index.js'

export function redactError(error: unknown, redactor: Redactor): unknown {
  if (!(error instanceof Error)) return typeof error === 'string' ? redactor.redact(error) : error
  for (const key of Object.getOwnPropertyNames(error)) {
    const value = (error as unknown as Record<string, unknown>)[key]
    const redacted =
      typeof value === 'string'
        ? redactor.redact(value)
        : Array.isArray(value) && value.every((item) => typeof item === 'string' || typeof item === 'number')
          ? value.map((item) => (typeof item === 'string' ? redactor.redact(item) : item))
          : value
    if (redacted === value) continue
    Object.defineProperty(error, key, { value: redacted, writable: true, configurable: true, enumerable: Object.prototype.propertyIsEnumerable.call(error, key) })
  }
  return error
}
