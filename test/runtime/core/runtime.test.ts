/**
 * createRuntime: which subscriptions an event fires, the one result each gets, malformed input
 * reported rather than thrown, settings checked at start, and flush/close semantics. HTTP is a
 * recording transport here; test/runtime/roundtrip drives the same runtime over real HTTP.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { DeliveryResult } from '../../../src/runtime/delivery/results.js'
import { ConfigError, InvalidEventError, MapcError } from '../../../src/runtime/errors/index.js'
import { createRuntime, type DestinationInstance } from '../../../src/runtime/runtime.js'
import { eventArbitrary } from '../../../src/testing/index.js'
import { crmDestination } from './support/crm-destination.js'
import { groupEvent, identifyEvent, trackEvent } from './support/events.js'
import { recordingTransport, type RecordingTransport } from './support/recording-transport.js'
import { loadConfigurationCompiler } from '../../../src/runtime/configuration-compiler.js'
import { thrownBy } from './support/thrown.js'

// Subscriptions given in code are compiled by the configuration compiler, which the runtime loads only on demand.
await loadConfigurationCompiler()

const API_KEY = 'sk_live_0a1b2c3d4e'

function instance(extra: Partial<DestinationInstance> = {}): DestinationInstance {
  return { destination: crmDestination(), settings: { apiKey: API_KEY }, ...extra }
}

/** A transport whose every answer serves both key matching (it has a record id) and batches of one. */
function answering(recorder: RecordingTransport = recordingTransport()): RecordingTransport {
  const reply = { status: 200, body: { data: { id: 'rec-1' }, results: [{ status: 200 }] } }
  const transport: RecordingTransport['transport'] = (request, meta) => {
    recorder.script(reply)
    return recorder.transport(request, meta)
  }
  return { ...recorder, transport }
}

function startError(instances: DestinationInstance[]): ConfigError {
  return thrownBy(() => createRuntime(instances, { transport: () => answering().transport }), ConfigError)
}

