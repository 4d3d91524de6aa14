/**
 * `mapc docs <files…> [--out dir]`: Markdown documentation of each destination — settings,
 * presets, actions and their fields in the layout of Segment's docs, plus defaults, requests,
 * batching and the API's value formats. Without `--out`, one file's docs go to stdout.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { apiSchemaOf } from '../../compiler/compile.js'
import { destinationDocs } from '../../compiler/emit/docs.js'
import { EXIT_FAILURE, EXIT_OK, UsageError, type Command } from '../command.js'
import { compileFiles } from '../compile-files.js'
import { collectMapFiles } from '../input-files.js'

export const docsCommand: Command = {
  name: 'docs',
  summary: 'write Markdown documentation of destinations',
  usage: 'mapc docs <files|dirs…> [--out dir]',
  optionHelp: ['--out dir     write <dir>/<destination>.md for each file (default: stdout, one file only)'],
  options: { out: { type: 'string' } },
  async run({ positionals, values }, io) {
    const files = await collectMapFiles(positionals)
    const out = values['out']
    if (out === undefined && files.length > 1) throw new UsageError('several files need --out <dir>')
    const { compiled, ok } = await compileFiles(files, io)
    for (const c of compiled) {
      if (!c.ir) continue
      const markdown = destinationDocs(c.ir, apiSchemaOf(c.file, c.ir.name))
      if (typeof out !== 'string') {
        io.stdout(markdown)
        continue
      }
      await mkdir(out, { recursive: true })
      const path = join(out, `${c.ir.name}.md`)
      await writeFile(path, markdown)
      io.stdout(`wrote ${path}\n`)
    }
    return ok ? EXIT_OK : EXIT_FAILURE
  }
}
