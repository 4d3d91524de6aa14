/**
 * Literal values checked against the formats a field declares, at compile time, with the same
 * definitions the run-time validators use (ajv-formats, mapc's date-like).
 */
import { fullFormats } from 'ajv-formats/dist/formats.js'
import { isDateLike } from '../../runtime/lib/datetime.js'

/** Formats a string field may declare: `string(email)`. */
export const stringFormats = ['email', 'uri', 'uuid', 'date', 'date-time', 'time', 'hostname', 'ipv4', 'ipv6', 'text'] as const

export function isKnownFormat(format: string): boolean {
  return (stringFormats as readonly string[]).includes(format)
}

/** Does a string literal satisfy the format? Unknown formats accept everything. */
export function literalMatchesFormat(value: string, format: string): boolean {
  if (format === 'text') return true
  if (format === 'date-like') return isDateLike(value)
  const definition = (fullFormats as Record<string, unknown>)[format]
  if (definition instanceof RegExp) return definition.test(value)
  if (typeof definition === 'function') return Boolean((definition as (v: string) => boolean)(value))
  if (definition && typeof definition === 'object' && 'validate' in definition) {
    const validate = (definition as { validate: unknown }).validate
    if (validate instanceof RegExp) return validate.test(value)
    if (typeof validate === 'function') return Boolean((validate as (v: string) => boolean)(value))
  }
  return true
}
