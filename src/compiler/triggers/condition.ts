/**
 * The meaning of a trigger, in the terms Segment's runtime uses.
 *
 * Segment's `@segment/destination-subscriptions` turns FQL text into leaf conditions whose
 * operators (`=`, `number_equals`, `exists`, `is_true`, `not_contains`, `starts_with`…) decide
 * how a value is compared. Which operator a comparison becomes depends on the path (`type` and
 * `event` compare text, `properties.x = 3` compares numbers) and on the literal. Lowering a
 * trigger AST to these conditions once lets evaluation, code generation and printing share one
 * meaning instead of three copies of Segment's rules.
 */
import type { Span } from '../syntax/ast.js'

/** Compare the value with a text: `=` is `value === text`, `!=` is `value !== text`; the string functions need a string value. */
export type TextOperator =
  | '='
  | '!='
  | 'contains'
  | 'not_contains'
  | 'starts_with'
  | 'not_starts_with'
  | 'ends_with'
  | 'not_ends_with'

/** Need a number value; `number_not_equals` is false for a value that is not a number. */
export type NumberOperator = 'number_equals' | 'number_not_equals' | '<' | '<=' | '>' | '>='

/** `exists`: neither absent nor null; `is_true`/`is_false`: exactly that boolean. */
export type PresenceOperator = 'exists' | 'not_exists' | 'is_true' | 'is_false'

interface ConditionBase {
  kind: 'Condition'
  /** The event path read, from the root of the event: `['properties', 'total']`. */
  path: readonly string[]
  /** The trigger text the condition came from. */
  span: Span
}

export type Condition =
  | (ConditionBase & { operator: TextOperator; text: string })
  | (ConditionBase & { operator: NumberOperator; number: number })
  | (ConditionBase & { operator: PresenceOperator })

export interface ConditionGroup {
  kind: 'All' | 'Any'
  children: ConditionTree[]
  span: Span
}

/** Logical negation: true exactly when the operand is false. */
export interface ConditionNot {
  kind: 'Not'
  operand: ConditionTree
  span: Span
}

export type ConditionTree = Condition | ConditionGroup | ConditionNot

/**
 * How Segment classifies a path. The four top-level text fields have their own rules for
 * literals; every other path (`properties.x`, `traits.x`, `context.x`, and anything mapc accepts
 * beyond what Segment does) follows the property rules.
 */
export type PathKind = 'type' | 'event' | 'name' | 'userId' | 'property'

export function pathKind(path: readonly string[]): PathKind {
  if (path.length !== 1) return 'property'
  const [root] = path
  return root === 'type' || root === 'event' || root === 'name' || root === 'userId' ? root : 'property'
}
