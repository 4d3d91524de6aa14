/**
 * `mapc test [files|dirs…] [--runs N] [--seed S] [--path P] [--no-adversarial]`: property-based
 * tests of destinations (docs/testing.md). Each file is compiled, its module generated and
 * imported, and every action held to the four properties on generated events. Prints one line
 * per action and property, then a summary; exit 1 when any property fails or a file does not
 * compile. A failure prints the `--seed` and `--path` that replay it.
 */
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { findPackageRoot } from '../../compiler/grammar/package-root.js'
import type { DestinationIR } from '../../compiler/ir.js'
import { loadDestination } from '../../runtime/destinations/load-destination.js'
import {
  formatPropertyResult,
  formatSetupFailure,
  formatSummary,
  parseReplayPath,
  propertyKey,
  runPropertyTests,
  type DestinationUnderTest,
  type ReplayTarget
} from '../../testing/property/index.js'
import { EXIT_FAILURE, EXIT_OK, UsageError, type Command, type OptionValues } from '../command.js'
import { compileFiles } from '../compile-files.js'
import { collectMapFiles } from '../input-files.js'
import { writeDestination } from '../write-destination.js'

const defaultRuns = 100

/**
 * Generated modules import `mapc/runtime`, which resolves only inside a package that has mapc.
 * They are written to a fresh directory (a module imported once is cached for the life of the
 * process), removed afterwards, under mapc's own package directory (`.tmp/mapc-test/`), where the
 * import resolves to this very package wherever `mapc test` is run from. When that directory is
 * not writable (a system-wide install), the system's temporary directory is used, beside a
 * `node_modules/mapc` link to the package.
 */
async function scratchDirectory(): Promise<string> {
  const root = findPackageRoot()
  if (root === undefined) throw new Error('cannot find the mapc package root')
  try {
    const inside = join(root, '.tmp', 'mapc-test')
    await mkdir(inside, { recursive: true })
    return await mkdtemp(join(inside, 'run-'))
  } catch {
    const scratch = await mkdtemp(join(tmpdir(), 'mapc-test-'))
    await mkdir(join(scratch, 'node_modules'))
    await symlink(root, join(scratch, 'node_modules', 'mapc'), 'dir')
    return scratch
  }
}

export const testCommand: Command = {
  name: 'test',
  summary: 'property-test destinations on generated events',
  usage: 'mapc test [files|dirs…] [--runs N] [--seed S] [--path P] [--no-adversarial]',
  optionHelp: [
    `--runs N           runs of each property (default ${defaultRuns})`,
    '--seed S           the seed to generate from (default: a new one, printed in the summary)',
    '--path P           replay one counter-example: the --path a failure printed, with its --seed',
    '--no-adversarial   generate only events that follow the Segment Spec (default: hostile ones too)'
  ],
  options: {
    runs: { type: 'string' },
    seed: { type: 'string' },
    path: { type: 'string' },
    'no-adversarial': { type: 'boolean', default: false }
  },
  async run({ positionals, values }, io) {
    const runs = values['runs'] === undefined ? defaultRuns : positiveInteger(values['runs'], '--runs')
    const replay = replayOption(values)
    const seed = values['seed'] === undefined ? freshSeed() : seedOption(values['seed'])
    const adversarial = values['no-adversarial'] !== true
    const files = await collectMapFiles(positionals.length > 0 ? positionals : ['mappings'])
    const { compiled, ok: compiledOk } = await compileFiles(files, io)
    if (replay) checkReplayTarget(replay, compiled.flatMap((c) => (c.ir ? [c.ir] : [])))
    const scratch = await scratchDirectory()
    try {
      const destinations: DestinationUnderTest[] = []
      for (const compilation of compiled) {
        if (!compilation.ir) continue
        const written = await writeDestination(compilation.ir, scratch)
        destinations.push({ ir: compilation.ir, compiled: await loadDestination(written.directory) })
      }
      io.stdout(`mapc test: ${destinations.length} destination${destinations.length === 1 ? '' : 's'}, ${replay ? 'replaying one counter-example (1 run)' : `${runs} runs per property`}, seed ${seed}\n`)
      const report = await runPropertyTests(destinations, {
        runs,
        seed,
        adversarial,
        ...(replay ? { replay } : {}),
        onResult: (result) => io.stdout(formatPropertyResult(result))
      })
      for (const failure of report.setupFailures) io.stdout(formatSetupFailure(failure))
      io.stdout(formatSummary(report))
      return report.ok && compiledOk ? EXIT_OK : EXIT_FAILURE
    } finally {
      await rm(scratch, { recursive: true, force: true })
    }
  }
}

function replayOption(values: OptionValues): ReplayTarget | undefined {
  const path = values['path']
  if (typeof path !== 'string') return undefined
  if (values['seed'] === undefined) throw new UsageError('--path replays a counter-example of one seed: give the --seed printed with it')
  const parsed = parseReplayPath(path)
  if ('error' in parsed) throw new UsageError(parsed.error)
  return parsed.target
}

/** Before any work: a replay of a property the files do not have would test nothing. */
function checkReplayTarget(replay: ReplayTarget, irs: readonly DestinationIR[]): void {
  const { destination, action, mode } = replay.id
  const found = irs.find((ir) => ir.name === destination)?.actions.find((a) => a.name === action)
  if (!found || (mode === 'batch' && !found.batch)) throw new UsageError(`--path names ${propertyKey(replay.id)}, which none of the files given has`)
}

function positiveInteger(value: unknown, option: string): number {
  const text = String(value)
  if (!/^[1-9][0-9]*$/.test(text) || !Number.isSafeInteger(Number(text))) throw new UsageError(`${option} must be a whole number of at least 1, not ${JSON.stringify(text)}`)
  return Number(text)
}

/** fast-check seeds are 32-bit integers. */
function seedOption(value: unknown): number {
  const text = String(value)
  const seed = Number(text)
  if (!/^-?[0-9]+$/.test(text) || seed < -(2 ** 31) || seed > 2 ** 31 - 1) {
    throw new UsageError(`--seed must be a whole number from ${-(2 ** 31)} to ${2 ** 31 - 1}, not ${JSON.stringify(text)}`)
  }
  return seed
}

function freshSeed(): number {
  return Math.floor(Math.random() * 2 ** 31)
}
