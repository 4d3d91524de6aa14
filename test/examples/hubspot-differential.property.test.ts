/**
 * examples/hubspot, compiled and interpreted, on generated events and generated HubSpot answers:
 * 200 COMPLETE, 207 with errors naming inputs by objectWriteTraceId (the events' messageIds, or
 * ids that match none), errors naming nothing, numErrors above or below the list, bodies that are
 * no such answer, error statuses. Every result and every request must be identical, and no event
 * an error names is delivered.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { answersInOrder, type ScriptedAnswer } from '../../src/conformance/scripted-transport.js'
import type { SegmentEvent } from '../../src/runtime/contract.js'
import { jsonValueArbitrary } from '../../src/testing/index.js'
import { canonical } from '../emit/support/canonical.js'
import { comparable, deliverEvents } from '../emit/support/deliver-events.js'
import { hostileEventArbitrary } from '../emit/support/hostile-events.js'
import { loadBoth, removeBuilds, type LoadedBoth } from '../support/build-destination.js'

const SUITE = 'hubspot-differential'
const RUNS = Number(process.env.MAPC_DIFFERENTIAL_RUNS ?? 200)
let both: LoadedBoth

beforeAll(async () => {
  both = await loadBoth('examples/hubspot/hubspot.map', SUITE)
})
afterAll(() => removeBuilds(SUITE))

const IDS = ['m0', 'm1', 'm2', 'm3']
const traceId = fc.oneof(fc.constantFrom(...IDS), fc.constantFrom('zz', ''), jsonValueArbitrary(1))
const hubspotError = fc.record(
  {
    status: fc.constant('error'),
    category: fc.constantFrom('VALIDATION_ERROR', 'OBJECT_NOT_FOUND', 'RATE_LIMITS'),
    message: fc.string({ maxLength: 8 }),
    context: fc.oneof(fc.record({ objectWriteTraceId: fc.array(traceId, { maxLength: 2 }) }), fc.constant({}), jsonValueArbitrary(1))
  },
  { requiredKeys: ['status', 'message'] }
)
const body = fc.oneof(
  { weight: 4, arbitrary: fc.record({ status: fc.constant('COMPLETE'), results: fc.constant([]), errors: fc.array(hubspotError, { maxLength: 4 }), numErrors: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constant('2')) }, { requiredKeys: ['status'] }) },
  { weight: 1, arbitrary: jsonValueArbitrary(2) }
)
const answer: fc.Arbitrary<ScriptedAnswer> = fc.record({ status: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(200, 207) }, { weight: 1, arbitrary: fc.constantFrom(400, 429, 500) }), body })

/** Identify events with a valid email and one of the known messageIds, edited by the hostile-event arbitrary. */
const events = (): fc.Arbitrary<SegmentEvent[]> =>
  fc.array(
    fc.tuple(hostileEventArbitrary(both.ir), fc.constantFrom(...IDS), fc.constantFrom('ada@example.com', 'bob@example.com', 'not an email')).map(
      ([event, id, email]) => ({ ...event, type: 'identify', messageId: id, traits: { ...(typeof event.traits === 'object' && event.traits !== null ? event.traits : {}), email } }) as SegmentEvent
    ),
    { minLength: 1, maxLength: 4 }
  )

describe('examples/hubspot: compiled module and interpreter agree on batch answers', () => {
  it(`on ${RUNS} generated batches`, async () => {
    await fc.assert(
      fc.asyncProperty(events(), fc.array(answer, { minLength: 1, maxLength: 2 }), fc.integer({ min: 1, max: 4 }), async (batch, answers, batchSize) => {
        const options = { settings: { accessToken: 'pat-na1-0000', portalId: '42' }, script: answersInOrder(answers), batchSize }
        const compiled = await deliverEvents(both.compiled, 'upsertContact', batch, options)
        const interpreted = await deliverEvents(both.interpreted, 'upsertContact', batch, options)
        expect(canonical({ results: compiled.results.map(comparable), requests: compiled.requests })).toBe(
          canonical({ results: interpreted.results.map(comparable), requests: interpreted.requests })
        )
        expect(compiled.results).toHaveLength(batch.length)
        // With one request and a 2xx answer, an event whose messageId an error names is not delivered.
        const [first] = answers
        if (compiled.requests.length === 1 && first && first.status < 300 && typeof first.body === 'object' && first.body !== null) {
          const errors = (first.body as { errors?: unknown }).errors
          const named = new Set(Array.isArray(errors) ? errors.flatMap((e) => { const ids = (e as { context?: { objectWriteTraceId?: unknown } })?.context?.objectWriteTraceId; return Array.isArray(ids) ? [ids[0]] : [] }) : [])
          compiled.results.forEach((r, i) => {
            if (named.has(batch[i]?.messageId)) expect(r.status, `event ${i} (${String(batch[i]?.messageId)}) is named by an error`).not.toBe('delivered')
          })
        }
      }),
      { numRuns: RUNS }
    )
  }, 180_000)
})
