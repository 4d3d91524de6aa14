/**
 * The runtime's bound on events in flight: beyond `maxInFlight`, sends wait their turn before
 * anything is prepared or sent, `ready()` and `load` show it, and every event still gets its
 * result, batched or not, through flush and close.
 */
import { describe, expect, it } from 'vitest'
import type { Transport } from '../../../src/runtime/delivery/deliver.js'
import { ConfigError } from '../../../src/runtime/errors/index.js'
import { createRuntime, type DestinationInstance } from '../../../src/runtime/runtime.js'
import { crmDestination } from './support/crm-destination.js'
import { trackEvent } from './support/events.js'
import { loadConfigurationCompiler } from '../../../src/runtime/configuration-compiler.js'
import { thrownBy } from './support/thrown.js'

// Subscriptions given in code are compiled by the configuration compiler, which the runtime loads only on demand.
await loadConfigurationCompiler()

const instance = (extra: Partial<DestinationInstance> = {}): DestinationInstance => ({ destination: crmDestination(), settings: { apiKey: 'sk_live_0a1b2c3d4e' }, ...extra })

/** A transport that holds every request until released, counting those it holds at once. */
function holdingTransport() {
  const held: (() => void)[] = []
  const state = { sent: 0, holding: 0, mostHeld: 0 }
  const transport: Transport = async (request) => {
    state.sent++
    state.holding++
    state.mostHeld = Math.max(state.mostHeld, state.holding)
    await new Promise<void>((resolve) => held.push(resolve))
    state.holding--
    // A batch's report has one entry per item: the items are the body's only array.
    const items = Object.values(JSON.parse(request.body ?? '{}') as Record<string, unknown>).find(Array.isArray) ?? []
    return { status: 200, statusText: 'OK', headers: {}, body: { results: items.map(() => ({ status: 200 })) }, text: '' }
  }
  const releaseAll = () => {
    for (const release of held.splice(0)) release()
  }
  return { transport, state, releaseAll }
}

const tick = () => new Promise((resolve) => setImmediate(resolve))

describe('events in flight', () => {
  it('are bounded: sends past the limit wait, in order, and each still gets its result', async () => {
    const holder = holdingTransport()
    const runtime = createRuntime([instance()], { transport: () => holder.transport, maxInFlight: 3 })
    const sends = Array.from({ length: 10 }, (_, i) => runtime.send(trackEvent({ messageId: `m${i}` })))
    await tick()
    expect(runtime.load).toEqual({ active: 3, waiting: 7 })
    expect(holder.state.sent).toBe(3)
    let ready = false
    void runtime.ready().then(() => (ready = true))
    while (holder.state.sent < 10) {
      holder.releaseAll()
      await tick()
      expect(holder.state.holding).toBeLessThanOrEqual(3)
    }
    holder.releaseAll()
    const results = await Promise.all(sends)
    expect(results.map((r) => r.map((x) => `${x.messageId}:${x.status}`))).toEqual(Array.from({ length: 10 }, (_, i) => [`m${i}:delivered`]))
    expect(holder.state.mostHeld).toBe(3)
    await tick()
    expect(ready).toBe(true)
    expect(runtime.load).toEqual({ active: 0, waiting: 0 })
    await runtime.close()
  })

  it('resolve ready() at once while there is room', async () => {
    const runtime = createRuntime([instance()], { transport: () => holdingTransport().transport, maxInFlight: 2 })
    await runtime.ready()
    expect(runtime.load).toEqual({ active: 0, waiting: 0 })
  })

  it('count only events that fire something: an event nothing fires takes no slot', async () => {
    const holder = holdingTransport()
    const runtime = createRuntime([instance()], { transport: () => holder.transport, maxInFlight: 1 })
    const first = runtime.send(trackEvent())
    expect(await runtime.send({ type: 'screen', messageId: 'x' })).toEqual([])
    holder.releaseAll()
    expect((await first)[0]?.status).toBe('delivered')
  })

  it('are all sent by flush(), including those still waiting for a slot when it was called', async () => {
    const holder = holdingTransport()
    const runtime = createRuntime(
      [instance({ subscriptions: [{ name: 'batched', trigger: 'type = "track"', action: 'trackEvent', batch: { size: 3, maxAgeMs: 600_000 } }] })],
      { transport: () => holder.transport, maxInFlight: 2 }
    )
    const sends = Array.from({ length: 5 }, (_, i) => runtime.send(trackEvent({ messageId: `b${i}` })))
    // With maxAgeMs at ten minutes, a batch left waiting would time this test out.
    const releaser = setInterval(holder.releaseAll, 1)
    await runtime.flush()
    const results = await Promise.all(sends)
    clearInterval(releaser)
    expect(holder.state.mostHeld).toBeLessThanOrEqual(2)
    expect(results.flat().map((r) => r.status)).toEqual(['delivered', 'delivered', 'delivered', 'delivered', 'delivered'])
    await runtime.close()
  })

  it('are all delivered by close(), including those still waiting for a slot when it was called', async () => {
    const holder = holdingTransport()
    const runtime = createRuntime(
      [instance({ subscriptions: [{ name: 'batched', trigger: 'type = "track"', action: 'trackEvent', batch: { size: 3, maxAgeMs: 600_000 } }] })],
      { transport: () => holder.transport, maxInFlight: 1 }
    )
    const sends = Array.from({ length: 4 }, (_, i) => runtime.send(trackEvent({ messageId: `c${i}` })))
    const closed = runtime.close()
    const releaser = setInterval(holder.releaseAll, 1)
    await closed
    clearInterval(releaser)
    expect((await Promise.all(sends)).flat().map((r) => r.status)).toEqual(['delivered', 'delivered', 'delivered', 'delivered'])
  })

  it('fill batches while events wait: the events a finished batch lets in go out together, not one request each', async () => {
    const holder = holdingTransport()
    const sizes: number[] = []
    const transport: Transport = async (request, meta) => {
      sizes.push((Object.values(JSON.parse(request.body ?? '{}') as Record<string, unknown>).find(Array.isArray) ?? []).length)
      return holder.transport(request, meta)
    }
    const runtime = createRuntime(
      [instance({ subscriptions: [{ name: 'batched', trigger: 'type = "track"', action: 'trackEvent', batch: { size: 3, maxAgeMs: 600_000 } }] })],
      { transport: () => transport, maxInFlight: 6 }
    )
    const sends = Array.from({ length: 30 }, (_, i) => runtime.send(trackEvent({ messageId: `f${i}` })))
    const releaser = setInterval(holder.releaseAll, 1)
    const results = await Promise.all(sends)
    clearInterval(releaser)
    expect(results.flat().every((r) => r.status === 'delivered')).toBe(true)
    // Each event let in while others wait used to send its batch at once: 1-item requests, and a
    // flush promise per event holding every batch in flight (gigabytes at 10,000 events).
    expect(sizes).toEqual(Array.from({ length: 10 }, () => 3))
    await runtime.close()
  })

  it('refuse a limit that is not a positive integer', () => {
    const error = thrownBy(() => createRuntime([instance()], { maxInFlight: 0 }), ConfigError)
    expect(error.message).toContain('maxInFlight')
  })
})
