/**
 * Trigger AST → conditions, applying Segment's rules for what each comparison means.
 *
 * The rules come from `parseFql` in `@segment/destination-subscriptions`:
 * - `type` and `event` compare text whatever the literal: `event = null` is `event === "null"`.
 * - `name` and `userId` treat `= null`/`!= null` as absence/presence; `userId = true` needs the
 *   boolean; everything else compares text.
 * - Every other path (`properties.x`, `traits.x`, `context.x`) treats `= null`/`!= null` as
 *   absence/presence, `= true`/`= false` as the boolean, `= 3`/`!= 3` as numbers (a non-number
 *   never matches either), and a string or `!= true` as text.
 * - `<`, `<=`, `>`, `>=` need a number value; the literal is converted with `Number()`, so
 *   `x < "5"` is `x < 5`, and `x < null` never matches.
 * - `not`/`!` directly before `contains(…)`/`match(…)` is Segment's negated function, which is
 *   false for a value that is not a string; before anything else it is logical negation.
 */
import type { Trigger, TriggerCall, TriggerCompare, TriggerValue } from '../syntax/ast.js'
import { pathKind, type Condition, type ConditionTree, type PathKind } from './condition.js'
import { readMatchPattern } from './match-pattern.js'
import type { TriggerProblem } from './trigger-problem.js'

export type LoweredTrigger = { ok: true; tree: ConditionTree } | { ok: false; problems: TriggerProblem[] }

export function lowerTrigger(trigger: Trigger): LoweredTrigger {
  const problems: TriggerProblem[] = []
  const tree = lowerNode(trigger, problems)
  return problems.length === 0 ? { ok: true, tree } : { ok: false, problems }
}

function lowerNode(node: Trigger, problems: TriggerProblem[]): ConditionTree {
  switch (node.kind) {
    case 'TriggerAnd':
    case 'TriggerOr': {
      const kind = node.kind === 'TriggerAnd' ? 'All' : 'Any'
      const children = [lowerNode(node.left, problems), lowerNode(node.right, problems)].flatMap((child) =>
        child.kind === kind ? child.children : [child]
      )
      return { kind, children, span: node.span }
    }
    case 'TriggerNot':
      if (node.operand.kind === 'TriggerCall') return lowerCall(node.operand, true, node.span, problems)
      return { kind: 'Not', operand: lowerNode(node.operand, problems), span: node.span }
    case 'TriggerCompare':
      return lowerCompare(node, problems)
    case 'TriggerCall':
      return lowerCall(node, false, node.span, problems)
    case 'TriggerError':
      problems.push({ kind: 'unsupported', span: node.span, message: 'the trigger did not parse' })
      return { kind: 'All', children: [], span: node.span }
  }
}

function checkPath(path: readonly string[], node: TriggerCompare | TriggerCall, problems: TriggerProblem[]): void {
  if (path.length === 0) {
    problems.push({ kind: 'unsupported', span: node.path.span, message: 'a trigger path needs at least one name' })
  }
}

/** One comparison as the condition Segment makes of it; problems found are appended to `problems`. */
export function lowerCompare(node: TriggerCompare, problems: TriggerProblem[] = []): Condition {
  const path = node.path.segments
  checkPath(path, node, problems)
  const { value } = node
  if (value.kind === 'Number' && !Number.isFinite(value.value)) {
    problems.push({ kind: 'unsupported', span: value.span, message: `the number ${value.raw} is out of range` })
  }
  const base = { kind: 'Condition' as const, path, span: node.span }
  const kind = pathKind(path)
  switch (node.operator) {
    case '<':
    case '<=':
    case '>':
    case '>=':
      return { ...base, operator: node.operator, number: orderingOperand(kind, value) }
    case '=':
    case '!=': {
      const equals = node.operator === '='
      if (value.kind === 'Null' && kind !== 'type' && kind !== 'event') {
        return { ...base, operator: equals ? 'not_exists' : 'exists' }
      }
      if (equals && value.kind === 'Boolean' && (kind === 'userId' || kind === 'property')) {
        return { ...base, operator: value.value ? 'is_true' : 'is_false' }
      }
      if (value.kind === 'Number' && kind === 'property') {
        return { ...base, operator: equals ? 'number_equals' : 'number_not_equals', number: value.value }
      }
      return { ...base, operator: node.operator, text: literalText(value) }
    }
  }
}

/** The text Segment compares with: the literal as FQL wrote it, without quotes. */
function literalText(value: TriggerValue): string {
  switch (value.kind) {
    case 'String':
      return value.value
    case 'Number':
      return String(value.value)
    case 'Boolean':
      return String(value.value)
    case 'Null':
      return 'null'
  }
}

/**
 * Segment converts the literal of an ordering with `Number()`. Property paths keep a boolean
 * literal as a boolean first (`x < true` is `x < 1`); the text fields stringify it first
 * (`userId < true` is `userId < NaN`, never true).
 */
function orderingOperand(kind: PathKind, value: TriggerValue): number {
  if (kind === 'property' && value.kind === 'Boolean') return Number(value.value)
  return Number(literalText(value))
}

function lowerCall(node: TriggerCall, negated: boolean, span: TriggerCall['span'], problems: TriggerProblem[]): Condition {
  const path = node.path.segments
  checkPath(path, node, problems)
  const base = { kind: 'Condition' as const, path, span }
  if (node.function === 'contains') {
    return { ...base, operator: negated ? 'not_contains' : 'contains', text: node.argument.value }
  }
  const test = readMatchPattern(node.argument.value)
  if (test === undefined) {
    problems.push({
      kind: 'unsupported',
      span: node.argument.span,
      message:
        'a match pattern needs a `*` at its start (ends with …) or at its end (starts with …); for an exact value use `=`'
    })
    return { ...base, operator: negated ? 'not_starts_with' : 'starts_with', text: node.argument.value }
  }
  if (test.operator === 'starts_with') return { ...base, operator: negated ? 'not_starts_with' : 'starts_with', text: test.text }
  return { ...base, operator: negated ? 'not_ends_with' : 'ends_with', text: test.text }
}
