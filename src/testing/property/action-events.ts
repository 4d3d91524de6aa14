/**
 * The events an action is tested with: Segment events of the types its default trigger can
 * match (every accepted type when it has none), with the trigger's values sometimes planted
 * (trigger-hints.ts). Which of them the trigger really matches is decided by the caller, with
 * the compiled trigger, so that the filter is the one production uses.
 */
import fc from 'fast-check'
import type { ActionIR } from '../../compiler/ir.js'
import type { SegmentEvent } from '../../schemas/segment/index.js'
import { eventArbitrary } from '../event-arbitrary.js'
import { plantHint, triggerHints } from './trigger-hints.js'

export function actionEventArbitrary(action: ActionIR, adversarial: boolean): fc.Arbitrary<SegmentEvent> {
  const events = eventArbitrary(action.eventTypes, { adversarial })
  const hints = action.trigger ? triggerHints(action.trigger) : []
  if (hints.length === 0) return events
  return fc
    .tuple(events, fc.subarray(hints))
    .map(([event, planted]) => planted.reduce<SegmentEvent>((e, hint) => plantHint(e, hint) as SegmentEvent, event))
}
