/**
 * `mapc check <files|dirs…> [--format text|json] [--color]`: analyses each file and reports every
 * diagnostic. Exit 0 without errors (warnings allowed), 1 with any error.
 */
import { analyzeSource } from '../../compiler/analyze.js'
import { hasErrors, sortDiagnostics, type Diagnostic } from '../../compiler/diagnostics/diagnostic.js'
import { renderDiagnostics, summarize } from '../../compiler/diagnostics/render.js'
import { renderDiagnosticsJson } from '../../compiler/diagnostics/render-json.js'
import { readSourceFile } from '../../compiler/syntax/source.js'
import { EXIT_FAILURE, EXIT_OK, UsageError, type Command } from '../command.js'
import { collectMapFiles } from '../input-files.js'

export const checkCommand: Command = {
  name: 'check',
  summary: 'check .map files and report every problem',
  usage: 'mapc check <files|dirs…> [--format text|json] [--color]',
  optionHelp: [
    '--format text|json   text with code frames (default), or one JSON array on stdout',
    '--color              colour the text output'
  ],
  options: {
    format: { type: 'string', default: 'text' },
    color: { type: 'boolean', default: false }
  },
  async run({ positionals, values }, io) {
    const format = values['format']
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not ${String(format)}`)
    const files = await collectMapFiles(positionals)
    const texts = new Map<string, string>()
    const diagnostics: Diagnostic[] = []
    for (const file of files) {
      const source = await readSourceFile(file)
      if ('diagnostic' in source) {
        diagnostics.push(source.diagnostic)
        continue
      }
      texts.set(file, source.text)
      diagnostics.push(...analyzeSource(source.text, file).diagnostics)
    }
    const sorted = sortDiagnostics(diagnostics)
    if (format === 'json') {
      io.stdout(renderDiagnosticsJson(sorted))
    } else {
      if (sorted.length > 0) io.stdout(renderDiagnostics(sorted, (file) => texts.get(file), { color: values['color'] === true }))
      io.stderr(summarize(sorted, files.length) + '\n')
    }
    return hasErrors(sorted) ? EXIT_FAILURE : EXIT_OK
  }
}
