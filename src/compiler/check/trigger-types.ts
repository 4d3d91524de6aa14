/**
 * Which event types can a trigger match? The answer narrows the schemas a field's default is
 * checked against: `type = "identify"` → identify; `type = "track" or type = "page"` → both;
 * a trigger that never mentions `type` → every accepted type.
 *
 * Each atom is evaluated in three-valued logic with only the event type known: a comparison on
 * `type` is true or false, anything else is unknown. A type is possible unless the whole trigger is
 * definitely false for it.
 */
import type { Trigger } from '../syntax/ast.js'
import type { EventType } from '../ir.js'

type Truth = true | false | 'unknown'

export const allEventTypes: readonly EventType[] = ['identify', 'track', 'group', 'page', 'screen', 'alias']

export function possibleEventTypes(trigger: Trigger, among: readonly EventType[] = allEventTypes): EventType[] {
  return among.filter((type) => evaluate(trigger, type) !== false)
}

function evaluate(trigger: Trigger, type: EventType): Truth {
  switch (trigger.kind) {
    case 'TriggerAnd': {
      const l = evaluate(trigger.left, type)
      const r = evaluate(trigger.right, type)
      if (l === false || r === false) return false
      return l === true && r === true ? true : 'unknown'
    }
    case 'TriggerOr': {
      const l = evaluate(trigger.left, type)
      const r = evaluate(trigger.right, type)
      if (l === true || r === true) return true
      return l === false && r === false ? false : 'unknown'
    }
    case 'TriggerNot': {
      const v = evaluate(trigger.operand, type)
      return v === 'unknown' ? 'unknown' : !v
    }
    case 'TriggerCompare': {
      if (trigger.path.segments.length !== 1 || trigger.path.segments[0] !== 'type') return 'unknown'
      if (trigger.value.kind !== 'String') return trigger.operator === '!=' ? true : false
      if (trigger.operator === '=') return trigger.value.value === type
      if (trigger.operator === '!=') return trigger.value.value !== type
      return 'unknown'
    }
    case 'TriggerCall': {
      if (trigger.path.segments.length !== 1 || trigger.path.segments[0] !== 'type') return 'unknown'
      if (trigger.function === 'contains') return type.includes(trigger.argument.value)
      return 'unknown'
    }
    case 'TriggerError':
      return 'unknown'
  }
}

/** The string values a trigger compares `type` with, to check them against the known types. */
export function typeLiterals(trigger: Trigger): { value: string; span: Trigger['span'] }[] {
  switch (trigger.kind) {
    case 'TriggerAnd':
    case 'TriggerOr':
      return [...typeLiterals(trigger.left), ...typeLiterals(trigger.right)]
    case 'TriggerNot':
      return typeLiterals(trigger.operand)
    case 'TriggerCompare':
      return trigger.path.segments.length === 1 && trigger.path.segments[0] === 'type' && trigger.value.kind === 'String'
        ? [{ value: trigger.value.value, span: trigger.value.span }]
        : []
    default:
      return []
  }
}
