/**
 * A subscription of a configuration → a runnable Subscription: the trigger parsed and compiled,
 * the action found, each field mapping compiled once (mapc expressions or Segment mapping-kit
 * JSON), batching decided. Every problem is a ConfigError or MappingError that names the
 * subscription and the key.
 */
import { parseTrigger } from '../../compiler/syntax/parse.js'
import { possibleEventTypes } from '../../compiler/check/trigger-types.js'
import type { CompiledAction, CompiledDestination } from '../contract.js'
import { ConfigError, MappingError } from '../errors/index.js'
import type { FieldResolver } from '../delivery/payload.js'
import { compileMapping } from '../mapping-kit/index.js'
import { compileTrigger } from '../triggers/index.js'
import type { SubscriptionConfig } from '../config/config-types.js'
import { compileExpressionMapping } from './expression-mapping.js'
import type { Subscription } from './subscription.js'

const DEFAULT_MAX_AGE_MS = 1000

export function compileSubscription(config: SubscriptionConfig, destination: CompiledDestination, index: number): Subscription {
  const name = config.name ?? `${destination.name}/${config.action}#${index}`
  const fail = (reason: string, path: (string | number)[]): never => {
    throw new ConfigError({ reason: `subscription ${JSON.stringify(name)}: ${reason}`, path })
  }
  const action = destination.actions[config.action]
  if (!action) fail(`${destination.name} has no action ${JSON.stringify(config.action)} (it has ${Object.keys(destination.actions).join(', ')})`, ['action'])
  const compiledAction = action as CompiledAction

  const parsed = parseTrigger(config.trigger, `${name} trigger`)
  const firstError = parsed.diagnostics.find((d) => d.severity === 'error')
  if (!parsed.trigger || firstError) {
    fail(`the trigger ${JSON.stringify(config.trigger)} does not parse: ${firstError?.message ?? 'empty'} (column ${firstError?.span.start.column ?? 1})`, ['trigger'])
  }
  const trigger = parsed.trigger as NonNullable<typeof parsed.trigger>
  const eventTypes = possibleEventTypes(trigger).filter((t) => destination.accepts.includes(t))

  const fieldNames = new Set(compiledAction.fields.map((f) => f.name))
  const overrides = new Map<string, FieldResolver>()
  for (const [field, text] of Object.entries(config.mapping ?? {})) {
    if (!fieldNames.has(field)) throw new MappingError({ path: [field], reason: `${config.action} has no field ${JSON.stringify(field)}`, subscription: name })
    const compiled = compileExpressionMapping(text, `${name} mapping.${field}`, destination, eventTypes)
    const error = compiled.diagnostics.find((d) => d.severity === 'error')
    if (!compiled.resolver || error) {
      throw new MappingError({ path: [field], reason: `${error?.code ?? ''} ${error?.message ?? 'does not compile'}`.trim(), subscription: name })
    }
    overrides.set(field, compiled.resolver)
  }
  for (const [field, json] of Object.entries(config.segmentMapping ?? {})) {
    if (!fieldNames.has(field)) throw new MappingError({ path: [field], reason: `${config.action} has no field ${JSON.stringify(field)}`, subscription: name })
    if (overrides.has(field)) throw new MappingError({ path: [field], reason: 'is mapped both in `mapping` and in `segmentMapping`', subscription: name })
    const resolve = compileMapping(json, `${name} segmentMapping.${field}`)
    overrides.set(field, (event) => resolve(event))
  }

  const subscription: Subscription = {
    name,
    destination,
    action: compiledAction,
    trigger: compileTrigger(trigger),
    mapping: { overrides, useDefaults: config.useDefaultMappings ?? true }
  }
  const batch = compiledAction.batch
  const enabledBySegmentMapping = batch?.enabledField !== undefined && config.segmentMapping?.[batch.enabledField] === true
  if (config.batch || enabledBySegmentMapping) {
    if (!batch) fail(`${config.action} cannot batch: its .map declares no batch block`, ['batch'])
    const limit = batch ? (batch.size.kind === 'literal' ? batch.size.value : batch.size.fallback) : 1
    subscription.batch = {
      maxSize: Math.min(config.batch?.size ?? limit, limit),
      maxAgeMs: config.batch?.maxAgeMs ?? DEFAULT_MAX_AGE_MS
    }
  }
  return subscription
}
