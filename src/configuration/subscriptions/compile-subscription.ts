/**
 * A subscription of a configuration → a runnable Subscription: its shape checked, the action
 * found, the trigger compiled (subscription-trigger.ts), each field mapping compiled once
 * (field-mappings.ts), batching decided (batch-settings.ts). Every problem is a ConfigError or
 * MappingError that names the destination, the subscription and the key, and, for a
 * configuration file, where it is written.
 */
import { Ajv } from 'ajv'
import { didYouMean } from '../../compiler/diagnostics/suggest.js'
import { configErrorOf, problemsFromSchemaErrors, type ProblemLocator } from '../file/config-problems.js'
import { subscriptionSchema } from '../file/config-schema.js'
import type { SubscriptionConfig } from '../../runtime/config-types.js'
import type { CompiledDestination } from '../../runtime/contract.js'
import { ConfigError, type SourceLocation } from '../../runtime/errors/index.js'
import type { PathKey } from '../../runtime/lib/path.js'
import { createRedactor, type Redactor } from '../../runtime/redaction/index.js'
import { batchSettings } from './batch-settings.js'
import { compileFieldMappings, compileRootMapping } from './field-mappings.js'
import type { Subscription } from '../../runtime/subscription.js'
import { compileSubscriptionTrigger } from './subscription-trigger.js'

/** A configuration file's subscriptions were checked with the file; this is for subscriptions given in code. */
const validateSubscription = new Ajv({ allErrors: true, strict: true, verbose: true }).compile(subscriptionSchema)

export interface SubscriptionSite {
  /** The subscription's position in its destination's list: names it when the config does not. */
  index: number
  /** The destination instance, as errors name it. */
  owner: string
  /** Where the subscription sits in the caller's data: `[0, 'subscriptions', 2]` or `['destinations', 0, 'subscriptions', 2]`. */
  path: readonly PathKey[]
  /** Where a key is written, when the subscription comes from a configuration file. */
  locate?: ProblemLocator
  /** The instance's secrets: errors quote what the user wrote (a trigger, a mapping), which may hold one. */
  redactor?: Redactor
}

export function compileSubscription(config: SubscriptionConfig, destination: CompiledDestination, site: SubscriptionSite): Subscription {
  const redactor = site.redactor ?? createRedactor([])
  if (!validateSubscription(config)) {
    throw configErrorOf(problemsFromSchemaErrors(validateSubscription.errors ?? [], site.locate, site.path), redactor)
  }
  const name = config.name ?? `${config.action}#${site.index}`
  const locate = (...keys: PathKey[]): SourceLocation | undefined => site.locate?.([...site.path, ...keys])
  const fail = (key: PathKey, reason: string): never => {
    const location = locate(key)
    throw new ConfigError({ reason: `${site.owner} subscription ${JSON.stringify(name)}: ${reason}`, path: [...site.path, key] }, { redactor, ...(location ? { location } : {}) })
  }

  // An own property only: `toString` is not an action of any destination.
  const action = Object.hasOwn(destination.actions, config.action) ? destination.actions[config.action] : undefined
  if (action === undefined) return fail('action', unknownAction(config.action, destination))
  const trigger = compileSubscriptionTrigger(config.trigger, `${name} trigger`, destination, (reason) => fail('trigger', reason))
  const mappingSite = {
    subscription: `${site.owner}: ${name}`,
    destination,
    action,
    eventTypes: trigger.eventTypes,
    locate: (key: 'mapping' | 'segmentMapping', field: string) => locate(key, field),
    redactor
  }
  const overrides = compileFieldMappings(config, mappingSite)
  const rewriteEvent = compileRootMapping(config, mappingSite)
  const subscription: Subscription = {
    name,
    destination,
    action,
    trigger: trigger.matches,
    mapping: { overrides, useDefaults: config.useDefaultMappings ?? true, ...(rewriteEvent ? { rewriteEvent } : {}) }
  }
  const batch = batchSettings(config, action.batch, (reason) => fail('batch', reason))
  if (batch !== undefined) subscription.batch = batch
  if (config.ordering === 'user') subscription.ordering = 'user'
  return subscription
}

function unknownAction(name: string, destination: CompiledDestination): string {
  const names = Object.keys(destination.actions)
  const hint = didYouMean(name, names, (n) => JSON.stringify(n))
  return `${destination.name} has no action ${JSON.stringify(name)} (${hint ?? `it has ${names.join(', ')}`})`
}
