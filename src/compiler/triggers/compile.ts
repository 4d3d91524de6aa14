/**
 * A trigger compiled once into closures and evaluated per event.
 */
import type { Trigger } from '../syntax/ast.js'
import { readPath } from '../../runtime/lib/path.js'
import type { Condition, ConditionTree } from './condition.js'
import { lowerTrigger } from './lower.js'
import { numberOperators, presenceOperators, textOperators } from './operators.js'
import { UnsupportedTriggerError } from './trigger-problem.js'

export type EventPredicate = (event: unknown) => boolean

/**
 * Whether `event` fires a subscription with this trigger. Only a JSON object can match: arrays,
 * primitives and `null` never do. The predicate never throws, even for an object whose property
 * access throws (a getter, a Proxy); such an event does not match.
 *
 * @throws UnsupportedTriggerError when the trigger has `unsupported` problems (see `triggerProblems`).
 */
export function compileTrigger(trigger: Trigger): EventPredicate {
  const lowered = lowerTrigger(trigger)
  if (!lowered.ok) throw new UnsupportedTriggerError(lowered.problems)
  const matches = compileTree(lowered.tree)
  return (event) => {
    if (!isEventObject(event)) return false
    try {
      return matches(event)
    } catch {
      return false
    }
  }
}

function isEventObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function compileTree(tree: ConditionTree): EventPredicate {
  switch (tree.kind) {
    case 'Condition':
      return compileCondition(tree)
    case 'Not': {
      const operand = compileTree(tree.operand)
      return (event) => !operand(event)
    }
    case 'All': {
      const children = tree.children.map(compileTree)
      return (event) => children.every((child) => child(event))
    }
    case 'Any': {
      const children = tree.children.map(compileTree)
      return (event) => children.some((child) => child(event))
    }
  }
}

function compileCondition(condition: Condition): EventPredicate {
  const { path } = condition
  if ('text' in condition) {
    const { test } = textOperators[condition.operator]
    const { text } = condition
    return (event) => test(readPath(event, path), text)
  }
  if ('number' in condition) {
    const { test } = numberOperators[condition.operator]
    const { number } = condition
    return (event) => test(readPath(event, path), number)
  }
  const { test } = presenceOperators[condition.operator]
  return (event) => test(readPath(event, path), undefined)
}
