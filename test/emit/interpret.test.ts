/**
 * The interpreter (src/compiler/interpret/interpret.ts) against the generated modules of the real
 * destinations, on the example events (examples/events.ndjson) that each action's trigger takes,
 * so that every action sends: the property test's hostile events are mostly refused before a
 * request is built, and its comparison is of bytes on the wire, where an empty `query` and no
 * `query` are the same. Here the interpreter's objects are compared with the module's strictly:
 * the same keys on the destination, its actions and their batch blocks (a description, a trigger,
 * a `perform`, `enabled` or a test request present exactly where the module has one), the same
 * path fields, and each RequestSpec handed to `send` equal key for key, with the per-item reports
 * of a batch's `results`.
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readApiSchema } from '../../src/compiler/check/api-schema.js'
import { interpretDestination } from '../../src/compiler/interpret/interpret.js'
import type { ActionContext, CompiledAction, CompiledDestination, Payload, RequestSpec, SegmentEvent, ValueContext } from '../../src/runtime/contract.js'
import { stubResponder, type ItemResults } from '../../src/testing/property/stub-responses.js'
import type { ExprIR } from '../../src/compiler/ir.js'
import { buildAndLoad, loadBoth, removeBuilds, type LoadedBoth } from '../support/build-destination.js'
import { compileWithApi, permissiveApi } from '../testing/property/support.js'
import { REAL_DESTINATIONS } from './support/map-files.js'

const SUITE = 'interpret'
const EVENTS = readFileSync('examples/events.ndjson', 'utf8')
  .split('\n')
  .flatMap((line): SegmentEvent[] => {
    // The file also holds lines that are no event (it feeds the demo's error paths too).
    try {
      const value = JSON.parse(line) as unknown
      return value !== null && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string' ? [value as SegmentEvent] : []
    } catch {
      return []
    }
  })

const loaded = new Map<string, LoadedBoth>()
beforeAll(async () => {
  for (const name of REAL_DESTINATIONS) loaded.set(name, await loadBoth(`mappings/${name}.map`, SUITE))
})
afterAll(() => removeBuilds(SUITE))

/** Settings every real destination accepts: each setting a string, `apiKey`-like ones a key. */
function settingsFor(destination: CompiledDestination): Record<string, unknown> {
  return Object.fromEntries(destination.settings.map((s) => [s.name, s.type === 'boolean' ? true : s.type === 'number' ? 5 : `${s.name}-value-7f3a`]))
}

/**
 * An object's keys, but `clean`: a module's compiled form of removeEmptyValues, which the runtime
 * does itself for an action without one (the interpreter's, and older modules').
 */
const keysOf = (value: object | undefined): string[] => (value === undefined ? [] : Object.keys(value).filter((k) => k !== 'clean').sort())

/** Where `results` reads the response (`response.results`), for a stub answer with one result per item. */
function itemResultsOf(results: ExprIR | undefined, count: number): ItemResults | undefined {
  if (results?.kind !== 'member' || results.object.kind !== 'ref' || results.object.target !== 'response') return undefined
  return { keys: [results.key], count }
}

interface Sent {
  specs: RequestSpec[]
  outcome: unknown
}

/** Runs `run` with a `send` that records each RequestSpec and answers it from the API's response schema. */
async function recording(name: string, ctx: ValueContext, run: (ctx: ActionContext) => Promise<unknown>, itemResults?: ItemResults): Promise<Sent> {
  const { api } = readApiSchema(JSON.parse(readFileSync(`mappings/apis/${name}.schema.json`, 'utf8')) as unknown, 'api')
  const responder = stubResponder(api)
  const specs: RequestSpec[] = []
  const send: ActionContext['send'] = async (spec) => {
    specs.push(structuredClone(spec))
    return { status: 200, headers: {}, body: responder.respond({ method: spec.method, url: spec.url }, specs.length, itemResults) }
  }
  try {
    return { specs, outcome: { value: structuredClone(await run({ ...ctx, send })) } }
  } catch (error) {
    return { specs, outcome: { threw: error instanceof Error ? `${error.name}: ${error.message}` : String(error) } }
  }
}

function eventsOf(action: CompiledAction): SegmentEvent[] {
  return EVENTS.filter((e) => action.eventTypes.includes(e.type as never) && (action.trigger?.(e) ?? true))
}

