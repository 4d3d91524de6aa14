/**
 * The runtime's public face: destinations with their settings and subscriptions in,
 * `send(event)` → one result per subscription the event fires, `flush()`, `close()`.
 *
 * Which subscription fires, payload preparation and HTTP are the separate, side-effect-free
 * pieces of delivery/, subscriptions/ and http/; this file only wires them per destination
 * instance and keeps the batchers.
 */
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { CompiledDestination, SegmentEvent, ValueContext } from './contract.js'
import { createBatcher, type Batcher } from './batching/index.js'
import { parseConfig } from './config/load-config.js'
import type { DestinationConfig, HttpConfig, SubscriptionConfig } from './config/config-types.js'
import { asMapcError, deliverBatch, deliverOne, type DeliveryTarget, type Transport } from './delivery/deliver.js'
import { defaultMapping } from './delivery/payload.js'
import type { DeliveryResult } from './delivery/results.js'
import { issuesFromAjv } from './delivery/validation-issues.js'
import { loadDestination } from './destinations/load-destination.js'
import { ConfigError, InvalidEventError } from './errors/index.js'
import { createHttpClient } from './http/index.js'
import type { Logger } from './logging/index.js'
import { createRedactor, type Redactor } from './redaction/index.js'
import { compileSubscription } from './subscriptions/compile-subscription.js'
import type { Subscription } from './subscriptions/subscription.js'

export interface DestinationInstance {
  destination: CompiledDestination
  /** The instance's name in results; the destination's name by default. */
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
  /** Delivers the event to every subscription it fires; batched subscriptions resolve when their batch is sent. */
  send(event: unknown): Promise<DeliveryResult[]>
  /** Sends every batch that is waiting. */
  flush(): Promise<void>
  /** Flushes, then refuses further events. */
  close(): Promise<void>
}

interface Instance {
  destination: CompiledDestination
  ctx: ValueContext
  redactor: Redactor
  transport: Transport
  subscriptions: Subscription[]
  batchers: Map<Subscription, Batcher<SegmentEvent, DeliveryResult>>
}

export function createRuntime(instances: readonly DestinationInstance[], options: RuntimeOptions = {}): Runtime {
  const prepared = instances.map((instance) => prepareInstance(instance, options))
  let closed = false
  return {
    async send(event) {
      if (closed) throw new ConfigError({ reason: 'the runtime is closed' })
      const problem = eventProblem(event)
      if (problem !== undefined) {
        return [{ status: 'failed', destination: '', action: '', subscription: '', error: new InvalidEventError(problem), requests: 0 }]
      }
      const pending: Promise<DeliveryResult>[] = []
      for (const instance of prepared) {
        for (const subscription of instance.subscriptions) {
          if (!subscription.trigger(event)) continue
          pending.push(deliver(instance, subscription, event as SegmentEvent))
        }
      }
      return Promise.all(pending)
    },
    async flush() {
      await Promise.all(prepared.flatMap((i) => [...i.batchers.values()].map((b) => b.flush())))
    },
    async close() {
      closed = true
      await Promise.all(prepared.flatMap((i) => [...i.batchers.values()].map((b) => b.close())))
    }
  }
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
  const config = parseConfig(text, env, file)
  const base = dirname(resolve(file))
  const instances: DestinationInstance[] = []
  for (const d of config.destinations) instances.push(await instanceOf(d, base))
  return createRuntime(instances, { ...options, ...(config.http ? { http: config.http } : {}) })
}

async function instanceOf(config: DestinationConfig, base: string): Promise<DestinationInstance> {
  const instance: DestinationInstance = { destination: await loadDestination(resolve(base, config.module)) }
  if (config.name !== undefined) instance.name = config.name
  if (config.settings !== undefined) instance.settings = config.settings
  if (config.auth !== undefined) instance.auth = config.auth
  if (config.subscriptions !== undefined) instance.subscriptions = config.subscriptions
  return instance
}

function prepareInstance(instance: DestinationInstance, options: RuntimeOptions): Instance {
  const destination = instance.destination
  const settings = { ...(instance.settings ?? {}) }
  const secretNames = new Set(destination.settings.filter((s) => s.secret).map((s) => s.name))
  const secrets = [
    ...Object.entries(settings).filter(([k, v]) => secretNames.has(k) && typeof v === 'string').map(([, v]) => v as string),
    ...[instance.auth?.accessToken, instance.auth?.refreshToken].filter((v): v is string => typeof v === 'string')
  ]
  const redactor = createRedactor(secrets)
  if (!destination.validateSettings(settings)) {
    const issues = issuesFromAjv(destination.validateSettings.errors ?? [], destination.settings)
    throw new ConfigError({ reason: `settings of ${instance.name ?? destination.name}: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}` }, { redactor })
  }
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
    instance.subscriptions ?? destination.presets.map((p) => ({ name: `${destination.name}: ${p.title}`, trigger: p.fql, action: p.action }))
  const subscriptions = configs.map((c, i) => {
    const s = compileSubscription(c, destination, i)
    return instance.name === undefined ? s : { ...s, name: `${instance.name}: ${s.name}` }
  })
  const prepared: Instance = {
    destination,
    ctx: { settings, auth: instance.auth ?? {} },
    redactor,
    transport,
    subscriptions,
    batchers: new Map()
  }
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

function target(instance: Instance, subscription: Subscription): DeliveryTarget {
  return {
    destination: instance.destination,
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
    destination: instance.destination.name,
    action: subscription.action.name,
    subscription: subscription.name,
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
