/**
 * The runtime's public face: destinations with their settings and subscriptions in,
 * `send(event)` → one result per subscription the event fires, `flush()`, `close()`.
 *
 * Which subscription fires, payload preparation and HTTP are the separate, side-effect-free
 * pieces of delivery/, subscriptions/ and http/; this file only wires them per destination
 * instance and keeps the batchers and the deliveries in flight.
 */
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { CompiledDestination, SegmentEvent, ValueContext } from './contract.js'
import { createBatcher, type Batcher } from './batching/index.js'
import { loadConfig } from './config/load-config.js'
import type { ConfigLocator } from './config/config-locations.js'
import type { DestinationConfig, HttpConfig, SubscriptionConfig } from './config/config-types.js'
import { asMapcError, deliverBatch, deliverOne, type DeliveryTarget, type Transport } from './delivery/deliver.js'
import { defaultMapping } from './delivery/payload.js'
import type { DeliveryResult } from './delivery/results.js'
import { issuesFromAjv } from './delivery/validation-issues.js'
import { loadDestination } from './destinations/load-destination.js'
import { ConfigError, InvalidEventError, type SourceLocation } from './errors/index.js'
import { createHttpClient } from './http/index.js'
import type { PathKey } from './lib/path.js'
import type { Logger } from './logging/index.js'
import { createRedactor, type Redactor } from './redaction/index.js'
import { compileSubscription } from './subscriptions/compile-subscription.js'
import type { Subscription } from './subscriptions/subscription.js'

export interface DestinationInstance {
  destination: CompiledDestination
  /** The instance's name in results and errors; the destination's name by default. */
  name?: string
  settings?: Record<string, unknown>
  auth?: { accessToken?: string; refreshToken?: string }
  /** Without subscriptions, the destination's presets apply with default mappings. */
  subscriptions?: SubscriptionConfig[]
}

export interface RuntimeOptions {
  http?: HttpConfig
  logger?: Logger
  /** Replaces HTTP delivery (tests, replays); by default the retrying fetch client. */
  transport?: (redactor: Redactor) => Transport
}

export interface Runtime {
  /**
   * Delivers the event to every subscription it fires: one result each, in the order of the
   * instances and their subscriptions; `[]` when it fires none. Never rejects for a bad event
   * or a failed delivery; a batched subscription's result comes when its batch is sent. Rejects
   * only after `close()`.
   */
  send(event: unknown): Promise<DeliveryResult[]>
  /** Sends every batch that is waiting; resolves when every event sent before the call has its results. */
  flush(): Promise<void>
  /** Refuses further events, then flushes. Calling it again returns the same promise. */
  close(): Promise<void>
}

interface Instance {
  name: string
  destination: CompiledDestination
  ctx: ValueContext
  redactor: Redactor
  transport: Transport
  subscriptions: Subscription[]
  batchers: Map<Subscription, Batcher<SegmentEvent, DeliveryResult>>
}

