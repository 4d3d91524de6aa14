/**
 * `mapc test`'s engine: for each action of each destination, the four properties of
 * properties.ts, over generated inputs, for single events and (when the action has a batch
 * block) for batches. A failure is shrunk by fast-check and reported with its counter-example and
 * the replay path that reproduces it.
 */
import fc from 'fast-check'
import type { ActionIR } from '../../compiler/ir.js'
import type { SegmentEvent } from '../../runtime/contract.js'
import { createRedactor, REDACTED } from '../../runtime/redaction/index.js'
import { destinationBench, type DestinationBench, type DestinationUnderTest } from './destination-bench.js'
import { emptyTally, propertyChecks, type PropertyTally } from './properties.js'
import { propertyNames, replayPath, sameProperty, type PropertyId, type ReplayTarget, type RunMode } from './property-id.js'
import { propertyInputArbitrary, type PropertyInput } from './property-input.js'
import { isSecretSetting, secretValues, type AuthData, type Settings } from './settings-arbitrary.js'
import { withSettingDefaults } from '../../runtime/settings-defaults.js'

export interface PropertyTestOptions {
  /** Runs of each property (fast-check's numRuns). */
  runs: number
  /** fast-check's seed, shared by every property. */
  seed: number
  /** Mix hostile values into generated events (eventArbitrary's `adversarial`). */
  adversarial: boolean
  /** Run only this property, from this counter-example. */
  replay?: ReplayTarget
  /** Called as each property finishes, in order. */
  onResult?: (result: PropertyResult) => void
}

/** A failing input as a report shows it: secrets in settings and OAuth data replaced. */
export interface CounterExample {
  events: SegmentEvent[]
  settings: Settings
  auth: AuthData
}

export type PropertyResult =
  | { id: PropertyId; file: string; status: 'passed'; runs: number; skipped: number; tally: PropertyTally }
  | {
      id: PropertyId
      file: string
      status: 'failed'
      /** Runs until the first failure. */
      runs: number
      shrinks: number
      reason: string
      counterexample: CounterExample
      seed: number
      /** The `--path` that replays this counter-example. */
      path: string
    }
  /** The property could not be run: too few generated inputs were usable. */
  | { id: PropertyId; file: string; status: 'gave-up'; runs: number; skipped: number; reason: string }

/** A destination whose properties could not be set up (its API schema is unusable, an action is missing). */
export interface SetupFailure {
  destination: string
  file: string
  reason: string
}

export interface PropertyTestReport {
  seed: number
  runs: number
  adversarial: boolean
  results: PropertyResult[]
  setupFailures: SetupFailure[]
  /** True when every property passed and every destination could be set up. */
  ok: boolean
}

export async function runPropertyTests(destinations: readonly DestinationUnderTest[], options: PropertyTestOptions): Promise<PropertyTestReport> {
  const results: PropertyResult[] = []
  const setupFailures: SetupFailure[] = []
  for (const destination of destinations) {
    const { ir } = destination
    if (options.replay && options.replay.id.destination !== ir.name) continue
    let bench: DestinationBench
    try {
      bench = destinationBench(destination)
    } catch (error) {
      setupFailures.push({ destination: ir.name, file: ir.sourceFile, reason: (error as Error).message })
      continue
    }
    for (const action of ir.actions) {
      for (const mode of modesOf(action)) {
        for (const property of propertyNames) {
          const id: PropertyId = { destination: ir.name, action: action.name, mode, property }
          if (options.replay && !sameProperty(options.replay.id, id)) continue
          const result = await runPropertySafely(bench, action, id, options)
          results.push(result)
          options.onResult?.(result)
        }
      }
    }
  }
  const ok = setupFailures.length === 0 && results.every((r) => r.status === 'passed')
  return { seed: options.seed, runs: options.replay ? 1 : options.runs, adversarial: options.adversarial, results, setupFailures, ok }
}

function modesOf(action: ActionIR): RunMode[] {
  return action.batch ? ['single', 'batch'] : ['single']
}

/** A property whose inputs cannot even be generated (an action that accepts no event type) gives up, saying why. */
async function runPropertySafely(bench: DestinationBench, action: ActionIR, id: PropertyId, options: PropertyTestOptions): Promise<PropertyResult> {
  try {
    return await runProperty(bench, action, id, options)
  } catch (error) {
    return { id, file: bench.ir.sourceFile, status: 'gave-up', runs: 0, skipped: 0, reason: `cannot generate its inputs: ${(error as Error).message}` }
  }
}

/** Thrown by a property to fail a run; its message is the report's "why". */
class PropertyViolation extends Error {}

async function runProperty(bench: DestinationBench, action: ActionIR, id: PropertyId, options: PropertyTestOptions): Promise<PropertyResult> {
  const file = bench.ir.sourceFile
  // Without a default trigger, every event of an accepted type reaches the action.
  const matches = bench.compiled.actions[action.name]?.trigger ?? (() => true)
  const check = propertyChecks[id.property]
  const tally = emptyTally()
  const inputs = propertyInputArbitrary(bench.ir, action, id.mode, options.adversarial).map((input) => ({
    ...input,
    events: input.events.filter((event) => matches(event))
  }))
  const property = fc.asyncProperty(inputs, async (input) => {
    // Events the trigger does not match never reach the action; settings the destination refuses never get saved.
    // Left-out defaulted settings are checked (and redacted) with their defaults, as the runtime starts an instance.
    const settings = withSettingDefaults(bench.compiled.settings, input.settings)
    fc.pre(input.events.length > 0 && bench.compiled.validateSettings(settings))
    const redactor = createRedactor(secretValues(bench.ir.settings, settings, input.auth))
    let reason: string | undefined
    try {
      reason = await check({ bench, action, mode: id.mode, redactor }, input, tally)
    } catch (error) {
      reason = `an exception escaped: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`
    }
    if (reason !== undefined) throw new PropertyViolation(redactor.redact(reason))
  })
  // A replay runs the one counter-example its path names, and says so: not `options.runs` of them.
  const parameters: fc.Parameters<[PropertyInput]> = { numRuns: options.replay ? 1 : options.runs, seed: options.seed }
  if (options.replay) parameters.path = options.replay.path
  const details = await fc.check(property, parameters)
  if (!details.failed) return { id, file, status: 'passed', runs: details.numRuns, skipped: details.numSkips, tally }
  if (details.counterexample === null || details.counterexamplePath === null) {
    return {
      id,
      file,
      status: 'gave-up',
      runs: details.numRuns,
      skipped: details.numSkips,
      reason: `${details.numSkips} generated inputs were unusable (events the trigger${action.fql ? ` ${action.fql}` : ''} does not match, or settings the destination refuses)`
    }
  }
  const error = details.errorInstance
  return {
    id,
    file,
    status: 'failed',
    runs: details.numRuns,
    shrinks: details.numShrinks,
    reason: error instanceof Error ? error.message : String(error),
    counterexample: shown(bench, details.counterexample[0]),
    seed: details.seed,
    path: replayPath(id, details.counterexamplePath)
  }
}

function shown(bench: DestinationBench, input: PropertyInput): CounterExample {
  const secretSettings = new Set(bench.ir.settings.filter(isSecretSetting).map((s) => s.name))
  const settings = Object.fromEntries(Object.entries(input.settings).map(([name, value]) => [name, secretSettings.has(name) ? REDACTED : value]))
  const auth = Object.fromEntries(Object.keys(input.auth).map((name) => [name, REDACTED]))
  return { events: input.events, settings, auth }
}
