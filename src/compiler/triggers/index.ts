/**
 * Triggers: Segment's FQL subset, compiled once. See docs/triggers.md.
 */
export { compileTrigger, type EventPredicate } from './compile.js'
export { triggerToJs, TRIGGER_JS_HELPER } from './to-js.js'
export { printTrigger } from './print.js'
export { triggerProblems } from './segment-compatibility.js'
export { UnsupportedTriggerError, type TriggerProblem, type TriggerProblemKind } from './trigger-problem.js'