/** A promise and the functions that settle it, for holding a request open. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}

describe('subscriptions', () => {
  it('are the destination\'s presets, with default mappings, when the instance lists none', async () => {
    const recorder = answering()
    const runtime = createRuntime([instance()], { transport: () => recorder.transport })
    expect(await runtime.send(identifyEvent())).toEqual([
      { destination: 'crm', action: 'identifyContact', subscription: 'Identify Contact', messageId: 'msg-identify-1', status: 'delivered', requests: 2 }
    ])
    expect(await runtime.send(trackEvent())).toEqual([
      { destination: 'crm', action: 'trackEvent', subscription: 'Track Event', messageId: 'msg-track-1', status: 'delivered', requests: 1 }
    ])
  })

  it('give one result each for an event that fires several, in order, and none for an event that fires none', async () => {
    const runtime = createRuntime(
      [
        instance({
          subscriptions: [
            { name: 'all tracks', trigger: 'type = "track"', action: 'trackEvent' },
            { name: 'orders only', trigger: 'type = "track" and event = "Order Completed"', action: 'trackEvent', mapping: { event_name: '"order"' } },
            { name: 'accounts', trigger: 'type = "group"', action: 'groupAccount' }
          ]
        })
      ],
      { transport: () => answering().transport }
    )
    expect((await runtime.send(trackEvent())).map((r) => [r.subscription, r.status])).toEqual([
      ['all tracks', 'delivered'],
      ['orders only', 'delivered']
    ])
    expect((await runtime.send(trackEvent({ event: 'Signed Up' }))).map((r) => r.subscription)).toEqual(['all tracks'])
    expect(await runtime.send({ type: 'page', name: 'Home' })).toEqual([])
  })

  it('name their instance in results, so two instances of one destination stay apart', async () => {
    const recorder = answering()
    const runtime = createRuntime(
      [instance({ name: 'crm-eu', settings: { apiKey: 'key-eu-1234', region: 'eu' } }), instance({ name: 'crm-us', settings: { apiKey: 'key-us-5678', region: 'us' } })],
      { transport: () => recorder.transport }
    )
    const results = await runtime.send(groupEvent())
    expect(results).toEqual([])
    const tracked = await runtime.send(trackEvent())
    expect(tracked.map((r) => [r.destination, r.subscription])).toEqual([
      ['crm-eu', 'Track Event'],
      ['crm-us', 'Track Event']
    ])
    expect(recorder.requests.map((r) => r.request.headers.authorization)).toEqual(['Bearer key-eu-1234', 'Bearer key-us-5678'])
  })
})

describe('malformed events', () => {
  const cases: { given: unknown; problem: string }[] = [
    { given: 42, problem: 'expected a JSON object, got number' },
    { given: 'identify', problem: 'expected a JSON object, got string' },
    { given: null, problem: 'expected a JSON object, got null' },
    { given: undefined, problem: 'expected a JSON object, got undefined' },
    { given: [identifyEvent()], problem: 'expected a JSON object, got an array' },
    { given: {}, problem: 'it has no string `type`' },
    { given: { type: 7, userId: 'u' }, problem: 'it has no string `type`' }
  ]
  for (const { given, problem } of cases) {
    it(`reports ${JSON.stringify(given) ?? 'undefined'} as one failed result, without throwing`, async () => {
      const recorder = answering()
      const runtime = createRuntime([instance()], { transport: () => recorder.transport })
      const results = await runtime.send(given)
      expect(results).toHaveLength(1)
      const [result] = results
      expect(result).toMatchObject({ status: 'failed', destination: '', action: '', subscription: '', requests: 0 })
      const error = (result as Extract<DeliveryResult, { status: 'failed' }>).error
      expect(error).toBeInstanceOf(InvalidEventError)
      expect(error.message).toBe(`the event cannot be delivered: ${problem}`)
      expect(recorder.requests).toHaveLength(0)
    })
  }

  it('keeps the messageId of an event without a type, so the caller can tell which it was', async () => {
    const runtime = createRuntime([instance()], { transport: () => answering().transport })
    expect((await runtime.send({ messageId: 'm-77' }))[0]?.messageId).toBe('m-77')
  })

  it('report an event whose properties throw when read as one failed result, batched or not', async () => {
    const recorder = answering()
    const runtime = createRuntime(
      [instance({ subscriptions: [{ trigger: 'type = "track"', action: 'trackEvent' }, { trigger: 'type = "track"', action: 'trackEvent', batch: { size: 1 } }] })],
      { transport: () => recorder.transport }
    )
    const proxy = new Proxy({}, { get: () => { throw new Error('no access') } })
    const results = await runtime.send(proxy)
    expect(results).toMatchObject([{ status: 'failed', destination: '', action: '', subscription: '', requests: 0 }])
    expect((results[0] as Extract<DeliveryResult, { status: 'failed' }>).error.message).toBe('the event cannot be delivered: reading its `type` threw')
    // Only its messageId cannot be read: still not JSON, so one INVALID_EVENT naming what threw, and nothing sent.
    const unreadableId = Object.defineProperty(trackEvent(), 'messageId', { enumerable: true, get: () => { throw new Error('no access') } })
    const [unreadable, ...more] = await runtime.send(unreadableId)
    expect(more).toEqual([])
    expect(unreadable).toMatchObject({ status: 'failed', destination: '', requests: 0 })
    expect(unreadable).not.toHaveProperty('messageId')
    expect((unreadable as Extract<DeliveryResult, { status: 'failed' }>).error.message).toBe('the event cannot be delivered: reading `messageId` threw')
    expect(recorder.requests).toEqual([])
  })

  it('never make send reject, whatever arrives', async () => {
    const runtime = createRuntime(
      [instance({ subscriptions: [{ trigger: 'type = "identify"', action: 'identifyContact' }, { trigger: 'type = "track"', action: 'trackEvent', segmentMapping: { properties: { '@json': { value: { '@path': '$.properties.raw' }, mode: 'decode' } } } }] })],
      { transport: () => answering().transport }
    )
    await fc.assert(
      fc.asyncProperty(fc.oneof(eventArbitrary(['identify', 'track', 'group'], { adversarial: true }), fc.anything()), async (event) => {
        const results = await runtime.send(event)
        for (const result of results) {
          expect(['delivered', 'skipped', 'failed']).toContain(result.status)
          if (result.status === 'failed') expect(result.error).toBeInstanceOf(MapcError)
        }
      }),
      { numRuns: 150 }
    )
  })
})

describe('event data that is not JSON delivery can walk', () => {
  /** `{ properties: { a: { a: … } } }`, `levels` objects below `properties`. */
  function nested(levels: number): Record<string, unknown> {
    let inner: Record<string, unknown> = {}
    for (let i = 0; i < levels; i++) inner = { a: inner }
    return inner
  }

  async function refusal(given: unknown): Promise<string> {
    const recorder = answering()
    const runtime = createRuntime([instance({ subscriptions: [{ trigger: 'type = "track"', action: 'trackEvent' }] })], { transport: () => recorder.transport })
    const results = await runtime.send(given)
    expect(results).toHaveLength(1)
    expect(recorder.requests).toEqual([])
    const [result] = results
    expect(result).toMatchObject({ status: 'failed', destination: '', requests: 0 })
    const error = (result as Extract<DeliveryResult, { status: 'failed' }>).error
    expect(error).toBeInstanceOf(InvalidEventError)
    return error.message
  }

  it('refuses nesting past 128 levels as INVALID_EVENT naming where (it was INTERNAL "Maximum call stack size exceeded")', async () => {
    expect(await refusal(trackEvent({ properties: nested(5_000) }))).toBe(
      'the event cannot be delivered: `properties.a.a.a.a.a…a.a.a.a.a` is nested deeper than 128 levels'
    )
    expect(await refusal(trackEvent({ properties: { list: [[[[nested(200)]]]] } }))).toMatch(/is nested deeper than 128 levels$/)
  })

  it('delivers nesting up to the limit', async () => {
    const recorder = answering()
    const runtime = createRuntime([instance({ subscriptions: [{ trigger: 'type = "track"', action: 'trackEvent' }] })], { transport: () => recorder.transport })
    const [result] = await runtime.send(trackEvent({ properties: { total: 1, deep: nested(126) } }))
    expect(result?.status).toBe('delivered')
  })

  it('refuses a cycle, a BigInt, a function and more than 100,000 values', async () => {
    const cyclic = trackEvent() as Record<string, unknown>
    ;(cyclic.properties as Record<string, unknown>).self = cyclic
    expect(await refusal(cyclic)).toBe('the event cannot be delivered: `properties.self` refers back to an object that contains it (a cycle)')
    expect(await refusal(trackEvent({ properties: { total: 10n } }))).toBe('the event cannot be delivered: `properties.total` is a BigInt, which JSON cannot hold')
    expect(await refusal(trackEvent({ properties: { f: () => 1 } }))).toBe('the event cannot be delivered: `properties.f` is a function, not JSON data')
    expect(await refusal(trackEvent({ properties: { many: new Array(100_001).fill(0) } }))).toBe('the event cannot be delivered: it holds more than 100000 values')
  })

  it('delivers the same object shared in two places (a repeat is no cycle)', async () => {
    const recorder = answering()
    const runtime = createRuntime([instance({ subscriptions: [{ trigger: 'type = "track"', action: 'trackEvent' }] })], { transport: () => recorder.transport })
    const shared = { sku: 'a' }
    const [result] = await runtime.send(trackEvent({ properties: { total: 1, first: shared, second: shared } }))
    expect(result?.status).toBe('delivered')
  })

  it('refuses a revoked Proxy, and a getter that throws anywhere in the event, without throwing', async () => {
    const { proxy, revoke } = Proxy.revocable({}, {})
    revoke()
    expect(await refusal(proxy)).toBe('the event cannot be delivered: it cannot be read (a revoked Proxy)')
    const properties = Object.defineProperty({}, 'total', { enumerable: true, get: () => { throw new Error('no access') } })
    expect(await refusal(trackEvent({ properties }))).toBe('the event cannot be delivered: reading `properties.total` threw')
    const keys = new Proxy({}, { ownKeys: () => { throw new Error('no keys') } })
    expect(await refusal(trackEvent({ context: keys }))).toBe('the event cannot be delivered: listing the keys of `context` threw')
  })

  it('answers, never throws, when an event throws only once triggers read it again (a Proxy that changes its mind)', async () => {
    const recorder = answering()
    const runtime = createRuntime([instance({ subscriptions: [{ trigger: 'type = "track"', action: 'trackEvent' }] })], { transport: () => recorder.transport })
    let reads = 0
    // Read 1 checks the type, 2 walks the data, 3 is the trigger's own (which catches), 4 the check of the accepted types.
    const event = new Proxy(trackEvent(), {
      get(target, key) {
        if (key === 'type' && ++reads > 3) throw new Error('changed its mind')
        return Reflect.get(target, key)
      }
    })
    let results: DeliveryResult[] = []
    expect(() => {
      void runtime.send(event).then((r) => (results = r))
    }).not.toThrow()
    await runtime.flush()
    expect(reads).toBe(4)
    expect(results).toHaveLength(1)
    expect((results[0] as Extract<DeliveryResult, { status: 'failed' }>).error.message).toBe(
      'the event cannot be delivered: matching it against the triggers threw (changed its mind)'
    )
    expect(recorder.requests).toEqual([])
  })
})

