/**
 * A subscription of a configuration → a runnable Subscription: the trigger parsed and compiled,
 * the action found, each field mapping compiled once (mapc expressions or Segment mapping-kit
 * JSON), batching decided. Every problem is a ConfigError or MappingError that names the
 * destination, the subscription and the key, and, for a configuration file, where it is written.
 */
import { parseTrigger } from '../../compiler/syntax/parse.js'
import { possibleEventTypes } from '../../compiler/check/trigger-types.js'
import { didYouMean } from '../../compiler/check/suggest.js'
import type { Diagnostic } from '../../compiler/diagnostics/diagnostic.js'
import type { Trigger } from '../../compiler/syntax/ast.js'
import type { CompiledAction, CompiledBatch, CompiledDestination, EventType } from '../contract.js'
import { ConfigError, MappingError, type SourceLocation } from '../errors/index.js'
import type { PathKey } from '../lib/path.js'
import type { FieldResolver } from '../delivery/payload.js'
import { compileMapping } from '../mapping-kit/index.js'
import { compileTrigger, UnsupportedTriggerError } from '../triggers/index.js'
import type { SubscriptionConfig } from '../config/config-types.js'
import { compileExpressionMapping } from './expression-mapping.js'
import type { BatchSettings, Subscription } from './subscription.js'

export const DEFAULT_MAX_AGE_MS = 1000

export interface SubscriptionSite {
  /** The subscription's position in its destination's list: names it when the config does not. */
  index: number
  /** The destination instance, as errors name it. */
  owner: string
  /** Where the subscription sits in the caller's data: `['subscriptions', 2]` or `['destinations', 0, 'subscriptions', 2]`. */
  path: readonly PathKey[]
  /** Where a key is written, when the subscription comes from a configuration file. */
  locate?: (path: readonly PathKey[]) => SourceLocation | undefined
}

export function compileSubscription(config: SubscriptionConfig, destination: CompiledDestination, site: SubscriptionSite): Subscription {
  const name = config.name ?? `${config.action}#${site.index}`
  const at = (...keys: PathKey[]): PathKey[] => [...site.path, ...keys]
  const locationOf = (...keys: PathKey[]): { location?: SourceLocation } => {
    const location = site.locate?.(at(...keys))
    return location === undefined ? {} : { location }
  }
  const fail = (key: PathKey, reason: string): never => {
    throw new ConfigError({ reason: `${site.owner} subscription ${JSON.stringify(name)}: ${reason}`, path: at(key) }, locationOf(key))
  }

  // An own property only: `toString` is not an action of any destination.
  const action = Object.hasOwn(destination.actions, config.action) ? destination.actions[config.action] : undefined
  if (action === undefined) return fail('action', unknownAction(config.action, destination))
  const trigger = parseSubscriptionTrigger(config.trigger, name, (reason) => fail('trigger', reason))
  const eventTypes = acceptedEventTypes(trigger, destination, (reason) => fail('trigger', reason))
  const matches = compileSubscriptionTrigger(trigger, (reason) => fail('trigger', reason))
  const accepted = new Set<unknown>(eventTypes)

  // `mapping` is the subscription's mapping, so its fields need no prefix; Segment's are told apart by theirs.
  const mappingError = (key: 'mapping' | 'segmentMapping', field: string, reason: string): MappingError =>
    new MappingError({ path: key === 'mapping' ? [field] : [key, field], reason, subscription: `${site.owner}: ${name}` }, locationOf(key, field))
  const fieldNames = action.fields.map((f) => f.name)
  const overrides = new Map<string, FieldResolver>()
  for (const [field, text] of Object.entries(config.mapping ?? {})) {
    if (!fieldNames.includes(field)) throw mappingError('mapping', field, unknownField(field, action))
    const compiled = compileExpressionMapping(text, `${name} mapping.${field}`, destination, eventTypes)
    const errors = compiled.diagnostics.filter((d) => d.severity === 'error')
    if (compiled.resolver === undefined || errors.length > 0) throw mappingError('mapping', field, describeDiagnostics(errors))
    overrides.set(field, compiled.resolver)
  }
  for (const [field, json] of Object.entries(config.segmentMapping ?? {})) {
    if (!fieldNames.includes(field)) throw mappingError('segmentMapping', field, unknownField(field, action))
    if (overrides.has(field)) throw mappingError('segmentMapping', field, 'is mapped both in `mapping` and in `segmentMapping`')
    const resolve = compileMapping(json, `segmentMapping.${field}`, { subscription: `${site.owner}: ${name}`, ...errorOptionsAt(locationOf('segmentMapping', field)) })
    overrides.set(field, (event) => resolve(event))
  }

  const subscription: Subscription = {
    name,
    destination,
    action,
    trigger: (event) => matches(event) && accepted.has((event as { type?: unknown }).type),
    mapping: { overrides, useDefaults: config.useDefaultMappings ?? true }
  }
  const batch = batchSettings(config, action.batch, (reason) => fail('batch', reason))
  if (batch !== undefined) subscription.batch = batch
  return subscription
}

