/**
 * A trigger as a JavaScript expression, for the code generator: the same predicate as
 * `compileTrigger`, with no interpretation left for run time.
 *
 * The expression reads the event only through `readPath` (`TRIGGER_JS_HELPER`), the own-property
 * path reader of `src/runtime/lib/path.ts`; the generated module must import it under that name.
 * Every string from the trigger is written with `jsString`.
 */
import type { Trigger } from '../syntax/ast.js'
import type { Condition, ConditionTree } from './condition.js'
import { isJsIdentifier, jsNumber, jsString, jsStringArray } from './js-literal.js'
import { lowerTrigger } from './lower.js'
import { numberOperators, presenceOperators, textOperators } from './operators.js'
import { UnsupportedTriggerError } from './trigger-problem.js'

/** The one free name the emitted expression uses besides `eventVar`. */
export const TRIGGER_JS_HELPER = 'readPath'

/**
 * `eventVar` names the variable holding the event in the generated code. The expression has no
 * free names other than `eventVar` and `readPath`; its own parameters (`e`, `v`) shadow nothing
 * the caller needs.
 *
 * @throws UnsupportedTriggerError as `compileTrigger` does; Error when `eventVar` is not an identifier.
 */
export function triggerToJs(trigger: Trigger, eventVar: string): string {
  if (!isJsIdentifier(eventVar)) throw new Error(`triggerToJs: ${JSON.stringify(eventVar)} is not a JavaScript identifier`)
  const lowered = lowerTrigger(trigger)
  if (!lowered.ok) throw new UnsupportedTriggerError(lowered.problems)
  // The same guards as compileTrigger: only objects match, and an exotic object that throws on
  // property access does not match rather than failing the delivery.
  return (
    '((e) => { try { return typeof e === "object" && e !== null && !Array.isArray(e) && ' +
    `${treeJs(lowered.tree)}; } catch { return false; } })(${eventVar})`
  )
}

function treeJs(tree: ConditionTree): string {
  switch (tree.kind) {
    case 'Condition':
      return conditionJs(tree)
    case 'Not':
      return `!${treeJs(tree.operand)}`
    case 'All':
      return tree.children.length === 0 ? 'true' : `(${tree.children.map(treeJs).join(' && ')})`
    case 'Any':
      return tree.children.length === 0 ? 'false' : `(${tree.children.map(treeJs).join(' || ')})`
  }
}

/** `((v) => <test of v>)(readPath(e, [...]))`: the path is read once, the test may use it twice. */
function conditionJs(condition: Condition): string {
  const read = `${TRIGGER_JS_HELPER}(e, ${jsStringArray(condition.path)})`
  let test: string
  if ('text' in condition) test = textOperators[condition.operator].js('v', jsString(condition.text))
  else if ('number' in condition) test = numberOperators[condition.operator].js('v', jsNumber(condition.number))
  else test = presenceOperators[condition.operator].js('v')
  return `((v) => ${test})(${read})`
}