describe('settings', () => {
  it('are checked when the runtime starts, naming every problem and no value', () => {
    const error = startError([instance({ settings: { region: 'mars', apiKy: API_KEY } })])
    expect(error.message).toBe('[0].settings: crm: apiKey is required but missing; apiKy is not a setting of crm; region must be one of "eu", "us"')
    expect(error.message).not.toContain(API_KEY)
  })

  it('name the instance', () => {
    expect(startError([instance(), instance({ name: 'crm-b', settings: { apiKey: 12345678 } })]).message).toBe('[1].settings: crm-b: apiKey must be a string')
  })
})

describe('subscriptions that cannot run', () => {
  it('stop the runtime from starting, with the instance and the subscription named', () => {
    const error = startError([instance({ name: 'crm-prod', subscriptions: [{ trigger: 'type = "track"', action: 'trackEvnt' }] })])
    expect(error.message).toBe('[0].subscriptions[0].action: crm-prod subscription "trackEvnt#0": crm has no action "trackEvnt" (did you mean "trackEvent"?)')
  })
})

describe('batched subscriptions', () => {
  const batched = (maxAgeMs: number) =>
    instance({ subscriptions: [{ name: 'batched', trigger: 'type = "track"', action: 'trackEvent', batch: { size: 3, maxAgeMs } }] })

  it('send full batches at once, each event resolving with its own result', async () => {
    const recorder = recordingTransport()
    recorder.script({ status: 207, body: { results: [{ status: 200 }, { status: 422, message: 'bad' }, { status: 200 }] } })
    const runtime = createRuntime([batched(60_000)], { transport: () => recorder.transport })
    const results = await Promise.all(['a', 'b', 'c'].map((id) => runtime.send(trackEvent({ messageId: id }))))
    expect(results.map((r) => r.map((x) => [x.messageId, x.status]))).toEqual([[['a', 'delivered']], [['b', 'failed']], [['c', 'delivered']]])
    expect(recorder.requests).toHaveLength(1)
  })

  it('send a partial batch on flush, and flush resolves after every result', async () => {
    const recorder = recordingTransport()
    recorder.script({ status: 207, body: { results: [{ status: 200 }, { status: 200 }] } })
    const runtime = createRuntime([batched(60_000)], { transport: () => recorder.transport })
    const pending = [runtime.send(trackEvent({ messageId: 'a' })), runtime.send(trackEvent({ messageId: 'b' }))]
    expect(recorder.requests).toHaveLength(0)
    await runtime.flush()
    expect(recorder.requests).toHaveLength(1)
    expect((await Promise.all(pending)).flat().map((r) => r.status)).toEqual(['delivered', 'delivered'])
  })

  it('send a partial batch once its oldest event is maxAgeMs old', async () => {
    const recorder = recordingTransport()
    recorder.script({ status: 207, body: { results: [{ status: 200 }] } })
    const runtime = createRuntime([batched(20)], { transport: () => recorder.transport })
    const started = Date.now()
    const [result] = await runtime.send(trackEvent())
    expect(result?.status).toBe('delivered')
    expect(Date.now() - started).toBeGreaterThanOrEqual(15)
  })
})

