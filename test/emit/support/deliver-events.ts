/**
 * Events through an action of a destination (compiled or interpreted), the way the runtime
 * delivers them: `deliverOne` per event, or `deliverBatch` for all of them, with a recording
 * transport and a redactor that knows the configuration's secrets.
 */
import type { CompiledDestination, SegmentEvent } from '../../../src/runtime/contract.js'
import { deliverBatch, deliverOne, type DeliveryTarget } from '../../../src/runtime/delivery/deliver.js'
import { defaultMapping, type FieldMapping } from '../../../src/runtime/delivery/payload.js'
import type { DeliveryResult } from '../../../src/runtime/delivery/results.js'
import { createRedactor } from '../../../src/runtime/redaction/index.js'
import { scriptedTransport, type AnswerScript, type SentRequest } from '../../../src/conformance/scripted-transport.js'

export interface DeliveryOptions {
  settings: Record<string, unknown>
  auth?: { accessToken?: string; refreshToken?: string }
  script: AnswerScript
  mapping?: FieldMapping
  /** Deliver all events as batches of at most this many; one by one without it. */
  batchSize?: number
}

export interface DeliveryRun {
  results: DeliveryResult[]
  requests: SentRequest[]
}

/** What the runtime redacts: the values of the settings the destination marks secret, and the OAuth tokens. */
export function secretsOf(destination: CompiledDestination, options: Pick<DeliveryOptions, 'settings' | 'auth'>): string[] {
  const secret = destination.settings.filter((s) => s.secret).map((s) => (Object.prototype.hasOwnProperty.call(options.settings, s.name) ? options.settings[s.name] : undefined))
  return [...secret, options.auth?.accessToken, options.auth?.refreshToken].filter((v): v is string => typeof v === 'string')
}

export async function deliverEvents(
  destination: CompiledDestination,
  actionName: string,
  events: readonly SegmentEvent[],
  options: DeliveryOptions
): Promise<DeliveryRun> {
  const action = destination.actions[actionName]
  if (!action) throw new Error(`${destination.name} has no action ${actionName}`)
  const redactor = createRedactor(secretsOf(destination, options))
  const { transport, sent: requests } = scriptedTransport(options.script, redactor)
  const target: DeliveryTarget = {
    destination,
    action,
    subscription: `${destination.name}/${actionName}`,
    mapping: options.mapping ?? defaultMapping,
    ctx: { settings: options.settings, auth: options.auth ?? {} },
    transport,
    redactor
  }
  const results: DeliveryResult[] = []
  if (options.batchSize !== undefined) results.push(...(await deliverBatch(target, events, options.batchSize)))
  else for (const event of events) results.push(await deliverOne(target, event))
  return { results, requests }
}

/** A result as plain data, with the error as its JSON, for comparing two runs. */
export function comparable(result: DeliveryResult): unknown {
  return result.status === 'failed' ? { ...result, error: result.error.toJSON() } : result
}
