/**
 * `mapc build [files|dirs…] [--out dir]`: compiles destinations to TypeScript modules (with their
 * JavaScript, validators, types and schemas). Defaults: every `.map` in `mappings/`, out to
 * `generated/`. Exit 1 when any file has errors; nothing is written for such a file.
 */
import { EXIT_FAILURE, EXIT_OK, type Command } from '../command.js'
import { compileFiles } from '../compile-files.js'
import { collectMapFiles } from '../input-files.js'
import { writeDestination } from '../write-destination.js'

export const buildCommand: Command = {
  name: 'build',
  summary: 'compile destinations to TypeScript action modules',
  usage: 'mapc build [files|dirs…] [--out dir]',
  optionHelp: ['--out dir     where each destination goes, as <dir>/<destination>/ (default generated)', '--color       colour diagnostics'],
  options: {
    out: { type: 'string', default: 'generated' },
    color: { type: 'boolean', default: false }
  },
  async run({ positionals, values }, io) {
    const files = await collectMapFiles(positionals.length > 0 ? positionals : ['mappings'])
    const { compiled, ok } = await compileFiles(files, io, values['color'] === true)
    for (const c of compiled) {
      if (!c.ir) continue
      const written = await writeDestination(c.ir, String(values['out']))
      io.stdout(`built ${c.file} → ${written.directory}/ (${written.files} files)\n`)
    }
    return ok ? EXIT_OK : EXIT_FAILURE
  }
}
