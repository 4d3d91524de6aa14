/**
 * Runs one event through an interpreted action and returns what the observer saw, for the
 * invariant and interpreter-hook tests.
 */
import { interpretDestination, type Observation } from '../../../src/compiler/interpret/interpret.js'
import type { DestinationIR } from '../../../src/compiler/ir.js'
import type { SegmentEvent } from '../../../src/runtime/contract.js'
import { runOne, type SentRequest } from '../../support/harness.js'
import type { DeliveryResult } from '../../../src/runtime/delivery/results.js'

export async function observedRun(
  ir: DestinationIR,
  action: string,
  event: SegmentEvent,
  responses?: { status: number; body: unknown }[]
): Promise<{ observations: Observation[]; requests: SentRequest[]; result: DeliveryResult }> {
  const observations: Observation[] = []
  const destination = interpretDestination(ir, { observe: (o) => observations.push(o) })
  const { requests, result } = await runOne(destination, action, event, responses ? { responses } : {})
  return { observations, requests, result }
}
