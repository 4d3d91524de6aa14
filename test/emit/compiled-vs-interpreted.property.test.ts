/**
 * Differential test of the code generator: for each real destination, generated events go
 * through the compiled module and through `interpretDestination(ir)` (the IR evaluated directly,
 * with the same runtime primitives), and everything observable must be identical: each field's
 * default, the resolved payload, triggers, validation and rule outcomes, every request (method,
 * URL, headers, body bytes) and every error, for single events and for batches. The same holds
 * for a build from the IR with the most trusting types (support/optimistic-types.ts): what the
 * generated code does must not depend on how cautious the checker's inferences are.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DestinationIR } from '../../src/compiler/ir.js'
import type { CompiledAction, CompiledDestination, SegmentEvent, ValueContext } from '../../src/runtime/contract.js'
import { preparePayload, type FieldMapping, type FieldResolver } from '../../src/runtime/delivery/payload.js'
import { compileMapping } from '../../src/configuration/mapping-kit/index.js'
import { createRedactor } from '../../src/runtime/redaction/index.js'
import { canonical } from './support/canonical.js'
import { comparable, deliverEvents, secretsOf } from './support/deliver-events.js'
import { eventPathsOf, hostileEventArbitrary, hostileValueArbitrary } from './support/hostile-events.js'
import { responsesArbitrary } from './support/response-arbitrary.js'
import { answersInOrder } from '../../src/conformance/scripted-transport.js'
import { withOptimisticTypes } from './support/optimistic-types.js'
import { metadataOf } from './support/destination-metadata.js'
import { buildAndLoad, loadBoth, removeBuilds, type LoadedBoth } from '../support/build-destination.js'
import { REAL_DESTINATIONS } from './support/map-files.js'

const SUITE = 'differential'
/** MAPC_DIFFERENTIAL_RUNS lowers the count for mutation testing, which reruns this per mutant. */
const RUNS = Number(process.env.MAPC_DIFFERENTIAL_RUNS ?? 300)
const TRUSTING_RUNS = Math.ceil(RUNS / 3)
/** Generous: the suite shares two cores (and Stryker reruns this per mutant). Nothing asserts on time. */
const TIMEOUT_MS = 180_000

interface Pair extends LoadedBoth {
  /** Built from the IR with the most trusting types. */
  trusting: CompiledDestination
}

const pairs = new Map<string, Pair>()

beforeAll(async () => {
  for (const name of REAL_DESTINATIONS) {
    const both = await loadBoth(`mappings/${name}.map`, SUITE)
    pairs.set(name, { ...both, trusting: (await buildAndLoad(withOptimisticTypes(both.ir), SUITE)).destination })
  }
})

afterAll(() => removeBuilds(SUITE))

/** A call's result, or the error it threw, as comparable text. */
function outcome(run: () => unknown): string {
  try {
    return `value ${canonical(run())}`
  } catch (error) {
    return `threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`
  }
}

function hasDirectiveKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasDirectiveKey)
  if (value === null || typeof value !== 'object') return false
  return Object.entries(value).some(([key, inner]) => key.startsWith('@') || hasDirectiveKey(inner))
}

/** Subscription mappings: the defaults, or mapping-kit overrides of some fields. */
function mappingArbitrary(ir: DestinationIR): fc.Arbitrary<{ overrides: [string, unknown][]; useDefaults: boolean }> {
  const fields = [...new Set(ir.actions.flatMap((a) => a.fields.map((f) => f.name)))]
  const paths = eventPathsOf(ir).filter((p) => p.every((k) => typeof k === 'string' && /^[A-Za-z_]\w*$/.test(k)))
  const json = fc.oneof(
    fc.constantFrom(...paths).map((p) => ({ '@path': `$.${p.join('.')}` })),
    // A raw value with an `@` key anywhere would be read as a directive, and refused when compiled.
    hostileValueArbitrary().filter((value) => !hasDirectiveKey(value))
  )
  return fc.record({
    overrides: fc.uniqueArray(fc.tuple(fc.constantFrom(...fields), json), { selector: ([f]) => f, maxLength: 3 }),
    useDefaults: fc.boolean()
  })
}

function fieldMapping(action: CompiledAction, spec: { overrides: [string, unknown][]; useDefaults: boolean }): FieldMapping {
  const overrides = new Map<string, FieldResolver>()
  for (const [field, json] of spec.overrides) {
    if (!action.fields.some((f) => f.name === field)) continue
    const resolve = compileMapping(json, `mapping.${field}`)
    overrides.set(field, (event) => resolve(event))
  }
  return { overrides, useDefaults: spec.useDefaults }
}