/** Where an instance came from: its path in the caller's data, and for a file, where each key is written. */
interface InstanceSite {
  path: readonly PathKey[]
  locate?: ConfigLocator
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
  options: Omit<RuntimeOptions, 'http'> = {}
): Promise<Runtime> {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new ConfigError({ reason: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` })
  }
  const { config, locate } = loadConfig(text, env, file)
  const base = dirname(resolve(file))
  const sources: { instance: DestinationInstance; site: InstanceSite }[] = []
  for (const [i, d] of config.destinations.entries()) {
    const path = ['destinations', i]
    sources.push({ instance: await instanceOf(d, base, locate([...path, 'module'])), site: { path, locate } })
  }
  return startRuntime(sources, { ...options, ...(config.http ? { http: config.http } : {}) })
}

async function instanceOf(config: DestinationConfig, base: string, moduleLocation: SourceLocation): Promise<DestinationInstance> {
  const instance: DestinationInstance = { destination: await loadDestination(resolve(base, config.module), { location: moduleLocation }) }
  if (config.name !== undefined) instance.name = config.name
  if (config.settings !== undefined) instance.settings = config.settings
  if (config.auth !== undefined) instance.auth = config.auth
  if (config.subscriptions !== undefined) instance.subscriptions = config.subscriptions
  return instance
}

function startRuntime(sources: readonly { instance: DestinationInstance; site: InstanceSite }[], options: RuntimeOptions): Runtime {
  const prepared = sources.map(({ instance, site }) => prepareInstance(instance, site, options))
  const inFlight = new Set<Promise<unknown>>()
  let closing: Promise<void> | undefined

  const track = <T>(delivery: Promise<T>): Promise<T> => {
    inFlight.add(delivery)
    void delivery.finally(() => inFlight.delete(delivery))
    return delivery
  }
  // Batchers first, so the waiting events are dispatched; then every send started before this call.
  const settle = async (each: (batcher: Batcher<SegmentEvent, DeliveryResult>) => Promise<void>): Promise<void> => {
    const batchers = prepared.flatMap((i) => [...i.batchers.values()].map(each))
    await Promise.all([...batchers, ...inFlight])
  }

  return {
    send(event) {
      if (closing !== undefined) return Promise.reject(new ConfigError({ reason: 'the runtime is closed: no more events can be sent' }))
      const problem = eventProblem(event)
      if (problem !== undefined) return Promise.resolve([invalidEventResult(event, problem)])
      const pending: Promise<DeliveryResult>[] = []
      for (const instance of prepared) {
        for (const subscription of instance.subscriptions) {
          if (subscription.trigger(event)) pending.push(deliver(instance, subscription, event as SegmentEvent))
        }
      }
      return track(Promise.all(pending))
    },
    flush: () => settle((batcher) => batcher.flush()),
    close() {
      closing ??= settle((batcher) => batcher.close())
      return closing
    }
  }
}

function prepareInstance(instance: DestinationInstance, site: InstanceSite, options: RuntimeOptions): Instance {
  const destination = instance.destination
  const name = instance.name ?? destination.name
  const settings = { ...(instance.settings ?? {}) }
  const redactor = instanceRedactor(destination, settings, instance.auth)
  checkSettings(destination, settings, name, site, redactor)
  const transport =
    options.transport?.(redactor) ??
    ((client) => client.send.bind(client))(
      createHttpClient({
        redactor,
        ...(options.logger ? { logger: options.logger } : {}),
        ...(options.http?.timeoutMs !== undefined ? { timeoutMs: options.http.timeoutMs } : {}),
        ...(options.http?.retry ? { retry: options.http.retry } : {})
      })
    )
  const configs: SubscriptionConfig[] =
    instance.subscriptions ?? destination.presets.map((p) => ({ name: p.title, trigger: p.fql, action: p.action }))
  const subscriptions = configs.map((config, index) =>
    compileSubscription(config, destination, {
      index,
      owner: name,
      path: [...site.path, 'subscriptions', index],
      ...(site.locate ? { locate: site.locate } : {})
    })
  )
  const prepared: Instance = { name, destination, ctx: { settings, auth: instance.auth ?? {} }, redactor, transport, subscriptions, batchers: new Map() }
  for (const subscription of subscriptions) {
    const batch = subscription.batch
    if (!batch) continue
    prepared.batchers.set(
      subscription,
      createBatcher<SegmentEvent, DeliveryResult>({
        maxSize: batch.maxSize,
        maxAgeMs: batch.maxAgeMs,
        send: async (events) => (await deliverBatch(target(prepared, subscription), events, batch.maxSize)).map((value) => ({ ok: true, value }))
      })
    )
  }
  return prepared
}

/** Secret and password settings and the OAuth tokens: redacted from every error and log line of this instance. */
function instanceRedactor(destination: CompiledDestination, settings: Record<string, unknown>, auth: DestinationInstance['auth']): Redactor {
  const secretNames = new Set(destination.settings.filter((s) => s.secret || s.type === 'password').map((s) => s.name))
  const secrets = [
    ...Object.entries(settings).filter(([k, v]) => secretNames.has(k) && typeof v === 'string').map(([, v]) => v as string),
    ...[auth?.accessToken, auth?.refreshToken].filter((v): v is string => typeof v === 'string')
  ]
  return createRedactor(secrets)
}

function checkSettings(destination: CompiledDestination, settings: Record<string, unknown>, owner: string, site: InstanceSite, redactor: Redactor): void {
  if (destination.validateSettings(settings)) return
  const issues = issuesFromAjv(destination.validateSettings.errors ?? [], destination.settings, {
    missing: 'is required but missing',
    unknown: `is not a setting of ${destination.name}`
  })
  const path = [...site.path, 'settings']
  const first = issues[0]?.field
  const location = site.locate?.(first === undefined || first === '' ? path : [...path, first])
  throw new ConfigError(
    { reason: `${owner}: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}`, path },
    { redactor, ...(location ? { location } : {}) }
  )
}

function target(instance: Instance, subscription: Subscription): DeliveryTarget {
  return {
    destination: instance.destination,
    instance: instance.name,
    action: subscription.action,
    subscription: subscription.name,
    mapping: subscription.mapping ?? defaultMapping,
    ctx: instance.ctx,
    transport: instance.transport,
    redactor: instance.redactor
  }
}

async function deliver(instance: Instance, subscription: Subscription, event: SegmentEvent): Promise<DeliveryResult> {
  const batcher = instance.batchers.get(subscription)
  if (!batcher) return deliverOne(target(instance, subscription), event)
  const outcome = await batcher.add(event)
  if (outcome.ok) return outcome.value
  return {
    status: 'failed',
    destination: instance.name,
    action: subscription.action.name,
    subscription: subscription.name,
    ...(typeof event.messageId === 'string' ? { messageId: event.messageId } : {}),
    error: asMapcError(outcome.error, instance.redactor),
    requests: 0
  }
}

/** Why a value cannot be an event, or undefined when it can. */
function eventProblem(event: unknown): string | undefined {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) return `expected a JSON object, got ${event === null ? 'null' : Array.isArray(event) ? 'an array' : typeof event}`
  const type = (event as Record<string, unknown>).type
  if (typeof type !== 'string') return 'it has no string `type`'
  return undefined
}

/** An event that is not one fires no subscription, so it is reported once, for no destination. */
function invalidEventResult(event: unknown, problem: string): DeliveryResult {
  const messageId = event !== null && typeof event === 'object' ? (event as Record<string, unknown>).messageId : undefined
  return {
    status: 'failed',
    destination: '',
    action: '',
    subscription: '',
    ...(typeof messageId === 'string' ? { messageId } : {}),
    error: new InvalidEventError(problem),
    requests: 0
  }
}
