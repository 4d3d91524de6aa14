/**
 * Batching over real HTTP: batches sent by size and by age, per-item results mapped back to each
 * event, a bad item failing alone, flush() and close() — every event gets exactly one result.
 */
import { describe, expect, it } from 'vitest'
import type { DeliveryResult } from '../../../src/runtime/delivery/results.js'
import { ClientError, ItemRejectedError, PayloadValidationError } from '../../../src/runtime/errors/index.js'
import type { SubscriptionConfig } from '../../../src/runtime/config-types.js'
import { itemResults, routes, useApiServer } from './support/api-server.js'
import { useGeneratedCrm } from './support/generated-crm.js'
import { startRuntime } from './support/runtime-setup.js'
import { groupEvent, trackEvent } from '../core/support/events.js'

const server = useApiServer()
const crm = useGeneratedCrm(server)

const batchedTrack = (batch: SubscriptionConfig['batch'], extra: Partial<SubscriptionConfig> = {}): SubscriptionConfig[] => [
  { name: 'batched tracks', trigger: 'type = "track"', action: 'trackEvent', batch, ...extra }
]

const events = (...ids: string[]) => ids.map((id) => trackEvent({ messageId: id, event: `Event ${id}` }))

/** Each send's results, flattened to `[messageId, status]`. */
async function outcomes(sends: Promise<DeliveryResult[]>[]): Promise<[string | undefined, string][]> {
  return (await Promise.all(sends)).flat().map((r) => [r.messageId, r.status])
}

function errorOf(result: DeliveryResult | undefined) {
  if (result?.status !== 'failed') throw new Error(`expected a failure, got ${JSON.stringify(result)}`)
  return result.error
}

/** The names of the events in each batch request, in the order the requests arrived. */
function batches(): string[][] {
  return server.bodiesAt('/v1/events/batch').map((body) => (body as { events: { name: string }[] }).events.map((e) => e.name))
}

describe('by size', () => {
  it('sends a full batch at once and maps each per-item result back to its event', async () => {
    server.handle(routes({ '/v1/events/batch': (request) => itemResults(request, { 1: { status: 422, message: 'unknown user' } }) }))
    const { runtime } = startRuntime(crm, { subscriptions: batchedTrack({ size: 3, maxAgeMs: 60_000 }) })
    const sends = events('a', 'b', 'c').map((e) => runtime.send(e))
    expect(await outcomes(sends)).toEqual([
      ['a', 'delivered'],
      ['b', 'failed'],
      ['c', 'delivered']
    ])
    const error = errorOf((await sends[1])?.[0])
    expect(error).toBeInstanceOf(ItemRejectedError)
    expect(error.message).toBe(`${crm.mapFile}:${crm.lineOf('    batch {')}:5 batch item 1 rejected with status 422: unknown user`)
    expect(batches()).toEqual([['Event a', 'Event b', 'Event c']])
  })

  it('fails an invalid event alone and leaves it out of the request', async () => {
    server.handle(routes({ '/v1/events/batch': (request) => itemResults(request) }))
    const { runtime } = startRuntime(crm, { subscriptions: batchedTrack({ size: 3, maxAgeMs: 60_000 }) })
    const [a, b, c] = events('a', 'b', 'c')
    const sends = [runtime.send(a ?? {}), runtime.send({ ...b, userId: undefined }), runtime.send(c ?? {})]
    expect(await outcomes(sends)).toEqual([
      ['a', 'delivered'],
      ['b', 'failed'],
      ['c', 'delivered']
    ])
    const error = errorOf((await sends[1])?.[0])
    expect(error).toBeInstanceOf(PayloadValidationError)
    expect(error.message).toBe(`${crm.mapFile}:${crm.lineOf('reject user_id')}:5 field user_id (User ID): or an email address is needed to attribute the event`)
    expect(batches()).toEqual([['Event a', 'Event c']])
  })

  it('is switched on and sized by a Segment mapping\'s enable_batching and batch_size', async () => {
    server.handle(routes({ '/v1/events/batch': (request) => itemResults(request) }))
    const { runtime } = startRuntime(crm, { subscriptions: [{ trigger: 'type = "track"', action: 'trackEvent', segmentMapping: { enable_batching: true, batch_size: 2 } }] })
    expect(await outcomes(events('a', 'b', 'c', 'd').map((e) => runtime.send(e)))).toEqual([
      ['a', 'delivered'],
      ['b', 'delivered'],
      ['c', 'delivered'],
      ['d', 'delivered']
    ])
    expect(batches()).toEqual([
      ['Event a', 'Event b'],
      ['Event c', 'Event d']
    ])
  })
})

describe('by age', () => {
  it('sends a partial batch once its oldest event has waited maxAgeMs', async () => {
    server.handle(routes({ '/v1/events/batch': (request) => itemResults(request) }))
    const { runtime } = startRuntime(crm, { subscriptions: batchedTrack({ size: 3, maxAgeMs: 40 }) })
    const started = Date.now()
    expect(await outcomes(events('a', 'b').map((e) => runtime.send(e)))).toEqual([
      ['a', 'delivered'],
      ['b', 'delivered']
    ])
    expect(Date.now() - started).toBeGreaterThanOrEqual(35)
    expect(batches()).toEqual([['Event a', 'Event b']])
  })
})

