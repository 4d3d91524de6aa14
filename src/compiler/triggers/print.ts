/**
 * Triggers as canonical FQL text, the `subscribe` string Segment stores for a subscription.
 *
 * The text follows the FQL form of fql-form.ts: flattened `and`/`or` with every nested group in
 * parentheses, negation pushed down where Segment can express it, the author's literals kept
 * (numbers in positional notation), names escaped for Segment's lexer. A trigger
 * `segmentIncompatibilities` reports is still printed as valid FQL, which Segment would misread.
 */
import type { Trigger, TriggerValue } from '../syntax/ast.js'
import { fqlForm, type FqlTree } from './fql-form.js'
import { fqlNumber, fqlPath, fqlString } from './fql-tokens.js'
import { lowerTrigger } from './lower.js'
import { UnsupportedTriggerError } from './trigger-problem.js'

/** @throws UnsupportedTriggerError for a trigger with `unsupported` problems. */
export function printTrigger(trigger: Trigger): string {
  const lowered = lowerTrigger(trigger)
  if (!lowered.ok) throw new UnsupportedTriggerError(lowered.problems)
  return printTree(fqlForm(trigger), true)
}

function printTree(tree: FqlTree, top: boolean): string {
  switch (tree.kind) {
    case 'Compare':
      return `${fqlPath(tree.compare.path.segments)} ${tree.operator} ${printValue(tree.compare.value)}`
    case 'Call': {
      const { call } = tree
      const text = `${call.function}(${fqlPath(call.path.segments)}, ${fqlString(call.argument.value)})`
      return tree.negated ? `!${text}` : text
    }
    case 'Not':
      return `!(${printTree(tree.operand, true)})`
    case 'All':
    case 'Any': {
      const text = tree.children.map((child) => printTree(child, false)).join(tree.kind === 'All' ? ' and ' : ' or ')
      return top ? text : `(${text})`
    }
  }
}

function printValue(value: TriggerValue): string {
  switch (value.kind) {
    case 'String':
      return fqlString(value.value)
    case 'Number':
      return fqlNumber(value.value)
    case 'Boolean':
      return String(value.value)
    case 'Null':
      return 'null'
  }
}
