/**
 * Compiling the files a command names, printing their diagnostics the way `mapc check` does, and
 * handing back the destinations that compiled.
 */
import { compileFile, type Compilation } from '../compiler/compile.js'
import { hasErrors, sortDiagnostics } from '../compiler/diagnostics/diagnostic.js'
import { renderDiagnostics } from '../compiler/diagnostics/render.js'
import type { CliIo } from './io.js'

export async function compileFiles(files: readonly string[], io: CliIo, color = false): Promise<{ compiled: Compilation[]; ok: boolean }> {
  const compiled: Compilation[] = []
  for (const file of files) compiled.push(await compileFile(file))
  const diagnostics = sortDiagnostics(compiled.flatMap((c) => c.diagnostics))
  const texts = new Map(compiled.filter((c) => c.text !== undefined).map((c) => [c.file, c.text as string]))
  if (diagnostics.length > 0) io.stderr(renderDiagnostics(diagnostics, (file) => texts.get(file), { color }))
  return { compiled, ok: !hasErrors(diagnostics) }
}
