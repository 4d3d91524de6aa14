/**
 * One destination instance, ready to deliver: its settings checked, a redactor of its secrets, an
 * HTTP client (or the caller's transport), its subscriptions compiled, and a batcher for each
 * batched subscription. `deliverToSubscription` routes an event to the batcher or delivers it at once.
 */
import { createBatcher, type Batcher, type ItemOutcome } from './batching/index.js'
import type { ConfigLocator } from '../configuration/file/config-locations.js'
import type { SubscriptionConfig } from './config-types.js'
import type { CompiledDestination, SegmentEvent, ValueContext } from './contract.js'
import { asMapcError, deliverBatch, deliverOne, failedResult, type DeliveryTarget, type Transport } from './delivery/deliver.js'
import { defaultMapping } from './delivery/payload.js'
import type { DeliveryResult } from './delivery/results.js'
import { issuesFromAjv } from './delivery/validation-issues.js'
import { ConfigError } from './errors/index.js'
import { withCancellation } from './http/cancellation.js'
import { parseEndpointOverride, withEndpointOverride } from './http/endpoint-override.js'
import type { ConnectionPools } from './http/connection-pools.js'
import { createHttpClient } from './http/index.js'
import type { PathKey } from './lib/path.js'
import { createRedactor, type Redactor } from './redaction/index.js'
import type { DestinationInstance, RuntimeOptions } from './runtime.js'
import { configurationCompiler } from './configuration-compiler.js'
import { presetSubscription } from './preset-subscription.js'
import type { Subscription } from './subscription.js'
import { withSettingDefaults } from './settings-defaults.js'

export interface Instance {
  name: string
  destination: CompiledDestination
  ctx: ValueContext
  redactor: Redactor
  /** What the redactor redacts: the runtime joins every instance's for errors that belong to none. */
  secrets: readonly string[]
  transport: Transport
  subscriptions: Subscription[]
  batchers: Map<Subscription, Batcher<SegmentEvent, DeliveryResult>>
  /** What each subscription delivers through, built once rather than per event. */
  targets: Map<Subscription, DeliveryTarget>
}

/** Where an instance came from: its path in the caller's data, and for a file, where each key is written. */
export interface InstanceSite {
  path: readonly PathKey[]
  locate?: ConfigLocator
  /** The values a configuration file took from the environment: redacted from every error about it, as the file's own are. */
  fromEnvironment?: readonly string[]
}

/** `pools`: the runtime's connections, shared by every instance's HTTP client. */
export function prepareInstance(instance: DestinationInstance, site: InstanceSite, options: RuntimeOptions, pools: ConnectionPools): Instance {
  const destination = instance.destination
  const name = instance.name ?? destination.name
  // Defaults first: the checker typed a defaulted setting as present, and its value (a secret's too) is redacted like a given one.
  const settings = withSettingDefaults(destination.settings, instance.settings ?? {})
  const secrets = instanceSecrets(destination, settings, instance.auth)
  const redactor = createRedactor(secrets)
  // Errors about the configuration quote what was written there (a trigger, a mapping), environment values included.
  const configRedactor = site.fromEnvironment?.length ? createRedactor([...secrets, ...site.fromEnvironment]) : redactor
  checkSettings(destination, settings, name, site, configRedactor)
  const transport = instanceTransport(instance, name, { redactor, configRedactor }, site, options, pools)
  const subscriptions = instance.subscriptions === undefined ? destination.presets.map((p) => presetSubscription(p, destination, name)) : compileSubscriptions(instance.subscriptions, destination, name, site, configRedactor)
  // A destination's `ordering: user` applies to each subscription that does not say `none`.
  if (instance.ordering === 'user') {
    const own = instance.subscriptions
    subscriptions.forEach((s, i) => {
      if (own?.[i]?.ordering !== 'none') s.ordering = 'user'
    })
  }
  const prepared: Instance = { name, destination, ctx: { settings, auth: { ...(instance.auth ?? {}) } }, redactor, secrets, transport, subscriptions, batchers: new Map(), targets: new Map() }
  for (const subscription of subscriptions) {
    prepared.targets.set(subscription, target(prepared, subscription))
    const batch = subscription.batch
    if (!batch) continue
    prepared.batchers.set(
      subscription,
      createBatcher<SegmentEvent, DeliveryResult>({
        maxSize: batch.maxSize,
        maxAgeMs: batch.maxAgeMs,
        send: async (events) => {
          const results = await deliverBatch(targetOf(prepared, subscription), events, batch.maxSize)
          const outcomes: ItemOutcome<DeliveryResult>[] = new Array(results.length)
          for (let i = 0; i < results.length; i++) outcomes[i] = { ok: true, value: results[i] as DeliveryResult }
          return outcomes
        }
      })
    )
  }
  return prepared
}

