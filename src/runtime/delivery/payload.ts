/**
 * Event → validated payload, the same way for compiled and interpreted actions:
 * resolve each field (the subscription's mapping, else the default), clean (as Segment's
 * `removeEmptyValues`), coerce scalars, validate, then apply the action's rules.
 */
import type { CompiledAction, Payload, SegmentEvent, ValueContext } from '../contract.js'
import { PayloadValidationError, type ValidationIssue } from '../errors/index.js'
import { pathSegmentProblem, pathSegmentText } from '../lib/path-segment.js'
import type { Redactor } from '../redaction/index.js'
import { setOwn } from '../support.js'
import { issuesFromAjv } from './validation-issues.js'

export type FieldResolver = (event: SegmentEvent, ctx: ValueContext) => unknown

/** A subscription's field mappings: per-field resolvers replacing the defaults. */
export interface FieldMapping {
  overrides: ReadonlyMap<string, FieldResolver>
  /** Segment's `useDefaultMappings`: fields the mapping does not name take their default. */
  useDefaults: boolean
  /** Segment's root `@transform`: the event every field (mapped or default) reads instead. */
  rewriteEvent?: (event: SegmentEvent) => SegmentEvent
}

export const defaultMapping: FieldMapping = { overrides: new Map(), useDefaults: true }

export type PayloadOutcome =
  | { kind: 'ready'; payload: Payload }
  | { kind: 'skip'; reason: string; location: { file: string; line: number; column: number } }
  | { kind: 'invalid'; error: PayloadValidationError }

export function resolvePayload(action: CompiledAction, original: SegmentEvent, mapping: FieldMapping, ctx: ValueContext): Payload {
  const event = mapping.rewriteEvent ? mapping.rewriteEvent(original) : original
  if (mapping.overrides.size === 0) return mapping.useDefaults ? action.resolveDefaults(event, ctx) : {}
  const payload: Payload = {}
  for (const field of action.fields) {
    const resolver = mapping.overrides.get(field.name) ?? (mapping.useDefaults ? action.defaults[field.name] : undefined)
    if (!resolver) continue
    const value = resolver(event, ctx)
    if (value !== undefined) setOwn(payload, field.name, value)
  }
  return payload
}

/**
 * Segment's `removeEmptyValues` on a payload (actions-core 3.170.0), field by field: a `null` is
 * removed (no field's type admits null), and so is a `""` for a field whose type is not text; for
 * a single event every top-level `""` goes, so a required field with it counts as missing. The
 * items of a `multiple` field are filtered the same way. Inside object fields nothing is removed.
 */
export function removeEmptyValues(payload: Payload, fields: CompiledAction['fields'], mode: 'single' | 'batch'): void {
  for (const field of fields) {
    if (!Object.prototype.hasOwnProperty.call(payload, field.name)) continue
    const value = payload[field.name]
    if (field.multiple && Array.isArray(value)) {
      payload[field.name] = value.filter((item) => !isEmptyFor(item, field.type))
    } else if (field.multiple ? isEmptyFor(value, 'array') : isEmptyFor(value, field.type) || (mode === 'single' && value === '')) {
      delete payload[field.name]
    }
  }
}

/** Whether Segment drops `value` for a schema of this type: null always, `""` unless text is allowed. */
function isEmptyFor(value: unknown, type: string): boolean {
  if (value === null) return true
  return value === '' && type !== 'string' && type !== 'datetime'
}

export function preparePayload(
  action: CompiledAction,
  event: SegmentEvent,
  mapping: FieldMapping,
  ctx: ValueContext,
  mode: 'single' | 'batch',
  redactor: Redactor
): PayloadOutcome {
  return checkPayload(action, resolvePayload(action, event, mapping, ctx), ctx, mode, redactor)
}

/**
 * A resolved payload → ready, skipped or invalid: cleaned, coerced and validated, then the rules
 * and the URL path segments. The second half of `preparePayload`, on its own for hosts that
 * resolve mappings themselves (actions-core, for `mapc build --target segment`).
 */
export function checkPayload(action: CompiledAction, payload: Payload, ctx: ValueContext, mode: 'single' | 'batch', redactor: Redactor): PayloadOutcome {
  if (action.clean) action.clean(payload, mode === 'single')
  else removeEmptyValues(payload, action.fields, mode)
  action.coerce(payload)
  if (!action.validate(payload)) {
    const issues = issuesFromAjv(action.validate.errors ?? [], action.fields)
    return { kind: 'invalid', error: new PayloadValidationError(issues, { location: action.loc, redactor }) }
  }
  const rule = action.rules(payload, ctx)
  if (rule?.kind === 'skip') return { kind: 'skip', reason: rule.reason, location: rule.loc }
  if (rule?.kind === 'reject') {
    const field = action.fields.find((f) => f.name === rule.field)
    const issue = { field: rule.field, message: rule.reason, location: rule.loc, ...(field ? { label: field.label } : {}) }
    return { kind: 'invalid', error: new PayloadValidationError([issue], { location: rule.loc, redactor }) }
  }
  const segmentIssues = pathSegmentIssues(action, payload)
  if (segmentIssues.length > 0) return { kind: 'invalid', error: new PayloadValidationError(segmentIssues, { location: action.loc, redactor }) }
  return { kind: 'ready', payload }
}

/** Fields that go into a URL path and hold a value that would not stay one segment there. */
function pathSegmentIssues(action: CompiledAction, payload: Payload): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  for (const name of action.pathFields ?? []) {
    const text = pathSegmentText(payload[name])
    const problem = text === undefined ? undefined : pathSegmentProblem(text)
    if (problem === undefined) continue
    const field = action.fields.find((f) => f.name === name)
    const message = `goes into the request's URL path, where it must be one segment, but it ${problem}`
    issues.push({ field: name, message, ...(field ? { label: field.label, location: field.loc } : {}) })
  }
  return issues
}
