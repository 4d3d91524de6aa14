/**
 * The four properties, each a check of one run: undefined when it holds, otherwise why not.
 * They are run by run-property-tests.ts, which generates the inputs and shrinks failures.
 */
import type { Observation } from '../../compiler/interpret/interpret.js'
import type { ActionIR } from '../../compiler/ir.js'
import type { DeliveryStatus } from '../../runtime/delivery/results.js'
import type { Redactor } from '../../runtime/redaction/index.js'
import type { DestinationBench } from './destination-bench.js'
import { firstDifference, runFingerprint, unacceptableOutcome } from './outcomes.js'
import type { PropertyName, RunMode } from './property-id.js'
import type { PropertyInput } from './property-input.js'
import { batchResultsSite, runInput, type InputRun, type RunContext } from './run-input.js'
import { snakeCaseCheck } from './snake-case-names.js'
import { upsertKeyCheck } from './upsert-keys.js'

export interface PropertyRun {
  bench: DestinationBench
  action: ActionIR
  mode: RunMode
  redactor: Redactor
}

/** How much a property checked across its runs, for the report: an invariant with nothing to check says so. */
export interface PropertyTally {
  requests: number
  /** Events by outcome, so a report shows how many runs got as far as a request. */
  outcomes: Record<DeliveryStatus, number>
  snakeCaseNames: number
  upsertKeys: number
}

export function emptyTally(): PropertyTally {
  return { requests: 0, outcomes: { delivered: 0, skipped: 0, failed: 0 }, snakeCaseNames: 0, upsertKeys: 0 }
}

export type PropertyCheck = (run: PropertyRun, input: PropertyInput, tally: PropertyTally) => Promise<string | undefined>

export const propertyChecks: Readonly<Record<PropertyName, PropertyCheck>> = {
  'fits-api': fitsApi,
  deterministic,
  invariants,
  'agrees-with-interpreter': agreesWithInterpreter
}

function context(run: PropertyRun, destination: 'compiled' | 'interpreted'): RunContext {
  const site = batchResultsSite(run.bench.ir, run.action)
  return {
    destination: destination === 'compiled' ? run.bench.compiled : run.bench.interpreted,
    action: run.action.name,
    mode: run.mode,
    responder: run.bench.responder,
    redactor: run.redactor,
    ...(site ? { batchResults: site } : {})
  }
}

/**
 * Every request fits the API schema, and every event ends in an acceptable outcome (delivered,
 * skipped with a reason, a validation error naming a field, or an item the API rejected).
 */
async function fitsApi(run: PropertyRun, input: PropertyInput, tally: PropertyTally): Promise<string | undefined> {
  const result = await runInput(context(run, 'compiled'), input)
  const check = run.bench.requestCheck
  for (const [index, { request }] of result.exchanges.entries()) {
    tally.requests++
    const problems = check ? check(request) : []
    if (problems.length > 0) {
      return `request ${index + 1}, ${request.method} ${request.url}, does not fit ${run.bench.api?.file ?? 'the API schema'}: ${problems.join('; ')}`
    }
  }
  const fields = new Set(run.action.fields.map((f) => f.name))
  for (const [index, outcome] of result.results.entries()) {
    tally.outcomes[outcome.status]++
    const problem = unacceptableOutcome(outcome, fields)
    if (problem) return `${eventLabel(input, index)} ended in ${problem}`
  }
  return undefined
}

/** The same input twice gives the same requests, byte for byte, and the same outcomes. */
async function deterministic(run: PropertyRun, input: PropertyInput): Promise<string | undefined> {
  const first = await runInput(context(run, 'compiled'), input)
  const second = await runInput(context(run, 'compiled'), input)
  return runFingerprint(first) === runFingerprint(second) ? undefined : `two runs of the same input differ: ${firstDifference(first, second)}`
}

/** The generated module and the interpreter of the same IR send the same requests and reach the same outcomes. */
async function agreesWithInterpreter(run: PropertyRun, input: PropertyInput): Promise<string | undefined> {
  const compiled = await runInput(context(run, 'compiled'), input)
  const interpreted = await runInput(context(run, 'interpreted'), input)
  return runFingerprint(compiled) === runFingerprint(interpreted)
    ? undefined
    : `the generated module and the interpreter differ: ${firstDifference(compiled, interpreted)} (generated first)`
}

/** snake_case names sent are snake case; literal-key upserts carry their key (snake-case-names.ts, upsert-keys.ts). */
async function invariants(run: PropertyRun, input: PropertyInput, tally: PropertyTally): Promise<string | undefined> {
  const names = snakeCaseCheck(run.bench.snakeCaseNames)
  const keys = upsertKeyCheck()
  let violation: string | undefined
  run.bench.observers.current = (observation: Observation) => {
    violation ??= names.observe(observation) ?? keys.observe(observation)
  }
  let interpreted: InputRun
  try {
    interpreted = await runInput(context(run, 'interpreted'), input)
  } finally {
    run.bench.observers.current = undefined
  }
  tally.snakeCaseNames += names.checked
  tally.upsertKeys += keys.checked
  tally.requests += interpreted.exchanges.length
  return violation
}

function eventLabel(input: PropertyInput, index: number): string {
  return input.events.length === 1 ? 'the event' : `event ${index + 1} of ${input.events.length}`
}
