/**
 * Where Segment's runtime would read a trigger's FQL differently from mapc.
 *
 * mapc gives every trigger tree its plain meaning. Segment's parser (`parseFql` in
 * `@segment/destination-subscriptions`) understands a narrower language; this module lists, for
 * the text `printTrigger` produces, each place where that parser would build a different
 * condition, with the reason. docs/triggers.md explains each one. The property test compares
 * mapc with Segment on every trigger for which this list is empty.
 */
import type { Span, Trigger } from '../syntax/ast.js'
import { fqlForm, type FqlTree } from './fql-form.js'
import { FQL_MAX_TOKEN_LENGTH } from './fql-tokens.js'
import { lowerTrigger } from './lower.js'
import type { TriggerProblem } from './trigger-problem.js'

const TEXT_FIELDS = new Set(['type', 'event', 'name', 'userId'])
const OBJECT_ROOTS = new Set(['properties', 'traits', 'context'])
/** The paths Segment's `contains(…)`/`match(…)` accept as a whole name. */
const CALL_TEXT_FIELDS = new Set(['event', 'name', 'userId'])

/** Every problem of a trigger: the `unsupported` ones alone when there are any, else Segment's. */
export function triggerProblems(trigger: Trigger): TriggerProblem[] {
  const lowered = lowerTrigger(trigger)
  return lowered.ok ? segmentIncompatibilities(trigger) : lowered.problems
}

/** For a trigger without `unsupported` problems. */
export function segmentIncompatibilities(trigger: Trigger): TriggerProblem[] {
  const problems: TriggerProblem[] = []
  const form = fqlForm(trigger)
  checkStructure(form, 0, problems)
  forEachLeaf(form, (leaf) => checkLeaf(leaf, problems))
  return problems
}

type FqlLeaf = Extract<FqlTree, { kind: 'Compare' | 'Call' }>

function incompatible(problems: TriggerProblem[], span: Span, message: string): void {
  problems.push({ kind: 'segment-incompatible', span, message })
}

/** `depth` counts the parentheses around `tree` in the printed text. */
function checkStructure(tree: FqlTree, depth: number, problems: TriggerProblem[]): void {
  switch (tree.kind) {
    case 'Compare':
    case 'Call':
      return
    case 'Not':
      incompatible(
        problems,
        tree.span,
        "Segment's FQL has no `not` for this (only `!contains(…)`, `!match(…)`, and `!=` for text and null comparisons); it would ignore the negation"
      )
      checkStructure(tree.operand, depth, problems)
      return
    case 'All':
    case 'Any': {
      if (depth >= 1 && tree.children.some((child) => child.kind !== 'Compare' && child.kind !== 'Call')) {
        incompatible(problems, tree.span, "Segment's FQL parser reads only one level of parentheses; it cannot parse this nesting")
      }
      if (depth >= 1 && tree.children.filter((child) => child.kind === 'Call').length > 1) {
        incompatible(
          problems,
          tree.span,
          "Segment's FQL parser ends a parenthesised group at the first `)`, so a group can hold at most one contains()/match() call"
        )
      }
      for (const child of tree.children) checkStructure(child, depth + 1, problems)
    }
  }
}

function forEachLeaf(tree: FqlTree, visit: (leaf: FqlLeaf) => void): void {
  if (tree.kind === 'Compare' || tree.kind === 'Call') visit(tree)
  else if (tree.kind === 'Not') forEachLeaf(tree.operand, visit)
  else for (const child of tree.children) forEachLeaf(child, visit)
}

function checkLeaf(leaf: FqlLeaf, problems: TriggerProblem[]): void {
  const { span } = leaf
  const path = leaf.kind === 'Compare' ? leaf.compare.path.segments : leaf.call.path.segments
  const [root = '', ...rest] = path
  const shown = path.join('.')
  if (leaf.kind === 'Call') {
    if (!(path.length === 1 && CALL_TEXT_FIELDS.has(root)) && !OBJECT_ROOTS.has(root)) {
      incompatible(problems, span, `Segment's contains()/match() do not read \`${shown}\`; it would drop this condition`)
    }
  } else if (!TEXT_FIELDS.has(root) && !OBJECT_ROOTS.has(root)) {
    incompatible(
      problems,
      span,
      `Segment's FQL only reads type, event, name, userId, properties.…, traits.… and context.…; it would drop the condition on \`${shown}\``
    )
  }
  if (TEXT_FIELDS.has(root) && rest.length > 0) {
    incompatible(problems, span, `Segment reads \`${root}\` for \`${shown}\` and ignores the rest of the path`)
  }
  if (OBJECT_ROOTS.has(root) && rest.length === 0) {
    incompatible(problems, span, `Segment reads \`${root}.${root}\` for a bare \`${root}\`; name a key inside it`)
  }
  if (OBJECT_ROOTS.has(root) && rest.some((name) => name === '' || /[.[\]]/.test(name))) {
    incompatible(problems, span, 'Segment splits path names at `.`, `[` and `]` and skips empty names; this path would read another value')
  }
  if (path.some((name) => name.length > FQL_MAX_TOKEN_LENGTH)) {
    incompatible(problems, span, `Segment's FQL lexer rejects a name longer than ${FQL_MAX_TOKEN_LENGTH} characters`)
  }
  const text = leaf.kind === 'Call' ? leaf.call.argument.value : leaf.compare.value.kind === 'String' ? leaf.compare.value.value : undefined
  if (text !== undefined && text.includes('"')) {
    incompatible(problems, span, 'FQL strings have no escapes, so Segment cannot read a string containing `"`')
  }
  if (text !== undefined && text.length > FQL_MAX_TOKEN_LENGTH) {
    incompatible(problems, span, `Segment's FQL lexer rejects a string longer than ${FQL_MAX_TOKEN_LENGTH} characters`)
  }
}
