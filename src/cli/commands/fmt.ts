/**
 * `mapc fmt <files|dirs…> [--check]`: rewrites files in the canonical layout. A file with syntax
 * errors is never rewritten: its diagnostics are printed and the exit code is 1. With `--check`
 * nothing is written; the files that would change are listed and the exit code is 1 if any.
 */
import { rename, rm, writeFile } from 'node:fs/promises'
import { formatSource } from '../../compiler/format/format.js'
import { renderDiagnostics } from '../../compiler/diagnostics/render.js'
import { readSourceFile } from '../../compiler/syntax/source.js'
import { EXIT_FAILURE, EXIT_OK, type Command } from '../command.js'
import { collectMapFiles } from '../input-files.js'

export const fmtCommand: Command = {
  name: 'fmt',
  summary: 'format .map files in place',
  usage: 'mapc fmt <files|dirs…> [--check]',
  optionHelp: ['--check   write nothing; list the files that are not formatted and exit 1 if any'],
  options: {
    check: { type: 'boolean', default: false }
  },
  async run({ positionals, values }, io) {
    const checkOnly = values['check'] === true
    const files = await collectMapFiles(positionals)
    let failed = false
    for (const file of files) {
      const source = await readSourceFile(file)
      if ('diagnostic' in source) {
        io.stdout(renderDiagnostics([source.diagnostic], () => undefined))
        failed = true
        continue
      }
      const formatted = formatSource(source.text, file)
      if ('diagnostics' in formatted) {
        io.stdout(renderDiagnostics(formatted.diagnostics, () => source.text))
        io.stderr(`mapc fmt: ${file} has syntax errors; not formatted\n`)
        failed = true
        continue
      }
      if (formatted.text === source.text) continue
      if (checkOnly) {
        io.stdout(`${file}\n`)
        failed = true
        continue
      }
      // Write beside the file, then rename: an interrupted run never leaves half a file.
      const temporary = `${file}.mapc-fmt.tmp`
      try {
        await writeFile(temporary, formatted.text, 'utf8')
        await rename(temporary, file)
      } catch (error) {
        // Best effort: the temporary file may not exist, or the name may be taken by something else.
        await rm(temporary, { force: true }).catch(() => undefined)
        io.stderr(`mapc fmt: cannot write ${file}: ${(error as Error).message}\n`)
        failed = true
      }
    }
    return failed ? EXIT_FAILURE : EXIT_OK
  }
}
