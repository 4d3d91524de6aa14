/**
 * Attio's records and what an assertion does to them: find the record whose matching attribute
 * has the given value, or create one; set each attribute (multi-select values appended when the
 * request says so, `null` unsets); resolve record references, a nested assertion (batch) first.
 * A reference that names a record not there yet (a User by its ID) is kept and resolved when that
 * record appears, as a link shown in the state.
 */
import { randomUUID } from 'node:crypto'
import { ApiFailure } from '../core/api-definition.js'
import { setOwn } from '../core/own.js'
import type { WriteLog } from '../core/write-log.js'
import { CUSTOM_OBJECT, fitsFormat, STANDARD_OBJECTS, type ObjectModel } from './objects.js'

export interface RecordId {
  workspace_id: string
  object_id: string
  record_id: string
}

export interface AttioRecord {
  id: RecordId
  created_at: string
  values: Record<string, unknown>
}

/** A reference as stored: resolved to a record id, or still waiting for its target by the value it named. */
export interface Reference {
  target_object: string
  target_record_id: string | null
  referenced_as?: string
}

export interface AttioState {
  workspaceId: string
  objects: Map<string, { objectId: string; model: ObjectModel; records: AttioRecord[] }>
  /** Batch assertions Attio dropped (it answers a batch before applying it, so nobody else hears of them). */
  dropped: { assertion: number; object: unknown; reason: string }[]
}

export interface Assertion {
  object: string
  matchingAttribute: string
  values: Record<string, unknown>
  appendMultiselect: boolean
}

export function createAttioState(customObjects: readonly string[]): AttioState {
  const objects: AttioState['objects'] = new Map()
  for (const [slug, model] of Object.entries(STANDARD_OBJECTS)) objects.set(slug, { objectId: randomUUID(), model, records: [] })
  for (const slug of customObjects) objects.set(slug, { objectId: randomUUID(), model: CUSTOM_OBJECT, records: [] })
  return { workspaceId: randomUUID(), objects, dropped: [] }
}

export interface AssertContext {
  state: AttioState
  writes: WriteLog
  now: () => Date
}

/** Creates or updates the record; throws an ApiFailure (Attio's status and message) when Attio would refuse. */
export function assertRecord(ctx: AssertContext, assertion: Assertion): { record: AttioRecord; created: boolean } {
  const object = ctx.state.objects.get(assertion.object)
  if (!object) throw new ApiFailure(404, `Object with slug/ID "${assertion.object}" not found.`, 'invalid_request_error')
  const { model } = object
  const key = assertion.matchingAttribute
  if (model.unique.length > 0 && !model.unique.includes(key)) throw new ApiFailure(422, 'Cannot assert on a non-unique attribute', 'validation_type')
  const wanted = assertion.values[key]
  if (wanted === undefined || wanted === null) throw new ApiFailure(400, `The matching attribute "${key}" must be given a value`, 'validation_type')
  const values = resolveValues(ctx, object.model, assertion)
  const matchValues = asList(values[key])
  let record = object.records.find((r) => asList(r.values[key]).some((v) => matchValues.some((w) => sameValue(v, w))))
  const created = record === undefined
  if (!record) {
    record = { id: { workspace_id: ctx.state.workspaceId, object_id: object.objectId, record_id: randomUUID() }, created_at: ctx.now().toISOString(), values: {} }
    object.records.push(record)
  }
  for (const [attribute, value] of Object.entries(values)) {
    if (value === null) {
      delete record.values[attribute]
    } else if (model.multiselect.includes(attribute) && assertion.appendMultiselect) {
      const merged = asList(record.values[attribute])
      for (const item of asList(value)) if (!merged.some((m) => sameValue(m, item))) merged.push(item)
      setOwn(record.values, attribute, merged)
    } else {
      setOwn(record.values, attribute, model.multiselect.includes(attribute) ? asList(value) : value)
    }
  }
  ctx.writes.record(assertion.object, record.id.record_id, assertion.values)
  return { record, created }
}