describe('flush and close', () => {
  function slowRuntime() {
    const gate = deferred()
    const recorder = recordingTransport()
    const transport: RecordingTransport['transport'] = async (request, meta) => {
      await gate.promise
      recorder.script({ status: 200, body: { data: { id: 'r' } } })
      return recorder.transport(request, meta)
    }
    return { runtime: createRuntime([instance()], { transport: () => transport }), gate, recorder }
  }

  it('flush waits for deliveries already in flight', async () => {
    const { runtime, gate } = slowRuntime()
    let delivered = false
    void runtime.send(trackEvent()).then(() => (delivered = true))
    let flushed = false
    const flushing = runtime.flush().then(() => (flushed = true))
    await new Promise((r) => setTimeout(r, 10))
    expect(flushed).toBe(false)
    gate.resolve()
    await flushing
    expect(delivered).toBe(true)
  })

  it('close waits for everything in flight, then refuses new events', async () => {
    const { runtime, gate } = slowRuntime()
    let delivered = false
    const inFlight = runtime.send(trackEvent()).then((results) => ((delivered = true), results))
    const closing = runtime.close()
    expect(runtime.close()).toBe(closing)
    await expect(runtime.send(trackEvent())).rejects.toThrow(new ConfigError({ reason: 'the runtime is closed: no more events can be sent' }))
    gate.resolve()
    await closing
    expect(delivered).toBe(true)
    expect((await inFlight).map((r) => r.status)).toEqual(['delivered'])
  })

  it('close sends the batches that are waiting: every event gets exactly one result', async () => {
    const recorder = recordingTransport()
    recorder.script({ status: 207, body: { results: [{ status: 200 }, { status: 200 }] } }, { status: 207, body: { results: [{ status: 200 }] } })
    const runtime = createRuntime([instance({ subscriptions: [{ trigger: 'type = "track"', action: 'trackEvent', batch: { size: 2, maxAgeMs: 60_000 } }] })], {
      transport: () => recorder.transport
    })
    const sends = ['a', 'b', 'c'].map((id) => runtime.send(trackEvent({ messageId: id })))
    await runtime.close()
    const results = (await Promise.all(sends)).map((r) => r.map((x) => [x.messageId, x.status]))
    expect(results).toEqual([[['a', 'delivered']], [['b', 'delivered']], [['c', 'delivered']]])
    expect(recorder.requests).toHaveLength(2)
  })
})

