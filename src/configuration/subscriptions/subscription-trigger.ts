/**
 * A subscription's FQL trigger: parsed, checked to be able to match an event type the destination
 * accepts, and compiled. The event types it leaves are what the subscription's mappings are
 * type-checked against, and the only ones it fires for.
 */
import { possibleEventTypes } from '../../compiler/check/trigger-types.js'
import type { Trigger } from '../../compiler/syntax/ast.js'
import { parseTrigger } from '../../compiler/syntax/parse.js'
import type { CompiledDestination, EventType } from '../../runtime/contract.js'
import { compileTrigger, UnsupportedTriggerError } from '../../compiler/triggers/index.js'

export interface SubscriptionTrigger {
  eventTypes: EventType[]
  matches: (event: unknown) => boolean
}

/** @param fail throws the caller's error for a reason; it never returns. */
export function compileSubscriptionTrigger(text: string, where: string, destination: CompiledDestination, fail: (reason: string) => never): SubscriptionTrigger {
  const trigger = parse(text, where, fail)
  const eventTypes = acceptedEventTypes(trigger, destination, fail)
  const predicate = compile(trigger, fail)
  const accepted = new Set<unknown>(eventTypes)
  return { eventTypes, matches: (event) => predicate(event) && accepted.has((event as { type?: unknown }).type) }
}

function parse(text: string, where: string, fail: (reason: string) => never): Trigger {
  const parsed = parseTrigger(text, where)
  const error = parsed.diagnostics.find((d) => d.severity === 'error')
  if (error !== undefined) return fail(`the trigger ${JSON.stringify(text)} does not parse: ${error.message} (column ${error.span.start.column})`)
  return parsed.trigger ?? fail('the trigger is empty')
}

function acceptedEventTypes(trigger: Trigger, destination: CompiledDestination, fail: (reason: string) => never): EventType[] {
  const possible = possibleEventTypes(trigger)
  if (possible.length === 0) return fail('the trigger matches no event type')
  const accepted = possible.filter((t) => destination.accepts.includes(t))
  if (accepted.length === 0) {
    return fail(`the trigger matches only ${possible.join(', ')} events, which ${destination.name} does not accept (it accepts ${destination.accepts.join(', ')})`)
  }
  return accepted
}

function compile(trigger: Trigger, fail: (reason: string) => never): (event: unknown) => boolean {
  try {
    return compileTrigger(trigger)
  } catch (error) {
    if (error instanceof UnsupportedTriggerError) return fail(`the trigger cannot be evaluated: ${error.problems.map((p) => p.message).join('; ')}`)
    throw error
  }
}
