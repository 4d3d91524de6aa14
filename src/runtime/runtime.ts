/**
 * The runtime's public face: destinations with their settings and subscriptions in,
 * `send(event)` → one result per subscription the event fires, `flush()`, `close()`.
 *
 * Which subscription fires, payload preparation and HTTP are the separate, side-effect-free
 * pieces of delivery/, subscriptions/ and http/, put together per destination instance in
 * instance.ts; this file starts the instances and keeps track of the deliveries in flight.
 */
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { Batcher } from './batching/index.js'
import { loadConfigurationCompiler } from './configuration-compiler.js'
import type { DestinationConfig, HttpConfig, Ordering, SubscriptionConfig } from './config-types.js'
import type { CompiledDestination, SegmentEvent } from './contract.js'
import type { Transport } from './delivery/deliver.js'
import { eventProblem, invalidEventResult } from './delivery/invalid-event.js'
import type { DeliveryResult } from './delivery/results.js'
import { loadDestination } from './destinations/load-destination.js'
import { ConfigError, redactError, requireNumberInRange, type SourceLocation } from './errors/index.js'
import { createConnectionPools, DEFAULT_CONNECTIONS_PER_ORIGIN } from './http/connection-pools.js'
import { InFlight } from './in-flight.js'
import { createInFlightLimit, DEFAULT_MAX_IN_FLIGHT } from './in-flight-limit.js'
import { batchedResult, deliverToSubscription, prepareInstance, type Instance, type InstanceSite } from './instance.js'
import type { Subscription } from './subscription.js'
import type { Logger } from './logging/index.js'
import { createRedactor, type Redactor } from './redaction/index.js'

export interface DestinationInstance {
  destination: CompiledDestination
  /** The instance's name in results and errors; the destination's name by default. */
  name?: string
  settings?: Record<string, unknown>
  auth?: { accessToken?: string; refreshToken?: string }
  /** Without subscriptions, the destination's presets apply with default mappings. */
  subscriptions?: SubscriptionConfig[]
  /** Replaces the origin of every request (an emulator, a staging host): `http://127.0.0.1:4010`. Checked and logged at start. */
  endpoint?: string
  /** The default of its subscriptions' `ordering` (scale-out workers; docs/scale-out.md). */
  ordering?: Ordering
}

/** The instance a transport is made for (`RuntimeOptions.transport`). */
export interface TransportSite {
  name: string
  destination: CompiledDestination
}

export interface RuntimeOptions {
  http?: HttpConfig
  logger?: Logger
  /** Replaces HTTP delivery (tests, replays, dry runs); by default the retrying fetch client. Made once per instance. */
  transport?: (redactor: Redactor, site: TransportSite) => Transport
  /**
   * Cancels every request in flight and every wait for a retry once it fires: those deliveries
   * fail with `CANCELLED`. For a bounded shutdown: `close()`, then abort what is left after a while.
   */
  signal?: AbortSignal
  /**
   * Events being delivered at once, at most (default 4096): `send()` beyond that waits for a slot
   * before anything is prepared or sent. `ready()` says when a slot is free.
   */
  maxInFlight?: number
}

export interface SendOptions {
  /** Deliver to this one subscription of this instance only (when its trigger fires): retrying a dead letter. */
  only?: { destination: string; subscription: string }
  /** Deliver to every subscription that fires except these: a redelivery that must not repeat what an earlier attempt finished. */
  except?: readonly { destination: string; subscription: string }[]
}