function errorOptionsAt(at: { location?: SourceLocation }): { errorOptions?: { location: SourceLocation } } {
  return at.location === undefined ? {} : { errorOptions: { location: at.location } }
}

function unknownAction(name: string, destination: CompiledDestination): string {
  const names = Object.keys(destination.actions)
  const hint = didYouMean(name, names, (n) => JSON.stringify(n))
  return `${destination.name} has no action ${JSON.stringify(name)} (${hint ?? `it has ${names.join(', ')}`})`
}

function unknownField(field: string, action: CompiledAction): string {
  const names = action.fields.map((f) => f.name)
  const hint = didYouMean(field, names, (n) => JSON.stringify(n))
  return `${action.name} has no field ${JSON.stringify(field)} (${hint ?? `its fields: ${names.join(', ')}`})`
}

function parseSubscriptionTrigger(text: string, name: string, fail: (reason: string) => never): Trigger {
  const parsed = parseTrigger(text, `${name} trigger`)
  const error = parsed.diagnostics.find((d) => d.severity === 'error')
  if (error !== undefined) return fail(`the trigger ${JSON.stringify(text)} does not parse: ${error.message} (column ${error.span.start.column})`)
  return parsed.trigger ?? fail('the trigger is empty')
}

/** The event types the trigger can match that the destination accepts: what mappings are checked against, and the only ones delivered. */
function acceptedEventTypes(trigger: Trigger, destination: CompiledDestination, fail: (reason: string) => never): EventType[] {
  const possible = possibleEventTypes(trigger)
  if (possible.length === 0) return fail('the trigger matches no event type')
  const accepted = possible.filter((t) => destination.accepts.includes(t))
  if (accepted.length === 0) {
    return fail(`the trigger matches only ${possible.join(', ')} events, which ${destination.name} does not accept (it accepts ${destination.accepts.join(', ')})`)
  }
  return accepted
}

function compileSubscriptionTrigger(trigger: Trigger, fail: (reason: string) => never): (event: unknown) => boolean {
  try {
    return compileTrigger(trigger)
  } catch (error) {
    if (error instanceof UnsupportedTriggerError) return fail(`the trigger cannot be evaluated: ${error.problems.map((p) => p.message).join('; ')}`)
    throw error
  }
}

/** Every error of a mapping expression, each with its column in the expression and its hint. */
function describeDiagnostics(errors: readonly Diagnostic[]): string {
  if (errors.length === 0) return 'does not compile'
  return errors.map((d) => `${d.message} (${d.code} at column ${d.span.start.column})${d.hint === undefined ? '' : `; ${d.hint}`}`).join('; ')
}

/**
 * Batching is on when the configuration asks for it (`batch:`) or when a Segment mapping sets the
 * action's `enabled` field to `true`, as Segment's `enable_batching` does. The size is the
 * configuration's, else the Segment mapping's size field, capped by the `.map`'s size.
 */
function batchSettings(config: SubscriptionConfig, batch: CompiledBatch | undefined, fail: (reason: string) => never): BatchSettings | undefined {
  const segment = config.segmentMapping ?? {}
  const enabledBySegment = batch?.enabledField !== undefined && segment[batch.enabledField] === true
  if (config.batch === undefined && !enabledBySegment) return undefined
  if (batch === undefined) return fail(`${config.action} cannot batch: its .map declares no batch block`)
  const limit = batch.size.kind === 'literal' ? batch.size.value : batch.size.fallback
  const segmentSize = batch.size.kind === 'field' ? segment[batch.size.name] : undefined
  const wanted = config.batch?.size ?? (isPositiveInteger(segmentSize) ? segmentSize : limit)
  return { maxSize: Math.max(1, Math.min(wanted, limit)), maxAgeMs: config.batch?.maxAgeMs ?? DEFAULT_MAX_AGE_MS }
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1
}
