/**
 * The fuzz loop: targets take turns, each iteration drawing its case from a generator seeded by
 * (seed, target, iteration), so that any iteration can be replayed alone. A failing oracle is
 * minimised and kept once per defect (findingKey); later hits of the same defect are counted.
 * Bounded by iterations (the test suite: deterministic) or by seconds (a local run), or both.
 */
import { writeFinding, findingKey, type Failure, type Finding } from './finding.js'
import { iterationRandom } from './random.js'
import type { FuzzTarget } from './targets/target.js'

export interface FuzzOptions {
  targets: readonly FuzzTarget[]
  seed: string
  /** Iterations in all, over all targets. */
  iterations?: number
  /** Wall-clock budget. */
  seconds?: number
  /** Where findings are written; nowhere when absent. */
  findingsDirectory?: string
  /** Shrink each new finding (default true). */
  minimise?: boolean
  /** Progress lines. */
  log?: (line: string) => void
}

export interface FuzzReport {
  seed: string
  iterations: Record<string, number>
  /** Each target's counters (cases that checked clean, were built, delivered, …). */
  stats: Record<string, Record<string, number>>
  /** One per distinct defect, minimised. */
  findings: Finding[]
  /** Hits of defects already found, by finding key. */
  repeats: Record<string, number>
  seconds: number
  /** Where the findings were written. */
  files: string[]
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const { targets, seed } = options
  if (targets.length === 0) throw new Error('runFuzz: no targets')
  if (options.iterations === undefined && options.seconds === undefined) throw new Error('runFuzz: give iterations or seconds')
  const log = options.log ?? (() => undefined)
  const started = Date.now()
  const report: FuzzReport = { seed, iterations: {}, stats: {}, findings: [], repeats: {}, seconds: 0, files: [] }
  const known = new Set<string>()
  // A promise nobody handles ends a Node process: the runtime must never leave one, whatever it is sent.
  const unhandled: unknown[] = []
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason)
  }
  process.on('unhandledRejection', onUnhandled)

  for (const target of targets) {
    await target.setup()
    report.iterations[target.name] = 0
  }
  let lastProgress = started
  try {
    for (let i = 0; ; i++) {
      if (options.iterations !== undefined && i >= options.iterations) break
      if (options.seconds !== undefined && Date.now() - started >= options.seconds * 1000) break
      const target = targets[i % targets.length] as FuzzTarget
      const iteration = Math.floor(i / targets.length)
      const input = target.generate(iterationRandom(seed, target.name, iteration))
      const failures = await runCase(target, input)
      // Give rejections of this case a turn of the event loop to surface before blaming it.
      await new Promise((resolve) => setImmediate(resolve))
      for (const reason of unhandled.splice(0)) {
        failures.push({ oracle: 'unhandled-rejection', message: `a promise was rejected and never handled: ${describe(reason)}` })
      }
      report.iterations[target.name] = iteration + 1
      for (const failure of firstPerOracle(failures)) {
        const key = findingKey({ target: target.name, ...failure })
        if (known.has(key)) {
          report.repeats[key] = (report.repeats[key] ?? 0) + 1
          continue
        }
        known.add(key)
        const finding = await toFinding(target, input, failure, { seed, iteration, minimise: options.minimise ?? true })
        report.findings.push(finding)
        log(`FINDING ${target.name}/${failure.oracle} at iteration ${iteration}: ${failure.message.split('\n')[0]}`)
        if (options.findingsDirectory) report.files.push(writeFinding(options.findingsDirectory, finding))
      }
      if (Date.now() - lastProgress > 30_000) {
        lastProgress = Date.now()
        log(`${Math.round((lastProgress - started) / 1000)} s: ${JSON.stringify(report.iterations)} iterations, ${report.findings.length} findings`)
      }
    }
  } finally {
    for (const target of targets) {
      report.stats[target.name] = { ...target.stats }
      await target.close()
    }
    process.off('unhandledRejection', onUnhandled)
  }
  report.seconds = (Date.now() - started) / 1000
  return report
}

/** A target that throws instead of reporting is itself a finding: the case broke something the oracles did not catch. */
async function runCase(target: FuzzTarget, input: unknown): Promise<Failure[]> {
  try {
    return await target.run(input)
  } catch (error) {
    return [{ oracle: 'target-crashed', message: `the ${target.name} target threw: ${describe(error)}` }]
  }
}

function firstPerOracle(failures: readonly Failure[]): Failure[] {
  const seen = new Set<string>()
  return failures.filter((f) => !seen.has(f.oracle) && seen.add(f.oracle))
}

async function toFinding(target: FuzzTarget, input: unknown, failure: Failure, at: { seed: string; iteration: number; minimise: boolean }): Promise<Finding> {
  const original = target.serialise(input)
  let minimised = input
  if (at.minimise) {
    const stillFails = async (candidate: unknown): Promise<boolean> => (await runCase(target, candidate)).some((f) => f.oracle === failure.oracle)
    try {
      minimised = await target.minimise(input, stillFails, failure.oracle)
    } catch {
      // Shrinking is a convenience: a failure while shrinking keeps the original case.
      minimised = input
    }
  }
  const text = target.serialise(minimised)
  return {
    target: target.name,
    oracle: failure.oracle,
    message: failure.message,
    seed: at.seed,
    iteration: at.iteration,
    input: text,
    ...(text.length < original.length ? { originalLength: original.length } : {})
  }
}

function describe(reason: unknown): string {
  return reason instanceof Error ? (reason.stack ?? reason.message).split('\n').slice(0, 4).join('\n') : String(reason)
}
