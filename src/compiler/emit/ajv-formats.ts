/**
 * The formats payload and settings schemas use, registered the same way for the ahead-of-time
 * validators and the interpreter: ajv-formats' regular expressions (inlined by standalone code),
 * mapc's `date-like`, and the documentation-only `password` and `text`.
 */
import type { Ajv } from 'ajv'
import { fullFormats } from 'ajv-formats/dist/formats.js'

const REGEX_FORMATS = ['email', 'uri', 'uuid', 'date', 'date-time', 'time', 'hostname', 'ipv4', 'ipv6'] as const

export function registerFormats(ajv: Ajv, dateLike: (value: string) => boolean): void {
  for (const name of REGEX_FORMATS) ajv.addFormat(name, fullFormats[name] as RegExp)
  // A password is any string; the format only says "redact me".
  ajv.addFormat('password', /^[\s\S]*$/)
  ajv.addFormat('text', /^[\s\S]*$/)
  ajv.addFormat('date-like', { type: 'string', validate: dateLike })
}
