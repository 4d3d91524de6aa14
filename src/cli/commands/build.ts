/**
 * `mapc build [files|dirs…] [--out dir] [--target mapc|segment] [--module commonjs|esm]`: compiles destinations.
 * `mapc` (the default): TypeScript modules for mapc's runtime (with their JavaScript,
 * validators, types and schemas) under `<out>/<destination>/`. `segment`: an
 * `@segment/actions-core` destination under `<out>/<slug>/` (docs/segment-target.md); what it
 * cannot express is a MAPC6xxx diagnostic; `--module` picks its module format (CommonJS, as
 * action-destinations compiles it, or ES modules for NodeNext). Defaults: every `.map` in `mappings/`, out to
 * `generated/`. Exit 1 when any file has errors; nothing is written for such a file.
 */
import { EXIT_FAILURE, EXIT_OK, UsageError, type Command } from '../command.js'
import { compileFiles } from '../compile-files.js'
import { collectMapFiles } from '../input-files.js'
import { writeDestination, writeSegment } from '../write-destination.js'
import { renderDiagnostics } from '../../compiler/diagnostics/render.js'
import { sortDiagnostics } from '../../compiler/diagnostics/diagnostic.js'

export const buildCommand: Command = {
  name: 'build',
  summary: 'compile destinations to TypeScript action modules (or to a Segment actions-core destination)',
  usage: 'mapc build [files|dirs…] [--out dir] [--target mapc|segment] [--module commonjs|esm]',
  optionHelp: [
    '--out dir     where each destination goes, as <dir>/<destination>/ (default generated)',
    '--target t    mapc (modules for mapc\'s runtime, the default) or segment (an @segment/actions-core destination in <dir>/<slug>/)',
    '--module m    with --target segment: commonjs (imports as action-destinations writes them, the default) or esm (NodeNext ES modules)',
    '--color       colour diagnostics'
  ],
  options: {
    out: { type: 'string', default: 'generated' },
    target: { type: 'string', default: 'mapc' },
    module: { type: 'string', default: 'commonjs' },
    color: { type: 'boolean', default: false }
  },
  async run({ positionals, values }, io) {
    const target = values['target']
    if (target !== 'mapc' && target !== 'segment') throw new UsageError(`--target must be mapc or segment, not ${String(target)}`)
    const module = values['module']
    if (module !== 'commonjs' && module !== 'esm') throw new UsageError(`--module must be commonjs or esm, not ${String(module)}`)
    const color = values['color'] === true
    const files = await collectMapFiles(positionals.length > 0 ? positionals : ['mappings'])
    const { compiled, ok } = await compileFiles(files, io, color)
    let refused = false
    for (const c of compiled) {
      if (!c.ir) continue
      if (target === 'mapc') {
        const written = await writeDestination(c.ir, String(values['out']))
        io.stdout(`built ${c.file} → ${written.directory}/ (${written.files} files)\n`)
        continue
      }
      const written = await writeSegment(c.ir, String(values['out']), module)
      const diagnostics = written.ok ? written.warnings : written.diagnostics
      if (diagnostics.length > 0) io.stderr(renderDiagnostics(sortDiagnostics(diagnostics), (file) => (file === c.file ? c.text : undefined), { color }))
      if (written.ok) {
        io.stdout(`built ${c.file} → ${written.directory}/ (segment, ${written.files} files)\n`)
      } else {
        refused = true
      }
    }
    return ok && !refused ? EXIT_OK : EXIT_FAILURE
  }
}