function settingsArbitrary(ir: DestinationIR): fc.Arbitrary<Record<string, unknown>> {
  const secret = fc.oneof(fc.constantFrom('sk_live_5f2b9c0e7a1d', 'k"e`y${x}\\', 'key\u2028with\u2029separators'), fc.string({ minLength: 4, maxLength: 12 }))
  return fc.record(Object.fromEntries(ir.settings.map((s) => [s.name, secret])))
}

const authArbitrary = fc.record({ accessToken: fc.oneof(fc.constant('oauth-token-3c1f7e9a'), fc.string({ minLength: 4, maxLength: 10 })) }, { requiredKeys: [] })

/** Everything one action does with the events, as comparable data. */
async function observe(destination: CompiledDestination, actionName: string, events: readonly SegmentEvent[], run: Run): Promise<unknown> {
  const action = destination.actions[actionName] as CompiledAction
  const ctx: ValueContext = { settings: run.settings, auth: run.auth }
  const mapping = fieldMapping(action, run.mapping)
  const redactor = createRedactor(secretsOf(destination, run))
  const perEvent = events.map((event) => ({
    trigger: outcome(() => action.trigger?.(event)),
    presets: destination.presets.map((p) => outcome(() => p.trigger(event))),
    defaults: Object.keys(action.defaults).map((name) => `${name}: ${outcome(() => action.defaults[name]?.(event, ctx))}`),
    resolved: outcome(() => action.resolveDefaults(event, ctx)),
    single: outcome(() => {
      const prepared = preparePayload(action, event, mapping, ctx, 'single', redactor)
      return prepared.kind === 'invalid' ? { kind: prepared.kind, error: prepared.error.toJSON() } : prepared
    }),
    batchItem: outcome(() => {
      const prepared = preparePayload(action, event, mapping, ctx, 'batch', redactor)
      return prepared.kind === 'invalid' ? { kind: prepared.kind, error: prepared.error.toJSON() } : prepared
    })
  }))
  const options = { settings: run.settings, auth: run.auth, mapping, script: answersInOrder(run.responses) }
  const one = await deliverEvents(destination, actionName, events, options)
  const batch = action.batch ? await deliverEvents(destination, actionName, events, { ...options, batchSize: run.batchSize }) : undefined
  return {
    perEvent,
    single: { results: one.results.map(comparable), requests: one.requests },
    batch: batch && { results: batch.results.map(comparable), requests: batch.requests }
  }
}

interface Run {
  settings: Record<string, unknown>
  auth: { accessToken?: string }
  mapping: { overrides: [string, unknown][]; useDefaults: boolean }
  responses: { status: number; body: unknown }[]
  batchSize: number
}

const runArbitrary = (ir: DestinationIR): fc.Arbitrary<Run> =>
  fc.record({
    settings: settingsArbitrary(ir),
    auth: authArbitrary,
    mapping: mappingArbitrary(ir),
    responses: responsesArbitrary,
    batchSize: fc.integer({ min: 1, max: 3 })
  })

async function agree(build: 'compiled' | 'trusting', name: string, runs: number): Promise<void> {
  const pair = pairs.get(name) as Pair
  await fc.assert(
    fc.asyncProperty(fc.array(hostileEventArbitrary(pair.ir), { minLength: 1, maxLength: 4 }), runArbitrary(pair.ir), async (events, run) => {
      for (const action of pair.ir.actions) {
        const mine = await observe(pair[build], action.name, events, run)
        const oracle = await observe(pair.interpreted, action.name, events, run)
        expect(canonical(mine), action.name).toBe(canonical(oracle))
      }
    }),
    { numRuns: runs }
  )
}

describe.each(REAL_DESTINATIONS)('%s: compiled module and interpreter agree', (name) => {
  it('on what the destination says about itself: settings, fields, presets, batching, schemas', () => {
    const pair = pairs.get(name) as Pair
    expect(metadataOf(pair.compiled)).toEqual(metadataOf(pair.interpreted))
  })
  it(`on ${RUNS} generated runs of every action`, () => agree('compiled', name, RUNS), TIMEOUT_MS)
  it(`on ${TRUSTING_RUNS} more, built from the most trusting types`, () => agree('trusting', name, TRUSTING_RUNS), TIMEOUT_MS)
})