/** Subscriptions given in code or in a file: their triggers and mappings need the configuration compiler. */
function compileSubscriptions(configs: readonly SubscriptionConfig[], destination: CompiledDestination, owner: string, site: InstanceSite, redactor: Redactor): Subscription[] {
  if (configs.length === 0) return []
  const { compileSubscription } = configurationCompiler(owner)
  return configs.map((config, index) =>
    compileSubscription(config, destination, {
      index,
      owner,
      path: [...site.path, 'subscriptions', index],
      redactor,
      ...(site.locate ? { locate: site.locate } : {})
    })
  )
}

/** Secret and password settings and the OAuth tokens: redacted from every error and log line of this instance. */
function instanceSecrets(destination: CompiledDestination, settings: Record<string, unknown>, auth: DestinationInstance['auth']): string[] {
  const secretNames = new Set(destination.settings.filter((s) => s.secret || s.type === 'password').map((s) => s.name))
  return [
    ...Object.entries(settings).filter(([k, v]) => secretNames.has(k) && typeof v === 'string').map(([, v]) => v as string),
    ...[auth?.accessToken, auth?.refreshToken].filter((v): v is string => typeof v === 'string')
  ]
}

/**
 * The instance's transport: the caller's or the HTTP client, sent to the endpoint override when
 * there is one (checked here, at start, and logged), and cancelled by the runtime's signal.
 */
function instanceTransport(
  instance: DestinationInstance,
  name: string,
  { redactor, configRedactor }: { redactor: Redactor; configRedactor: Redactor },
  site: InstanceSite,
  options: RuntimeOptions,
  pools: ConnectionPools
): Transport {
  let transport = options.transport?.(redactor, { name, destination: instance.destination }) ?? httpTransport(redactor, options, pools)
  if (instance.endpoint !== undefined) {
    const override = parseEndpointOverride(instance.endpoint)
    const path = [...site.path, 'endpoint']
    if ('problem' in override) {
      const location = site.locate?.(path)
      throw new ConfigError({ reason: `${name}: the endpoint override ${override.problem}`, path }, { redactor: configRedactor, ...(location ? { location } : {}) })
    }
    transport = withEndpointOverride(transport, override.origin)
    options.logger?.info('endpoint override: every request goes to this origin instead of the .map\'s', { destination: name, endpoint: override.origin })
  }
  return options.signal ? withCancellation(transport, options.signal) : transport
}

/** The retrying HTTP client, configured from the runtime's options; its options are checked here, at start. */
function httpTransport(redactor: Redactor, options: RuntimeOptions, pools: ConnectionPools): Transport {
  const client = createHttpClient({
    redactor,
    pools,
    ...(options.http?.maxResponseBytes !== undefined ? { maxResponseBytes: options.http.maxResponseBytes } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.http?.timeoutMs !== undefined ? { timeoutMs: options.http.timeoutMs } : {}),
    ...(options.http?.retry ? { retry: options.http.retry } : {})
  })
  return (request, meta) => client.send(request, meta)
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
    redactor: instance.redactor,
    authHeaders: onceAuthHeaders(instance)
  }
}

/**
 * The instance's auth headers, computed on the first request and kept: its settings and auth are
 * copies taken at start. A computation that throws is not kept, so each event still fails with it.
 */
function onceAuthHeaders(instance: Instance): () => Readonly<Record<string, unknown>> {
  let headers: Readonly<Record<string, unknown>> | undefined
  return () => (headers ??= Object.freeze(instance.destination.authHeaders(instance.ctx)))
}

function targetOf(instance: Instance, subscription: Subscription): DeliveryTarget {
  return instance.targets.get(subscription) ?? target(instance, subscription)
}

/** A batched event's result from its batcher's outcome: a batch sender that threw (a bug) still fails the event, rather than losing it. */
export function batchedResult(instance: Instance, subscription: Subscription, event: SegmentEvent, outcome: ItemOutcome<DeliveryResult>): DeliveryResult {
  return outcome.ok ? outcome.value : failedResult(targetOf(instance, subscription), event, asMapcError(outcome.error, instance.redactor), 0)
}

/** Hands a batched event to its batcher synchronously (before returning), or delivers it at once. */
export function deliverToSubscription(instance: Instance, subscription: Subscription, event: SegmentEvent): Promise<DeliveryResult> {
  const batcher = instance.batchers.get(subscription)
  if (!batcher) return deliverOne(targetOf(instance, subscription), event)
  return batcher.add(event).then((outcome) => batchedResult(instance, subscription, event, outcome))
}