export interface Runtime {
  /**
   * Delivers the event to every subscription it fires: one result each, in the order of the
   * instances and their subscriptions; `[]` when it fires none. Never rejects for a bad event
   * or a failed delivery; a batched subscription's result comes when its batch is sent. Rejects
   * only after `close()`.
   */
  send(event: unknown, options?: SendOptions): Promise<DeliveryResult[]>
  /**
   * Resolves once fewer than `maxInFlight` events are being delivered: backpressure for a caller
   * that would rather not queue events in memory (await it before each `send`).
   */
  ready(): Promise<void>
  /** Events being delivered now, and events waiting for a slot. */
  readonly load: { active: number; waiting: number }
  /** The redactor of an instance's secrets; for `''` (or a name no instance has), one of every instance's secrets. */
  redactorFor(destination: string): Redactor
  /** The subscriptions the event fires whose `ordering` is `user` (scale-out workers deliver one user's events to them in order). */
  ordered(event: unknown): { destination: string; subscription: string }[]
  /** Sends every batch that is waiting; resolves when every event sent before the call has its results. */
  flush(): Promise<void>
  /** Refuses further events, flushes, then closes the connections. Calling it again returns the same promise. */
  close(): Promise<void>
}

export function createRuntime(instances: readonly DestinationInstance[], options: RuntimeOptions = {}): Runtime {
  return startRuntime(
    instances.map((instance, i) => ({ instance, site: { path: [i] } })),
    options
  )
}

