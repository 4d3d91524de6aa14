/**
 * `mapc replay <cases|dirs…>`: runs conformance cases against the compiled destinations and
 * prints one JSON line per case (`{"id","pass","diff"}`), then `N passed, N failed`. Exit 1 when
 * any case fails. `--interpret` runs the IR interpreter instead of the compiled modules.
 */
import { join } from 'node:path'
import { interpretDestination } from '../../compiler/interpret/interpret.js'
import { judge } from '../../conformance/judge.js'
import { caseFiles, loadCase } from '../../conformance/load-cases.js'
import { replayCase } from '../../conformance/replay.js'
import type { CompiledDestination } from '../../runtime/contract.js'
import { loadDestination } from '../../runtime/destinations/load-destination.js'
import { EXIT_FAILURE, EXIT_OK, UsageError, type Command } from '../command.js'
import { compileFiles } from '../compile-files.js'
import { writeDestination } from '../write-destination.js'

export const replayCommand: Command = {
  name: 'replay',
  summary: 'replay recorded conformance cases against the compiled destinations',
  usage: 'mapc replay <cases|dirs…> [--mappings dir] [--out dir] [--interpret]',
  optionHelp: [
    '--mappings dir   where <destination>.map files are (default mappings)',
    '--out dir        where destinations are built before replaying (default generated)',
    '--interpret      run the IR interpreter instead of the compiled modules'
  ],
  options: {
    mappings: { type: 'string', default: 'mappings' },
    out: { type: 'string', default: 'generated' },
    interpret: { type: 'boolean', default: false }
  },
  async run({ positionals, values }, io) {
    if (positionals.length === 0) throw new UsageError('no cases given')
    let files: string[]
    try {
      files = await caseFiles(positionals)
    } catch (error) {
      throw new UsageError(`cannot read ${(error as NodeJS.ErrnoException).path ?? positionals.join(' ')}`)
    }
    const destinations = new Map<string, CompiledDestination | undefined>()
    const load = async (name: string): Promise<CompiledDestination | undefined> => {
      if (destinations.has(name)) return destinations.get(name)
      const source = join(String(values['mappings']), `${name}.map`)
      const { compiled } = await compileFiles([source], io)
      const ir = compiled[0]?.ir
      let destination: CompiledDestination | undefined
      if (ir) {
        if (values['interpret'] === true) destination = interpretDestination(ir)
        else destination = await loadDestination((await writeDestination(ir, String(values['out']))).directory)
      }
      destinations.set(name, destination)
      return destination
    }
    let passed = 0
    let failed = 0
    for (const file of files) {
      const loaded = await loadCase(file)
      let verdict
      if (!loaded.case) {
        verdict = { id: file, pass: false, diff: loaded.problems.map((p) => ({ at: 'case', expected: 'a valid case', actual: p })) }
      } else {
        const c = loaded.case
        const destination = await load(c.destination)
        if (!destination) {
          verdict = { id: c.id, pass: false, diff: [{ at: 'destination', expected: `${c.destination}.map compiles`, actual: 'it does not (see the diagnostics above)' }] }
        } else {
          try {
            const outcome = await replayCase(c, destination)
            verdict = judge(c, outcome.action, outcome.requests, outcome.results)
          } catch (error) {
            verdict = { id: c.id, pass: false, diff: [{ at: 'replay', expected: 'the case runs', actual: (error as Error).message }] }
          }
        }
      }
      if (verdict.pass) passed++
      else failed++
      io.stdout(`${JSON.stringify(verdict)}\n`)
    }
    io.stdout(`${passed} passed, ${failed} failed\n`)
    return failed === 0 ? EXIT_OK : EXIT_FAILURE
  }
}