describe('whole-batch failures', () => {
  it('fail every item of the batch with the request\'s error, without sending a 400 again', async () => {
    server.handle(() => ({ status: 400, body: { error: 'malformed batch' } }))
    const { runtime } = startRuntime(crm, { subscriptions: batchedTrack({ size: 2, maxAgeMs: 60_000 }) })
    const sends = events('a', 'b').map((e) => runtime.send(e))
    const results = (await Promise.all(sends)).flat()
    expect(results.map((r) => r.status)).toEqual(['failed', 'failed'])
    expect(errorOf(results[0])).toBeInstanceOf(ClientError)
    expect(errorOf(results[0])).toBe(errorOf(results[1]))
    expect(server.received).toHaveLength(1)
  })

  it('are retried like any request, and then every item is delivered', async () => {
    server.handle(routes({ '/v1/events/batch': (request, index) => (index === 0 ? { status: 503 } : itemResults(request)) }))
    const { runtime } = startRuntime(crm, { subscriptions: batchedTrack({ size: 2, maxAgeMs: 60_000 }) })
    expect(await outcomes(events('a', 'b').map((e) => runtime.send(e)))).toEqual([
      ['a', 'delivered'],
      ['b', 'delivered']
    ])
    expect(server.received).toHaveLength(2)
  })

  it('are the outcome of every item when the API reports on the batch as a whole', async () => {
    server.handle(routes({ '/v1/accounts/import': () => ({ status: 202, body: {} }) }))
    const { runtime } = startRuntime(crm, { subscriptions: [{ trigger: 'type = "group"', action: 'groupAccount', batch: { maxAgeMs: 60_000 } }] })
    const sends = ['g1', 'g2', 'g3'].map((id) => runtime.send(groupEvent({ messageId: id, groupId: id })))
    await runtime.flush()
    expect(await outcomes(sends)).toEqual([
      ['g1', 'delivered'],
      ['g2', 'delivered'],
      ['g3', 'delivered']
    ])
    expect(server.bodiesAt('/v1/accounts/import')).toEqual([
      { accounts: [{ id: 'g1', name: 'Analytical Engines Ltd' }, { id: 'g2', name: 'Analytical Engines Ltd' }] },
      { accounts: [{ id: 'g3', name: 'Analytical Engines Ltd' }] }
    ])
  })
})

describe('flush and close', () => {
  it('flush sends what is waiting and resolves once every event has its result', async () => {
    server.handle(routes({ '/v1/events/batch': (request) => itemResults(request) }))
    const { runtime } = startRuntime(crm, { subscriptions: batchedTrack({ size: 3, maxAgeMs: 60_000 }) })
    const settled: string[] = []
    const sends = events('a', 'b').map((e) => runtime.send(e).then((r) => (settled.push(r[0]?.messageId ?? '?'), r)))
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(server.received).toHaveLength(0)
    await runtime.flush()
    expect(settled.sort()).toEqual(['a', 'b'])
    expect(await outcomes(sends)).toEqual([
      ['a', 'delivered'],
      ['b', 'delivered']
    ])
  })

  it('close sends the rest, every event gets exactly one result, and nothing is lost', async () => {
    // Items whose name ends in 3 or 7 are rejected by the API; the rest are accepted.
    server.handle(
      routes({
        '/v1/events/batch': (request) => {
          const { events: sent } = JSON.parse(request.body.toString('utf8')) as { events: { name: string }[] }
          return { status: 207, body: { results: sent.map((e) => (/[37]$/.test(e.name) ? { status: 409, message: 'duplicate' } : { status: 200 })) } }
        }
      })
    )
    const { runtime } = startRuntime(crm, { subscriptions: batchedTrack({ size: 3, maxAgeMs: 60_000 }) })
    const ids = Array.from({ length: 20 }, (_, i) => `e${i}`)
    const invalid = new Set(['e5', 'e12'])
    const sends = ids.map((id) => runtime.send(invalid.has(id) ? trackEvent({ messageId: id, event: undefined }) : trackEvent({ messageId: id, event: `Event ${id}` })))
    await runtime.close()
    await expect(runtime.send(trackEvent())).rejects.toThrow('the runtime is closed')
    const results = (await Promise.all(sends)).map((r) => {
      expect(r).toHaveLength(1)
      return r[0] as DeliveryResult
    })
    expect(results.map((r) => r.messageId)).toEqual(ids)
    const expected = ids.map((id) => (invalid.has(id) || /[37]$/.test(id) ? 'failed' : 'delivered'))
    expect(results.map((r) => r.status)).toEqual(expected)
    const sent = batches().flat()
    expect(sent.sort()).toEqual(ids.filter((id) => !invalid.has(id)).map((id) => `Event ${id}`).sort())
    expect(batches().every((b) => b.length <= 3)).toBe(true)
  })
})
