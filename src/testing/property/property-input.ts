/**
 * What one run of a property is given: the events (one, or a batch of 1–5), the destination
 * instance's settings and OAuth data, and the seed the stub API draws its answers from. All of
 * it is generated, so all of it shrinks and replays.
 */
import fc from 'fast-check'
import type { ActionIR, DestinationIR } from '../../compiler/ir.js'
import type { SegmentEvent } from '../../runtime/contract.js'
import { actionEventArbitrary } from './action-events.js'
import type { RunMode } from './property-id.js'
import { authArbitrary, settingsArbitrary, type AuthData, type Settings } from './settings-arbitrary.js'

export interface PropertyInput {
  events: SegmentEvent[]
  settings: Settings
  auth: AuthData
  responseSeed: number
}

/** The most events in a batch run. */
export const maxBatchEvents = 5

export function propertyInputArbitrary(ir: DestinationIR, action: ActionIR, mode: RunMode, adversarial: boolean): fc.Arbitrary<PropertyInput> {
  const event = actionEventArbitrary(action, adversarial)
  return fc.record({
    events: mode === 'single' ? event.map((e) => [e]) : fc.array(event, { minLength: 1, maxLength: maxBatchEvents }),
    settings: settingsArbitrary(ir.settings),
    auth: authArbitrary(ir.auth),
    responseSeed: fc.integer()
  })
}
