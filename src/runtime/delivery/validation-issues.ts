/**
 * ajv's errors → the issues of a PayloadValidationError, phrased for the person who wrote the
 * mapping: which field, what is wrong, where the field is declared. Values are never quoted, as
 * they may be personal data or secrets.
 */
import type { Loc, ValidationErrorObject } from '../contract.js'
import type { ValidationIssue } from '../errors/index.js'

/** What an issue needs to know of a field or setting. */
export interface NamedValue {
  name: string
  label: string
  type: string
  loc: Loc
}

export function issuesFromAjv(errors: readonly ValidationErrorObject[], fields: readonly NamedValue[]): ValidationIssue[] {
  const byName = new Map(fields.map((f) => [f.name, f]))
  const issues: ValidationIssue[] = []
  const seen = new Set<string>()
  for (const error of errors) {
    const path = error.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    const name = error.keyword === 'required' ? String(error.params.missingProperty) : path[0] ?? ''
    const field = byName.get(name)
    const message = describe(error, path.slice(1), field)
    const key = `${name}|${message}`
    if (seen.has(key)) continue
    seen.add(key)
    const issue: ValidationIssue = { field: name, message }
    if (field) {
      issue.label = field.label
      issue.location = field.loc
    }
    issues.push(issue)
  }
  return issues
}

function describe(error: ValidationErrorObject, inner: readonly string[], field: NamedValue | undefined): string {
  const at = inner.length > 0 ? ` at ${inner.join('.')}` : ''
  switch (error.keyword) {
    case 'required':
      return 'is required but missing (absent, null or empty)'
    case 'format':
      return `must be ${formatName(String(error.params.format))}${at}`
    case 'type': {
      const wanted = field?.type === 'datetime' ? 'a datetime' : article(String(error.params.type))
      return `must be ${wanted}${at}`
    }
    case 'enum':
      return `must be one of ${((error.params.allowedValues as unknown[]) ?? []).map((v) => JSON.stringify(v)).join(', ')}${at}`
    case 'additionalProperties':
      return `is not a field of this action (${String(error.params.additionalProperty)})`
    default:
      return `${error.message ?? 'is invalid'}${at}`
  }
}

function formatName(format: string): string {
  switch (format) {
    case 'email':
      return 'a valid email address'
    case 'date-like':
      return 'a date or datetime (ISO-8601, a zone-less time is UTC) or epoch milliseconds'
    case 'date-time':
      return 'an ISO-8601 datetime'
    case 'uri':
      return 'an absolute URI'
    default:
      return `a valid ${format}`
  }
}

function article(type: string): string {
  const names = type.split(',')
  return names.map((t) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`)).join(' or ')
}
