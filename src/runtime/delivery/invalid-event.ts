/**
 * What `send` accepts as an event: a JSON object with a string `type`. Anything else is reported
 * as one failed result rather than thrown or dropped.
 */
import { messageIdOf, type DeliveryResult } from './results.js'
import { InvalidEventError } from '../errors/index.js'

/** Why a value cannot be an event, or undefined when it can. */
export function eventProblem(event: unknown): string | undefined {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) return `expected a JSON object, got ${event === null ? 'null' : Array.isArray(event) ? 'an array' : typeof event}`
  let type: unknown
  try {
    type = (event as Record<string, unknown>).type
  } catch {
    // Not JSON (a getter or a Proxy that throws): `send` must still answer with a result, not throw.
    return 'reading its `type` threw'
  }
  if (typeof type !== 'string') return 'it has no string `type`'
  return undefined
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