/** Reads a YAML configuration and loads the destinations it names (modules relative to the file). */
export async function createRuntimeFromConfig(
  file: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
  options: RuntimeOptions = {}
): Promise<Runtime> {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new ConfigError({ reason: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` })
  }
  const { loadConfig } = await import('./configure/config-file.js')
  const { config, locate, fromEnvironment } = loadConfig(text, env, file)
  // Subscriptions written in the file bring their own triggers and mappings: only they need the compiler.
  if (config.destinations.some((d) => (d.subscriptions?.length ?? 0) > 0)) await loadConfigurationCompiler()
  const base = dirname(resolve(file))
  // Every error about the file from here on (a module path, a trigger, a name built from `${VAR}`)
  // passes through one redaction of what the environment supplied; loadConfig's own already did.
  const environment = createRedactor(fromEnvironment)
  try {
    const sources: { instance: DestinationInstance; site: InstanceSite }[] = []
    for (const [i, d] of config.destinations.entries()) {
      const path = ['destinations', i]
      sources.push({ instance: await instanceOf(d, base, locate([...path, 'module'])), site: { path, locate, fromEnvironment } })
    }
    // `options.http` overrides the file's keys one by one (a worker that leaves retries to JetStream).
    const http = config.http || options.http ? { ...config.http, ...options.http, retry: { ...config.http?.retry, ...options.http?.retry } } : undefined
    return startRuntime(sources, { ...options, ...(http ? { http } : {}) })
  } catch (error) {
    throw redactError(error, environment)
  }
}

async function instanceOf(config: DestinationConfig, base: string, moduleLocation: SourceLocation): Promise<DestinationInstance> {
  const instance: DestinationInstance = { destination: await loadDestination(resolve(base, config.module), { location: moduleLocation }) }
  if (config.name !== undefined) instance.name = config.name
  if (config.settings !== undefined) instance.settings = config.settings
  if (config.auth !== undefined) instance.auth = config.auth
  if (config.subscriptions !== undefined) instance.subscriptions = config.subscriptions
  if (config.endpoint !== undefined) instance.endpoint = config.endpoint
  if (config.ordering !== undefined) instance.ordering = config.ordering
  return instance
}

type Route = readonly [Instance, Subscription]

function startRuntime(sources: readonly { instance: DestinationInstance; site: InstanceSite }[], options: RuntimeOptions): Runtime {
  const pools = createConnectionPools(
    requireNumberInRange(options.http?.connections ?? DEFAULT_CONNECTIONS_PER_ORIGIN, ['http', 'connections'], { integer: true, min: 1 })
  )
  const prepared = sources.map(({ instance, site }) => prepareInstance(instance, site, options, pools))
  const inFlight = new InFlight()
  // Every (instance, subscription) pair, in order: what an event is matched against.
  const routes: readonly Route[] = prepared.flatMap((instance) => instance.subscriptions.map((subscription): Route => [instance, subscription]))
  let closing: Promise<void> | undefined
  const track = <T>(delivery: Promise<T>): Promise<T> => inFlight.track(delivery)
  // Batchers first, so the waiting events are dispatched; then every send started before this call.
  const settle = async (each: (batcher: Batcher<SegmentEvent, DeliveryResult>) => Promise<void>): Promise<void> => {
    const batchers = prepared.flatMap((i) => [...i.batchers.values()].map(each))
    await Promise.all([...batchers, ...inFlight.pending])
  }

  const everySecret = createRedactor(prepared.flatMap((i) => i.secrets))
  const maxInFlight = requireNumberInRange(options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT, ['maxInFlight'], { integer: true, min: 1 })
  // When events must wait, the batches already waiting are sent: their events hold slots, and
  // while every slot is held no event could join them before `maxAgeMs`. `sendWaiting`, not
  // `flush`: a flush's promise holds every batch in flight, and this runs once per waiting event.
  const limit = createInFlightLimit(maxInFlight, () => {
    for (const instance of prepared) for (const batcher of instance.batchers.values()) batcher.sendWaiting()
  })

  // Batchers an event joined after waiting for a slot (or across a flush), to be sent on the next
  // turn of the event loop: the events whose slots one finished batch gives back all join by
  // then, so they go out together rather than one request each.
  const toSend = new Set<Batcher<SegmentEvent, DeliveryResult>>()
  const sendSoon = (batcher: Batcher<SegmentEvent, DeliveryResult> | undefined): void => {
    if (batcher === undefined) return
    if (toSend.size === 0) {
      setImmediate(() => {
        for (const waiting of toSend) waiting.sendWaiting()
        toSend.clear()
      })
    }
    toSend.add(batcher)
  }

  // Counts flush() and close() calls. An event that waited for a slot across one joins its batch
  // after that batch was sent; that batch is sent on the next turn then, so the flush does not
  // wait `maxAgeMs` for it. So is a batch events join while others wait: until slots free up,
  // no more can join it.
  let flushes = 0
  /**
   * Delivers to every subscription the event fired. The promise it returns is in `inFlight` until
   * it settles, and the slot is given back just before (on a failure too: only a bug makes one);
   * both in the one reaction it needs, so a waiting event costs few objects.
   */
  const deliverAll = (fired: readonly Route[], event: SegmentEvent, sentAt: number): Promise<DeliveryResult[]> => {
    if (fired.length === 1) {
      const [instance, subscription] = fired[0] as Route
      const batcher = instance.batchers.get(subscription)
      if (batcher !== undefined) return deliverBatched(instance, subscription, batcher, event, sentAt)
    }
    let results: Promise<DeliveryResult[]> | undefined
    let one: Promise<DeliveryResult> | undefined
    try {
      // deliverToSubscription hands a batched event to its batcher before it returns.
      if (fired.length === 1) {
        const [instance, subscription] = fired[0] as Route
        one = deliverToSubscription(instance, subscription, event)
      }
      if (sentAt !== flushes || limit.waiting > 0) for (const [instance, subscription] of fired) sendSoon(instance.batchers.get(subscription))
      if (one === undefined) results = Promise.all(fired.map(([instance, subscription]) => deliverToSubscription(instance, subscription, event)))
    } catch (error) {
      limit.release()
      return Promise.reject(error)
    }
    const done = (): void => {
      limit.release()
      inFlight.delete(tracked)
    }
    const tracked: Promise<DeliveryResult[]> =
      one !== undefined
        ? one.then(
            (result) => {
              done()
              return [result]
            },
            (error: unknown) => {
              done()
              throw error
            }
          )
        : (results as Promise<DeliveryResult[]>).then(
            (all) => {
              done()
              return all
            },
            (error: unknown) => {
              done()
              throw error
            }
          )
    inFlight.add(tracked)
    return tracked
  }

  /**
   * An event that fires one batched subscription, the common case of a batch: one promise and one
   * callback while it waits, settled by its batcher. It is not in `inFlight`: until it settles it
   * is in its batcher, whose `flush` and `close` (which `flush()` and `close()` await first) wait
   * for it.
   */
  const deliverBatched = (instance: Instance, subscription: Subscription, batcher: Batcher<SegmentEvent, DeliveryResult>, event: SegmentEvent, sentAt: number): Promise<DeliveryResult[]> => {
    const delivery = new Promise<DeliveryResult[]>((resolve) => {
      try {
        batcher.enqueue(event, (outcome) => {
          limit.release()
          resolve([batchedResult(instance, subscription, event, outcome)])
        })
      } catch (error) {
        limit.release()
        throw error
      }
    })
    if (sentAt !== flushes || limit.waiting > 0) sendSoon(batcher)
    return delivery
  }

  /** Delivers at once when a slot is free, else once one is (tracked while it waits). */
  const start = (fired: readonly Route[], event: SegmentEvent): Promise<DeliveryResult[]> => {
    const sentAt = flushes
    const slot = limit.acquire()
    return slot === undefined ? deliverAll(fired, event, sentAt) : track(slot.then(() => deliverAll(fired, event, sentAt)))
  }

  return {
    send(event, sendOptions) {
      if (closing !== undefined) return Promise.reject(new ConfigError({ reason: 'the runtime is closed: no more events can be sent' }))
      const problem = eventProblem(event)
      if (problem !== undefined) return Promise.resolve([invalidEventResult(event, problem)])
      // Read once each; an event sent without options allocates nothing for them.
      const only = sendOptions?.only
      const except = sendOptions?.except
      const fired: Route[] = []
      let thrown: { error: unknown } | undefined
      try {
        for (const route of routes) {
          const [instance, subscription] = route
          if (only !== undefined && (instance.name !== only.destination || subscription.name !== only.subscription)) continue
          if (except !== undefined && except.some((t) => t.destination === instance.name && t.subscription === subscription.name)) continue
          if (subscription.trigger(event)) fired.push(route)
        }
      } catch (error) {
        thrown = { error }
      }
      if (thrown !== undefined) {
        // Triggers compiled by mapc catch what they throw; a module's own, or a Proxy read a second time, may not. `send` answers, never throws.
        const invalid = invalidEventResult(event, everySecret.redact(`matching it against the triggers threw (${thrownMessage(thrown.error)})`))
        if (fired.length === 0) return Promise.resolve([invalid])
        return track(start(fired, event as SegmentEvent).then((results) => [...results, invalid]))
      }
      if (fired.length === 0) return Promise.resolve([])
      return start(fired, event as SegmentEvent)
    },
    ready: () => limit.ready(),
    get load() {
      return { active: limit.active, waiting: limit.waiting }
    },
    redactorFor: (destination) => prepared.find((i) => i.name === destination)?.redactor ?? everySecret,
    ordered(event) {
      const out: { destination: string; subscription: string }[] = []
      if (eventProblem(event) !== undefined) return out
      for (const [instance, subscription] of routes) {
        if (subscription.ordering !== 'user') continue
        try {
          if (subscription.trigger(event)) out.push({ destination: instance.name, subscription: subscription.name })
        } catch {
          // A trigger that throws fires nothing here; send reports it.
        }
      }
      return out
    },
    flush() {
      flushes++
      return settle((batcher) => batcher.flush())
    },
    close() {
      closing ??= (async () => {
        flushes++
        // Events accepted before close() but still waiting for a slot must reach open batchers.
        while (limit.waiting > 0) await limit.ready()
        await settle((batcher) => batcher.close())
      })().finally(() => pools.close())
      return closing
    }
  }
}

/** What was thrown, as text; reading it may throw too (a Proxy thrown as the error). */
function thrownMessage(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error)
  } catch {
    return 'an unreadable exception'
  }
}