/** The values to store: formats checked, references resolved (nested assertions applied first). */
function resolveValues(ctx: AssertContext, model: ObjectModel, assertion: Assertion): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [attribute, value] of Object.entries(assertion.values)) {
    const format = model.formats[attribute]
    if (format && value !== null && !asList(value).every((v) => fitsFormat(format, v))) {
      throw new ApiFailure(400, `Invalid value for attribute "${attribute}"`, 'validation_type')
    }
    const target = model.references[attribute]
    if (target === undefined || value === null) {
      setOwn(out, attribute, value)
      continue
    }
    const refs = asList(value).map((v) => reference(ctx, attribute, target, v, assertion.appendMultiselect))
    setOwn(out, attribute, model.multiselect.includes(attribute) ? refs : refs[0] ?? null)
  }
  return out
}

function reference(ctx: AssertContext, attribute: string, target: string, value: unknown, append: boolean): Reference {
  if (isNestedAssertion(value)) {
    const nested = assertRecord(ctx, {
      object: value.object,
      matchingAttribute: value.matching_attribute,
      values: value.values,
      appendMultiselect: value.multiselect_values === undefined ? append : value.multiselect_values === 'append'
    })
    return { target_object: value.object, target_record_id: nested.record.id.record_id }
  }
  const object = ctx.state.objects.get(target)
  if (typeof value !== 'string' || !object) throw new ApiFailure(400, `Invalid value for attribute "${attribute}"`, 'validation_type')
  const byId = object.records.find((r) => r.id.record_id === value)
  if (byId) return { target_object: target, target_record_id: value }
  const by = object.model.referencedBy
  if (!by) throw new ApiFailure(400, `Invalid value for attribute "${attribute}": no ${target} record with id "${value}"`, 'validation_type')
  const found = findBy(object.records, by.attribute, value)
  if (found) return { target_object: target, target_record_id: found.id.record_id, referenced_as: value }
  if (by.creates) {
    const { record } = assertRecord(ctx, { object: target, matchingAttribute: by.attribute, values: { [by.attribute]: value }, appendMultiselect: true })
    return { target_object: target, target_record_id: record.id.record_id, referenced_as: value }
  }
  return { target_object: target, target_record_id: null, referenced_as: value }
}

function isNestedAssertion(value: unknown): value is { object: string; matching_attribute: string; values: Record<string, unknown>; multiselect_values?: string } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false
  const v = value as Record<string, unknown>
  return typeof v.object === 'string' && typeof v.matching_attribute === 'string' && v.values !== null && typeof v.values === 'object' && !Array.isArray(v.values)
}

function findBy(records: readonly AttioRecord[], attribute: string, value: string): AttioRecord | undefined {
  return records.find((r) => asList(r.values[attribute]).some((v) => sameValue(v, value)))
}

/** References that named a record not there yet, resolved now if it has appeared since. */
export function resolvePending(state: AttioState, reference: Reference): Reference {
  if (reference.target_record_id !== null || reference.referenced_as === undefined) return reference
  const object = state.objects.get(reference.target_object)
  const by = object?.model.referencedBy
  const found = object && by ? findBy(object.records, by.attribute, reference.referenced_as) : undefined
  return found ? { ...reference, target_record_id: found.id.record_id } : reference
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return []
  return Array.isArray(value) ? [...value] : [value]
}

/**
 * Emails and domains compare without case, as Attio's unique checks do; references by their
 * record id, or while unresolved by the value that named the record.
 */
function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase()
  if (isReference(a) && isReference(b)) {
    if (a.target_record_id !== null && b.target_record_id !== null) return a.target_record_id === b.target_record_id
    return a.target_object === b.target_object && a.referenced_as !== undefined && a.referenced_as === b.referenced_as
  }
  return a === b
}

function isReference(value: unknown): value is Reference {
  return value !== null && typeof value === 'object' && 'target_object' in value
}
