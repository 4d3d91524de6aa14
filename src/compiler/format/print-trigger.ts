/**
 * Triggers (FQL) → documents, parenthesised by precedence: `or` looser than `and`, looser than
 * `not`. Negation is always written `not` (FQL's `!` reads the same).
 */
import type { Trigger, TriggerValue } from '../syntax/ast.js'
import { encodeString } from '../syntax/literals.js'
import type { CommentPrinter } from './comment-printer.js'
import type { Doc } from './doc.js'

const OR = 0
const AND = 1
const NOT = 2
const PRIMARY = 3

function precedence(trigger: Trigger): number {
  switch (trigger.kind) {
    case 'TriggerOr':
      return OR
    case 'TriggerAnd':
      return AND
    case 'TriggerNot':
      return NOT
    default:
      return PRIMARY
  }
}

export function printTrigger(trigger: Trigger, comments: CommentPrinter, minimum = 0): Doc {
  const doc = comments.wrap(trigger, printBare(trigger, comments))
  return precedence(trigger) < minimum ? ['(', doc, ')'] : doc
}

function printBare(trigger: Trigger, comments: CommentPrinter): Doc {
  switch (trigger.kind) {
    case 'TriggerOr':
      return [printTrigger(trigger.left, comments, OR), ' or ', printTrigger(trigger.right, comments, AND)]
    case 'TriggerAnd':
      return [printTrigger(trigger.left, comments, AND), ' and ', printTrigger(trigger.right, comments, NOT)]
    case 'TriggerNot':
      return ['not ', printTrigger(trigger.operand, comments, NOT)]
    case 'TriggerCompare':
      return [
        comments.wrap(trigger.path, trigger.path.segments.join('.')),
        ` ${trigger.operator} `,
        comments.wrap(trigger.value, printValue(trigger.value))
      ]
    case 'TriggerCall':
      return [trigger.function, '(', comments.wrap(trigger.path, trigger.path.segments.join('.')), ', ', encodeString(trigger.argument.value), ')']
    case 'TriggerError':
      return 'type = null'
  }
}

function printValue(value: TriggerValue): string {
  switch (value.kind) {
    case 'String':
      return encodeString(value.value)
    case 'Number':
      return value.raw
    case 'Boolean':
      return value.value ? 'true' : 'false'
    case 'Null':
      return 'null'
  }
}
