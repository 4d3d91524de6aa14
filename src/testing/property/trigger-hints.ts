/**
 * Values a trigger asks for, to plant in generated events. Random events almost never satisfy
 * `event = "Order Completed"` or `properties.total > 100`; events with those values planted
 * (some of them, in any combination) do often enough for the trigger filter to keep most runs.
 * The trigger still decides: a hint only makes a match likely, never certain.
 */
import type { Trigger, TriggerValue } from '../../compiler/syntax/ast.js'

export interface TriggerHint {
  /** `properties.total` → ['properties', 'total'] */
  path: readonly string[]
  value: unknown
}

/** Hints from every comparison and call outside a `not`; `type` is left to the event types. */
export function triggerHints(trigger: Trigger): TriggerHint[] {
  switch (trigger.kind) {
    case 'TriggerAnd':
    case 'TriggerOr':
      return [...triggerHints(trigger.left), ...triggerHints(trigger.right)]
    case 'TriggerNot':
    case 'TriggerError':
      return []
    case 'TriggerCompare': {
      const value = comparisonWitness(trigger.operator, trigger.value)
      return value === undefined || isTypePath(trigger.path.segments) ? [] : [{ path: trigger.path.segments, value }]
    }
    case 'TriggerCall': {
      if (isTypePath(trigger.path.segments)) return []
      const text = trigger.argument.value
      // A glob's `*` may match nothing and its `?` any one character.
      const value = trigger.function === 'contains' ? text : text.replace(/\*/g, '').replace(/\?/g, 'x')
      return [{ path: trigger.path.segments, value }]
    }
  }
}

/** A value that satisfies `path <operator> literal`, when one is obvious. */
function comparisonWitness(operator: string, literal: TriggerValue): unknown {
  const value = literal.kind === 'Null' ? null : literal.value
  switch (operator) {
    case '=':
    case '<=':
    case '>=':
      return value
    case '<':
      return typeof value === 'number' ? value - 1 : undefined
    case '>':
      return typeof value === 'number' ? value + 1 : undefined
    default:
      return undefined
  }
}

function isTypePath(segments: readonly string[]): boolean {
  return segments.length === 1 && segments[0] === 'type'
}

/**
 * The event with the hint's value at its path. Objects along the path are copied, never
 * mutated, and keys are defined as own properties (a hint path may say `__proto__`).
 */
export function plantHint(event: Record<string, unknown>, hint: TriggerHint): Record<string, unknown> {
  return setPath(event, hint.path, 0, hint.value) as Record<string, unknown>
}

function setPath(target: unknown, path: readonly string[], index: number, value: unknown): unknown {
  const key = path[index]
  if (key === undefined) return value
  const base = target !== null && typeof target === 'object' && !Array.isArray(target) ? (target as Record<string, unknown>) : {}
  const current = Object.prototype.hasOwnProperty.call(base, key) ? base[key] : undefined
  return Object.fromEntries([...Object.entries(base).filter(([name]) => name !== key), [key, setPath(current, path, index + 1, value)]])
}