describe.each(REAL_DESTINATIONS)('%s: the interpreter builds what the generated module builds', (name) => {
  // The interpreter is made inside each test, not in beforeAll: Stryker counts what a test runs as
  // covered by it, and code run by a hook as covered by no test in particular.
  const both = (): LoadedBoth => {
    const pair = loaded.get(name) as LoadedBoth
    return { ...pair, interpreted: interpretDestination(pair.ir) }
  }

  it('the same keys on the destination, each action and each batch block, and the same path fields', () => {
    const { compiled, interpreted } = both()
    expect(keysOf(interpreted)).toEqual(keysOf(compiled))
    expect(interpreted.description).toBe(compiled.description)
    for (const [actionName, mine] of Object.entries(interpreted.actions)) {
      const theirs = compiled.actions[actionName] as CompiledAction
      expect(keysOf(mine), actionName).toEqual(keysOf(theirs))
      expect(keysOf(mine.batch), actionName).toEqual(keysOf(theirs.batch))
      expect(mine.pathFields, actionName).toStrictEqual(theirs.pathFields)
      expect(mine.fql, actionName).toBe(theirs.fql)
      expect(mine.description, actionName).toBe(theirs.description)
      expect(mine.batch?.enabledField, actionName).toBe(theirs.batch?.enabledField)
    }
  })

  it('the same test request, and the same auth headers', () => {
    const { compiled, interpreted } = both()
    const ctx: ValueContext = { settings: settingsFor(compiled), auth: { accessToken: 'token-5e1d' } }
    expect(typeof interpreted.testRequest).toBe(typeof compiled.testRequest)
    if (compiled.testRequest) expect(structuredClone(interpreted.testRequest?.(ctx))).toStrictEqual(structuredClone(compiled.testRequest(ctx)))
    expect(interpreted.authHeaders(ctx)).toStrictEqual(compiled.authHeaders(ctx))
  })

  it('the same triggers, defaults and rule outcomes on the example events', () => {
    const { compiled, interpreted } = both()
    const ctx: ValueContext = { settings: settingsFor(compiled), auth: {} }
    for (const [actionName, mine] of Object.entries(interpreted.actions)) {
      const theirs = compiled.actions[actionName] as CompiledAction
      for (const event of EVENTS) {
        expect(mine.trigger?.(event), actionName).toBe(theirs.trigger?.(event))
        const payload = theirs.resolveDefaults(event, ctx)
        expect(structuredClone(mine.resolveDefaults(event, ctx)), actionName).toStrictEqual(structuredClone(payload))
        for (const field of Object.keys(theirs.defaults)) expect(mine.defaults[field]?.(event, ctx)).toStrictEqual(theirs.defaults[field]?.(event, ctx))
        expect(mine.rules(payload, ctx), actionName).toStrictEqual(theirs.rules(payload, ctx))
      }
    }
    expect(interpreted.presets.map((p) => EVENTS.map((e) => p.trigger(e)))).toEqual(compiled.presets.map((p) => EVENTS.map((e) => p.trigger(e))))
  })

  it('the same RequestSpecs, one event at a time and in batches, and the same per-item reports', async () => {
    const { ir, compiled, interpreted } = both()
    const ctx: ValueContext = { settings: settingsFor(compiled), auth: { accessToken: 'token-5e1d' } }
    let performed = 0
    for (const [actionName, theirs] of Object.entries(compiled.actions)) {
      const mine = interpreted.actions[actionName] as CompiledAction
      const actionIR = ir.actions.find((a) => a.name === actionName)
      const payloads: Payload[] = eventsOf(theirs).map((event) => {
        const payload = theirs.resolveDefaults(event, ctx)
        theirs.coerce(payload)
        return payload
      })
      expect(payloads.length, `${actionName}: an example event its trigger takes`).toBeGreaterThan(0)
      for (const payload of payloads.slice(0, 4)) {
        if (!theirs.perform) continue
        const expected = await recording(name, ctx, (c) => (theirs.perform as NonNullable<CompiledAction['perform']>)(structuredClone(payload), c))
        const actual = await recording(name, ctx, (c) => (mine.perform as NonNullable<CompiledAction['perform']>)(structuredClone(payload), c))
        expect(actual, actionName).toStrictEqual(expected)
        performed += expected.specs.length
      }
      if (theirs.batch) {
        const items = payloads.slice(0, 3)
        const itemResults = itemResultsOf(actionIR?.batch?.results, items.length)
        const expected = await recording(name, ctx, (c) => (theirs.batch as NonNullable<CompiledAction['batch']>).perform(structuredClone(items), c), itemResults)
        const actual = await recording(name, ctx, (c) => (mine.batch as NonNullable<CompiledAction['batch']>).perform(structuredClone(items), c), itemResults)
        expect(actual, `${actionName} batch`).toStrictEqual(expected)
        performed += expected.specs.length
      }
    }
    expect(performed, 'requests built').toBeGreaterThan(0)
  })
})

describe('a destination without the optional parts', () => {
  // No description on the destination or its action, no trigger, no test request, no batch.
  const text = `destination bare {
  title "Bare"
  accepts track
  setting apiKey: string required secret { label "API key" }
  auth api_key { header authorization = "Bearer " + settings.apiKey }
  action post {
    title "Post"
    field name: string { label "Name" default $.event }
    perform {
      send POST "https://api.bare.test/events" { json { name: name } }
    }
  }
}
`
  it('leaves out what the module leaves out: description, trigger, fql, test request, batch', async () => {
    const ir = compileWithApi(text, permissiveApi({ 'POST https://api.bare.test/events': undefined }), 'test/emit/bare.map')
    const compiled = (await buildAndLoad(ir, SUITE)).destination
    const interpreted = interpretDestination(ir)
    expect(keysOf(interpreted)).toEqual(keysOf(compiled))
    expect(keysOf(interpreted)).not.toContain('description')
    expect(keysOf(interpreted)).not.toContain('testRequest')
    const mine = interpreted.actions.post as CompiledAction
    expect(keysOf(mine)).toEqual(keysOf(compiled.actions.post))
    for (const key of ['description', 'trigger', 'fql', 'batch', 'pathFields']) expect(keysOf(mine), key).not.toContain(key)
  })
})
