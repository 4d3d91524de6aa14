/**
 * What can be wrong with a trigger, as values the checker turns into diagnostics.
 *
 * - `unsupported`: mapc cannot give the trigger a meaning (a parse error node, a `match` pattern
 *   with no wildcard at either end). `compileTrigger` refuses it.
 * - `segment-incompatible`: mapc evaluates the trigger as written, but Segment's runtime would
 *   read the FQL text `printTrigger` produces differently (see docs/triggers.md). Compiling is
 *   fine; publishing the trigger to Segment is not.
 */
import type { Span } from '../syntax/ast.js'

export type TriggerProblemKind = 'unsupported' | 'segment-incompatible'

export interface TriggerProblem {
  kind: TriggerProblemKind
  span: Span
  message: string
}

/** Thrown by `compileTrigger`/`triggerToJs` for a trigger with `unsupported` problems. */
export class UnsupportedTriggerError extends Error {
  readonly problems: readonly TriggerProblem[]

  constructor(problems: readonly TriggerProblem[]) {
    const lines = problems.map((p) => `${p.span.file}:${p.span.start.line}:${p.span.start.column}: ${p.message}`)
    super(`cannot compile trigger: ${lines.join('; ')}`)
    this.name = 'UnsupportedTriggerError'
    this.problems = [...problems]
  }
}