describe('auth headers', () => {
  it('are computed once per instance, from copies of its settings and auth taken at start; one that throws is not kept and fails each event', async () => {
    const recorder = answering()
    const base = crmDestination()
    let calls = 0
    const counting = { ...base, authHeaders: (ctx: Parameters<typeof base.authHeaders>[0]) => (calls++, base.authHeaders(ctx)) }
    const settings = { apiKey: API_KEY }
    const runtime = createRuntime([{ destination: counting, settings }], { transport: () => recorder.transport })
    settings.apiKey = 'sk_changed_after_start'
    for (let i = 0; i < 3; i++) expect((await runtime.send(trackEvent()))[0]?.status).toBe('delivered')
    expect(calls).toBe(1)
    const sent = recorder.requests.map((r) => JSON.stringify(r.request.headers))
    expect(sent).toHaveLength(3)
    expect(sent.every((h) => h.includes(API_KEY) && !h.includes('sk_changed_after_start'))).toBe(true)

    let attempts = 0
    const failing = { ...base, authHeaders: () => { attempts++; throw new Error('no headers') } }
    const broken = createRuntime([{ destination: failing, settings: { apiKey: API_KEY } }], { transport: () => answering().transport })
    for (let i = 0; i < 2; i++) {
      const [result] = await broken.send(trackEvent())
      expect(result?.status).toBe('failed')
      expect(result?.status === 'failed' && result.error.message).toContain('no headers')
    }
    expect(attempts).toBe(2)
  })
})
