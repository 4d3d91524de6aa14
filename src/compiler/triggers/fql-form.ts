/**
 * The shape of a trigger as FQL text: what `printTrigger` writes and what
 * `segmentIncompatibilities` judges.
 *
 * Segment's FQL parser has no precedence, reads one level of parentheses, ends a group at the
 * first `)`, and has no general negation (it ignores the word `not`, and a `!` before anything but
 * `contains(…)`/`match(…)`). So the AST is rearranged, without changing its meaning:
 * - `and`/`or` chains are flattened (`a and (b and c)` is `a and b and c`);
 * - a `not` is pushed through `and`/`or` (De Morgan) when every condition under it has an exact
 *   complement, a comparison whose `=`/`!=` flipped is its negation under Segment's rules
 *   (`type = "x"`/`type != "x"`, `traits.x = null`/`traits.x != null`); otherwise it stays
 *   where the author wrote it;
 * - in a parenthesised group a `contains`/`match` call moves last, where its own `)` is harmless.
 *
 * Leaves keep the author's literals: printing `userId = true` rather than the condition mapc
 * derived from it lets Segment's parser apply its own rules, so the differential tests check
 * mapc's reading of each literal instead of assuming it.
 */
import type { Span, Trigger, TriggerCall, TriggerCompare, TriggerOperator } from '../syntax/ast.js'
import type { Condition } from './condition.js'
import { lowerCompare } from './lower.js'

export type FqlTree =
  | { kind: 'Compare'; compare: TriggerCompare; operator: TriggerOperator; span: Span }
  | { kind: 'Call'; call: TriggerCall; negated: boolean; span: Span }
  | { kind: 'All' | 'Any'; children: FqlTree[]; span: Span }
  | { kind: 'Not'; operand: FqlTree; span: Span }

/** A trigger without parse-error nodes (lowering has already refused those). */
export function fqlForm(trigger: Trigger): FqlTree {
  return callsLast(build(trigger), false)
}

function build(node: Trigger): FqlTree {
  switch (node.kind) {
    case 'TriggerAnd':
    case 'TriggerOr':
      return group(node.kind === 'TriggerAnd' ? 'All' : 'Any', [build(node.left), build(node.right)], node.span)
    case 'TriggerNot': {
      if (node.operand.kind === 'TriggerCall') return { kind: 'Call', call: node.operand, negated: true, span: node.span }
      const operand = build(node.operand)
      return negate(operand) ?? { kind: 'Not', operand, span: node.span }
    }
    case 'TriggerCompare':
      return { kind: 'Compare', compare: node, operator: node.operator, span: node.span }
    case 'TriggerCall':
      return { kind: 'Call', call: node, negated: false, span: node.span }
    case 'TriggerError':
      throw new Error('fqlForm: a trigger with a parse error has no FQL form')
  }
}

/** The exact negation of `tree` in FQL without `not`, when there is one. */
function negate(tree: FqlTree): FqlTree | undefined {
  switch (tree.kind) {
    case 'Compare': {
      if (tree.operator !== '=' && tree.operator !== '!=') return undefined
      const flipped: TriggerOperator = tree.operator === '=' ? '!=' : '='
      const complementary = areComplements(
        lowerCompare({ ...tree.compare, operator: tree.operator }),
        lowerCompare({ ...tree.compare, operator: flipped })
      )
      return complementary ? { ...tree, operator: flipped } : undefined
    }
    case 'Call':
      // `!contains` needs a string, so it is not the negation of `contains`.
      return undefined
    case 'Not':
      return tree.operand
    case 'All':
    case 'Any': {
      const negated = tree.children.map(negate)
      if (negated.some((child) => child === undefined)) return undefined
      return group(tree.kind === 'All' ? 'Any' : 'All', negated as FqlTree[], tree.span)
    }
  }
}

function areComplements(a: Condition, b: Condition): boolean {
  if ('text' in a && 'text' in b) {
    const pair = `${a.operator} ${b.operator}`
    return a.text === b.text && (pair === '= !=' || pair === '!= =')
  }
  const pair = `${a.operator} ${b.operator}`
  return pair === 'exists not_exists' || pair === 'not_exists exists'
}

function group(kind: 'All' | 'Any', children: FqlTree[], span: Span): FqlTree {
  const flat = children.flatMap((child) => (child.kind === kind ? child.children : [child]))
  return { kind, children: flat, span }
}

/** The top level keeps the author's order; only a group inside parentheses needs its call last. */
function callsLast(tree: FqlTree, parenthesised: boolean): FqlTree {
  switch (tree.kind) {
    case 'Compare':
    case 'Call':
      return tree
    case 'Not':
      return { ...tree, operand: callsLast(tree.operand, false) }
    case 'All':
    case 'Any': {
      const children = tree.children.map((child) => callsLast(child, true))
      if (!parenthesised) return { ...tree, children }
      const isCall = (child: FqlTree): boolean => child.kind === 'Call'
      return { ...tree, children: [...children.filter((c) => !isCall(c)), ...children.filter(isCall)] }
    }
  }
}
