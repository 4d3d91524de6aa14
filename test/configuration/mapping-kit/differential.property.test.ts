/**
 * Differential test of mapc's mapping-kit against `@segment/actions-core` 3.170.0 itself.
 *
 * 1. Mappings: generated mappings (every directive heads its own run, nested with all the
 *    others, with random options) are applied to generated events by actions-core's `transform`
 *    and by mapc's `compileMapping`. The values must be equal, both must fail, or mapc must have
 *    refused the mapping where actions-core fails.
 * 2. Payloads: a subscription mapping of a test action (parity-action.ts), merged with the
 *    default mappings or not (`useDefaultMappings`), goes through actions-core's `Destination`
 *    (transform, `removeEmptyValues`, `validateSchema` on `fieldsToJsonSchema`) and through
 *    mapc's payload steps (resolve, clean, coerce, validate), one event at a time and in batches.
 *    Each event must be sent with the same payload by both, or fail in both.
 *
 * A difference is excused only by a deviation of src/configuration/mapping-kit/deviations.ts
 * whose detector (differential/deviation-detectors.ts) says it may apply. The seed is fixed;
 * `MAPC_DIFFERENTIAL_RUNS` sets the runs per directive (default 200), e.g. 800 for 10,000+ cases.
 */
import fc from 'fast-check'
import { actionsCore } from './differential/actions-core.js'
import { afterAll, describe, expect, it } from 'vitest'
import { compileMapping } from '../../../src/configuration/mapping-kit/index.js'
import { MAPPING_KIT_DEVIATIONS } from '../../../src/configuration/mapping-kit/deviations.js'
import { preparePayload, removeEmptyValues, resolvePayload, type FieldMapping, type FieldResolver } from '../../../src/runtime/delivery/payload.js'
import { MappingError } from '../../../src/runtime/errors/index.js'
import { createRedactor } from '../../../src/runtime/redaction/index.js'
import type { SegmentEvent } from '../../../src/runtime/contract.js'
import { applicableDeviations, DETECTORS } from './differential/deviation-detectors.js'
import { DIRECTIVES, eventWithDataArbitrary, mappingArbitraries } from './differential/mapping-arbitrary.js'
import { DEFAULT_MAPPINGS, FIELD_NAMES, mapcAction, segmentSide, type Outcome } from './differential/parity-action.js'

const RUNS = Number(process.env.MAPC_DIFFERENTIAL_RUNS ?? 200)
const SEED = 20_170
const { mapping: anyMapping, headedBy } = mappingArbitraries()

/** How each case ended, for the summary: agreed, or which deviation excused it. */
const tally = new Map<string, number>()
const count = (what: string): void => {
  tally.set(what, (tally.get(what) ?? 0) + 1)
}
const examples = new Map<string, string>()

afterAll(() => {
  const lines = [...tally.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([what, n]) => `  ${what}: ${n}`)
  console.log(`mapping-kit differential (${RUNS} runs per directive, seed ${SEED}):\n${lines.join('\n')}`)
  if (process.env.MAPC_DIFFERENTIAL_EXAMPLES) for (const [what, example] of examples) console.log(`${what}: ${example}`)
})

/** JSON text that keeps what JSON would hide: `undefined` array items, functions, unusual prototypes. */
function canonical(value: unknown): string {
  const seen = (v: unknown): unknown => {
    if (v === undefined) return { $: 'undefined' }
    if (typeof v === 'function') return { $: 'function' }
    if (Array.isArray(v)) return v.map(seen)
    if (v !== null && typeof v === 'object') {
      const proto = Object.getPrototypeOf(v) as unknown
      const entries = Object.keys(v).sort().map((k) => [k, seen((v as Record<string, unknown>)[k])] as const)
      const out: Record<string, unknown> = {}
      for (const [k, inner] of entries) Object.defineProperty(out, k, { value: inner, enumerable: true })
      return proto === Object.prototype || proto === null ? out : { $: 'prototype', out }
    }
    return v
  }
  return JSON.stringify(seen(value))
}

type Result = { kind: 'value'; text: string } | { kind: 'failed'; reason: string } | { kind: 'refused'; at: readonly (string | number)[]; reason: string }

