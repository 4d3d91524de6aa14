/**
 * The grammar as the parser itself records it (chevrotain's serialized GAST), minus the error
 * recovery device (`skipped` and the alternatives that lead to it), which is not part of the
 * language. Everything in grammar/ is derived from this, so it cannot drift from the parser.
 */
import type { ISerializedGast } from 'chevrotain'
import { mapParser } from '../syntax/parser.js'

/** A serialized production with the fields chevrotain writes for rules and symbols. */
export interface Production extends ISerializedGast {
  name?: string
  label?: string
  pattern?: string
  separator?: Production
  definition?: Production[]
}

const RECOVERY_RULE = 'skipped'

export function grammarProductions(): Production[] {
  const rules = mapParser().getSerializedGastProductions() as Production[]
  return rules.filter((rule) => rule.name !== RECOVERY_RULE).map(withoutRecovery)
}

function withoutRecovery(production: Production): Production {
  if (production.definition === undefined) return production
  const definition = production.definition
    .filter((child) => !(child.type === 'Alternative' && mentionsRecovery(child)))
    .map(withoutRecovery)
  const result: Production = { ...production, definition }
  // An alternation left with one alternative is just that alternative's sequence.
  if (result.type === 'Alternation' && definition.length === 1) {
    return { type: 'Alternative', definition: (definition[0] as Production).definition ?? [] }
  }
  return result
}

function mentionsRecovery(production: Production): boolean {
  if (production.type === 'NonTerminal' && production.name === RECOVERY_RULE) return true
  return (production.definition ?? []).some(mentionsRecovery)
}
