/**
 * `npm run fuzz [-- --seconds N] [--seed S] [--target map|runtime|url] [--iterations N] [--replay FILE]`
 *
 * Runs the fuzz targets for a time (60 s by default) or a number of iterations, prints the
 * iterations, the findings and the seed, writes each finding minimised to fuzz/findings/
 * (gitignored), and exits 1 when there is one. `--replay` runs one finding file's input again.
 */
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { parseArgs } from 'node:util'
import { projectRoot } from './corpus.js'
import type { Finding } from './finding.js'
import { runFuzz } from './run-fuzz.js'
import { createTargets } from './targets/create-targets.js'
import { TARGET_NAMES, type TargetName } from './targets/target.js'

const USAGE = 'usage: npm run fuzz -- [--seconds N] [--iterations N] [--seed S] [--target map|runtime|url]… [--findings DIR] [--no-minimise] [--replay FILE]'

async function main(argv: string[]): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        seconds: { type: 'string' },
        iterations: { type: 'string' },
        seed: { type: 'string' },
        target: { type: 'string', multiple: true },
        findings: { type: 'string' },
        'no-minimise': { type: 'boolean', default: false },
        replay: { type: 'string' },
        help: { type: 'boolean', default: false }
      }
    })
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`)
    return 2
  }
  const { values } = parsed
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  const names = (values.target ?? [...TARGET_NAMES]) as TargetName[]
  const unknown = names.filter((n) => !(TARGET_NAMES as readonly string[]).includes(n))
  if (unknown.length > 0) {
    process.stderr.write(`unknown target ${unknown.join(', ')}; the targets are ${TARGET_NAMES.join(', ')}\n`)
    return 2
  }
  const root = projectRoot()
  if (values.replay !== undefined) return replay(values.replay)

  const number = (text: string | undefined, what: string): number | undefined => {
    if (text === undefined) return undefined
    const n = Number(text)
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${what} takes a positive number, not ${JSON.stringify(text)}`)
    return n
  }
  let seconds: number | undefined
  let iterations: number | undefined
  try {
    seconds = number(values.seconds, 'seconds')
    iterations = number(values.iterations, 'iterations')
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`)
    return 2
  }
  if (seconds === undefined && iterations === undefined) seconds = 60
  const seed = values.seed ?? randomBytes(6).toString('hex')
  const findingsDirectory = values.findings ?? join(root, 'fuzz', 'findings')
  process.stdout.write(`mapc fuzz: seed ${seed}, targets ${names.join(', ')}, ${seconds !== undefined ? `${seconds} s` : ''}${seconds !== undefined && iterations !== undefined ? ', at most ' : ''}${iterations !== undefined ? `${iterations} iterations` : ''}\n`)
  const report = await runFuzz({
    targets: createTargets(names, { slowCheck: true }),
    seed,
    ...(seconds !== undefined ? { seconds } : {}),
    ...(iterations !== undefined ? { iterations } : {}),
    findingsDirectory,
    minimise: !values['no-minimise'],
    log: (line) => process.stdout.write(`${line}\n`)
  })
  const total = Object.values(report.iterations).reduce((a, b) => a + b, 0)
  process.stdout.write(`iterations: ${total} (${Object.entries(report.iterations).map(([t, n]) => `${t} ${n}`).join(', ')}) in ${report.seconds.toFixed(1)} s\n`)
  for (const [name, stats] of Object.entries(report.stats)) {
    process.stdout.write(`  ${name}: ${Object.entries(stats).map(([k, n]) => `${k} ${n}`).join(', ')}\n`)
  }
  process.stdout.write(`findings: ${report.findings.length}${Object.keys(report.repeats).length > 0 ? ` (found again: ${Object.values(report.repeats).reduce((a, b) => a + b, 0)} times)` : ''}\n`)
  for (const [i, finding] of report.findings.entries()) {
    process.stdout.write(`  ${finding.target}/${finding.oracle} (iteration ${finding.iteration}): ${finding.message.split('\n')[0]}\n`)
    const file = report.files[i]
    if (file) process.stdout.write(`    ${relative(process.cwd(), file)}  (replay: npm run fuzz -- --replay ${relative(process.cwd(), file)})\n`)
  }
  process.stdout.write(`seed: ${seed} (again: npm run fuzz -- --seed ${seed} --iterations ${total}${values.target ? values.target.map((t) => ` --target ${t}`).join('') : ''})\n`)
  return report.findings.length > 0 ? 1 : 0
}

/** Runs a finding's input once and prints what its target's oracles say now. */
async function replay(file: string): Promise<number> {
  const finding = JSON.parse(readFileSync(file, 'utf8')) as Finding
  const [target] = createTargets([finding.target as TargetName], { slowCheck: true })
  if (!target) throw new Error(`${file}: unknown target ${finding.target}`)
  await target.setup()
  try {
    const failures = await target.run(target.deserialise(finding.input))
    if (failures.length === 0) {
      process.stdout.write(`${file}: every oracle holds now (was ${finding.target}/${finding.oracle})\n`)
      return 0
    }
    for (const f of failures) process.stdout.write(`${finding.target}/${f.oracle}: ${f.message}\n`)
    return 1
  } finally {
    await target.close()
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`mapc fuzz: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    process.exitCode = 70
  }
)