function segmentResult(mapping: unknown, event: Record<string, unknown>): Result {
  try {
    return { kind: 'value', text: canonical((actionsCore.transform({ field: mapping }, structuredClone(event)) as Record<string, unknown>).field) }
  } catch (error) {
    return { kind: 'failed', reason: error instanceof Error ? error.message.split('\n')[0]!.trim() : String(error) }
  }
}

function mapcResult(mapping: unknown, event: Record<string, unknown>): Result {
  let resolve
  try {
    resolve = compileMapping(mapping, 'mapping.field')
  } catch (error) {
    if (!(error instanceof MappingError)) throw error
    return { kind: 'refused', at: error.path.slice(2), reason: error.message }
  }
  try {
    return { kind: 'value', text: canonical(resolve(structuredClone(event))) }
  } catch (error) {
    if (!(error instanceof MappingError)) throw error
    return { kind: 'failed', reason: error.message }
  }
}

/** Equal outcomes, or the deviations that excuse the difference; fails the property otherwise. */
function judge(what: string, segment: Result, mapc: Result, mapping: unknown, event: Record<string, unknown>, also: string[] = []): void {
  const same =
    (segment.kind === 'value' && mapc.kind === 'value' && segment.text === mapc.text) || (segment.kind === 'failed' && mapc.kind !== 'value')
  if (same) {
    count(`${what}: agree`)
    return
  }
  const excuses = [...also, ...applicableDeviations({ mapping, event, ...(mapc.kind === 'refused' ? { refusedAt: mapc.at } : {}) })]
  if (excuses.length === 0) {
    throw new Error(`${what} differs without a deviation:\n  actions-core: ${JSON.stringify(segment)}\n  mapc: ${JSON.stringify(mapc)}`)
  }
  const key = `${what}: deviation ${excuses.join('+')}`
  count(key)
  if (!examples.has(key)) examples.set(key, `${JSON.stringify(mapping)} on ${JSON.stringify(event).slice(0, 300)} → ${JSON.stringify(segment).slice(0, 200)} vs ${JSON.stringify(mapc).slice(0, 200)}`)
}

