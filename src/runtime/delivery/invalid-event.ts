/**
 * What `send` accepts as an event: a JSON object with a string `type`, within the limits of
 * event-data.ts. Anything else is reported as one failed result rather than thrown or dropped.
 */
import { messageIdOf, type DeliveryResult } from './results.js'
import { InvalidEventError } from '../errors/index.js'
import { eventDataProblem } from './event-data.js'

/** Why a value cannot be an event, or undefined when it can. */
export function eventProblem(event: unknown): string | undefined {
  if (event === null || typeof event !== 'object') return `expected a JSON object, got ${event === null ? 'null' : typeof event}`
  let isArray: boolean
  try {
    isArray = Array.isArray(event)
  } catch {
    // A revoked Proxy.
    return 'it cannot be read (a revoked Proxy)'
  }
  if (isArray) return 'expected a JSON object, got an array'
  let type: unknown
  try {
    type = (event as Record<string, unknown>).type
  } catch {
    // Not JSON (a getter or a Proxy that throws): `send` must still answer with a result, not throw.
    return 'reading its `type` threw'
  }
  if (typeof type !== 'string') return 'it has no string `type`'
  return eventDataProblem(event)
}

/** An event that is not one fires no subscription, so it is reported once, for no destination. */
export function invalidEventResult(event: unknown, problem: string): DeliveryResult {
  const messageId = messageIdOf(event)
  return {
    status: 'failed',
    destination: '',
    action: '',
    subscription: '',
    ...(messageId !== undefined ? { messageId } : {}),
    error: new InvalidEventError(problem),
    requests: 0
  }
}
