/**
 * ajv's errors → the issues of a PayloadValidationError, phrased for the person who wrote the
 * mapping: which field, what is wrong, where the field is declared. Values are never quoted, as
 * they may be personal data or secrets.
 */
import type { Loc, ValidationErrorObject } from '../contract.js'
import { formatValuePath, type ValidationIssue } from '../errors/index.js'
import { instancePathKeys, typeWords } from '../lib/ajv-errors.js'
import type { PathKey } from '../lib/path.js'

/** What an issue needs to know of a field or setting. */
export interface NamedValue {
  name: string
  label: string
  type: string
  loc: Loc
}

/** How issues about a payload are worded; settings say it their own way. */
export interface IssueWording {
  /** For a required value that is not there. */
  missing: string
  /** For a name that is not among the fields. */
  unknown: string
}

const payloadWording: IssueWording = {
  missing: 'is required but missing (absent, null or empty)',
  unknown: 'is not a field of this action'
}

/** @param fields the payload's fields, or a destination's settings. */
export function issuesFromAjv(
  errors: readonly ValidationErrorObject[],
  fields: readonly NamedValue[],
  wording: IssueWording = payloadWording
): ValidationIssue[] {
  const byName = new Map(fields.map((f) => [f.name, f]))
  const issues: ValidationIssue[] = []
  const seen = new Set<string>()
  for (const error of errors) {
    const path = instancePathKeys(error.instancePath)
    // A root-level `required` or `additionalProperties` names its field in params; anything else is under the field it is about.
    const rootProperty = path.length === 0 ? rootPropertyOf(error) : undefined
    const name = rootProperty ?? String(path[0] ?? '')
    const field = byName.get(name)
    const message = describe(error, path.slice(1), field, wording)
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

function rootPropertyOf(error: ValidationErrorObject): string | undefined {
  if (error.keyword === 'required') return String(error.params.missingProperty)
  if (error.keyword === 'additionalProperties') return String(error.params.additionalProperty)
  return undefined
}

function describe(error: ValidationErrorObject, inner: readonly PathKey[], field: NamedValue | undefined, wording: IssueWording): string {
  const at = inner.length > 0 ? ` at ${formatValuePath(inner)}` : ''
  switch (error.keyword) {
    case 'required':
      return error.instancePath === ''
        ? wording.missing
        : `is missing ${formatValuePath([...inner, String(error.params.missingProperty)])}`
    case 'format':
      return `must be ${formatName(String(error.params.format))}${at}`
    case 'type': {
      const wanted = field?.type === 'datetime' && inner.length === 0 ? 'a datetime' : typeWords(String(error.params.type))
      return `must be ${wanted}${at}`
    }
    case 'minimum':
    case 'maximum':
      return field?.type === 'datetime'
        ? `must be epoch milliseconds of a date in the years 0000 to 9999${at}`
        : `must be ${error.keyword === 'minimum' ? 'at least' : 'at most'} ${String(error.params.limit)}${at}`
    case 'enum':
      return `must be one of ${((error.params.allowedValues as unknown[]) ?? []).map((v) => JSON.stringify(v)).join(', ')}${at}`
    case 'additionalProperties':
      return error.instancePath === '' ? wording.unknown : `has a key this field does not allow${at} (${String(error.params.additionalProperty)})`
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