describe('mapping-kit against actions-core 3.170.0', () => {
  it('knows every documented deviation, and no other', () => {
    // The payload run tells two itself: batch-isolation (mapc sent an event of a batch Segment
    // failed) and coercion (mapc's coerced payload holds a value of another type than its field's).
    expect([...Object.keys(DETECTORS), 'batch-isolation', 'coercion'].sort()).toEqual(MAPPING_KIT_DEVIATIONS.map((d) => d.id).sort())
  })

  it.each(DIRECTIVES)('%s: the same value for generated mappings and events', (name) => {
    fc.assert(
      fc.property(headedBy(name), eventWithDataArbitrary, (mapping, event) => {
        judge('mapping', segmentResult(mapping, event), mapcResult(mapping, event), mapping, event)
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true }
    )
  })
})

const segment = segmentSide()
const action = mapcAction()
const redactor = createRedactor([])
const ctx = { settings: {}, auth: {} }

function fieldMapping(mapping: Record<string, unknown>, useDefaults: boolean): FieldMapping {
  const overrides = new Map<string, FieldResolver>()
  for (const [field, json] of Object.entries(mapping)) {
    const resolve = compileMapping(json, `segmentMapping.${field}`)
    overrides.set(field, (e) => resolve(e))
  }
  return { overrides, useDefaults }
}

/** The coercion deviation applies: after mapc's clean and coerce a field holds a value ajv would still convert. */
function coercible(event: SegmentEvent, mapping: Record<string, unknown>, useDefaults: boolean, mode: 'single' | 'batch'): boolean {
  let payload
  try {
    payload = resolvePayload(action, structuredClone(event), fieldMapping(mapping, useDefaults), ctx)
  } catch {
    return false
  }
  removeEmptyValues(payload, action.fields, mode)
  action.coerce(payload)
  return action.fields.some((field) => {
    if (!Object.hasOwn(payload, field.name)) return false
    const value = payload[field.name]
    if (field.multiple) return !Array.isArray(value) || value.some((item) => typeof item !== 'string')
    if (Array.isArray(value)) return field.type !== 'object'
    if (field.type === 'number' || field.type === 'integer') return typeof value === 'boolean' || typeof value === 'string'
    if (field.type === 'boolean') return typeof value === 'number' || typeof value === 'string'
    if (field.type === 'datetime') return typeof value === 'boolean'
    return false
  })
}

function mapcOutcome(event: SegmentEvent, mapping: Record<string, unknown>, useDefaults: boolean, mode: 'single' | 'batch'): Outcome {
  try {
    const prepared = preparePayload(action, structuredClone(event), fieldMapping(mapping, useDefaults), ctx, mode, redactor)
    if (prepared.kind === 'ready') return { kind: 'sent', payload: prepared.payload }
    return { kind: 'failed', reason: prepared.kind === 'invalid' ? prepared.error.message : prepared.reason }
  } catch (error) {
    if (!(error instanceof MappingError)) throw error
    return { kind: 'failed', reason: error.message }
  }
}

const asResult = (outcome: Outcome): Result => (outcome.kind === 'sent' ? { kind: 'value', text: canonical(outcome.payload) } : { kind: 'failed', reason: outcome.reason })

/** A subscription's mapping: some fields mapped with generated mappings (Segment would refuse the others). */
const subscriptionArbitrary = fc.record({
  mapping: fc.uniqueArray(fc.tuple(fc.constantFrom(...FIELD_NAMES), anyMapping), { selector: ([f]) => f, maxLength: 4 }),
  useDefaults: fc.boolean(),
  events: fc.array(eventWithDataArbitrary, { minLength: 1, maxLength: 4 })
})

/** Whether mapc compiles every field's mapping (else the subscription is refused at load time). */
function refusal(mapping: Record<string, unknown>): { field: string; at: readonly (string | number)[] } | undefined {
  for (const [field, json] of Object.entries(mapping)) {
    try {
      compileMapping(json, 'mapping.field')
    } catch (error) {
      if (error instanceof MappingError) return { field, at: error.path.slice(2) }
      throw error
    }
  }
  return undefined
}

describe('payloads against actions-core 3.170.0 (clean, coerce, validate)', () => {
  it.each(['single', 'batch'] as const)('%s: each event sent with the same payload, or failed by both', async (mode) => {
    await fc.assert(
      fc.asyncProperty(subscriptionArbitrary, async ({ mapping: entries, useDefaults, events }) => {
        const mapping = Object.fromEntries(entries)
        const merged = useDefaults ? { ...DEFAULT_MAPPINGS, ...mapping } : mapping
        const refused = refusal(mapping)
        const judgeEvent = (segmentOutcome: Result, event: SegmentEvent, mapcOutcomeOf: () => Result, also: string[] = []): void => {
          const field = refused?.field
          const mapc: Result = refused && field !== undefined ? { kind: 'refused', at: refused.at, reason: 'refused' } : mapcOutcomeOf()
          const excuses = [...also, ...(mapc.kind !== 'refused' && coercible(event, mapping, useDefaults, mode) ? ['coercion'] : [])]
          judge(`payload ${mode}`, segmentOutcome, mapc, refused && field !== undefined ? mapping[field] : merged, event, excuses)
        }
        if (mode === 'single') {
          for (const event of events) {
            const outcome = asResult(await segment.single(structuredClone(event), merged))
            judgeEvent(outcome, event, () => asResult(mapcOutcome(event, mapping, useDefaults, 'single')))
          }
          return
        }
        const outcomes = await segment.batch(events.map((e) => structuredClone(e)), merged)
        events.forEach((event, index) => {
          const mapc = () => asResult(mapcOutcome(event, mapping, useDefaults, 'batch'))
          if ('batchFailed' in outcomes) {
            // Segment fails the whole batch when one event's mapping throws; mapc fails only that event.
            judgeEvent({ kind: 'failed', reason: outcomes.batchFailed }, event, mapc, mapc().kind === 'failed' ? [] : ['batch-isolation'])
          } else judgeEvent(asResult(outcomes[index]!), event, mapc)
        })
      }),
      { numRuns: Math.max(50, Math.round(RUNS / 2)), seed: SEED, endOnFailure: true }
    )
  })
})
