/**
 * `.map` text → checked IR for the code generator's tests. A fixture that does not compile is a
 * broken test, so the diagnostics are rendered into the thrown error with their code frames.
 */
import { readFileSync } from 'node:fs'
import { compileText } from '../../../src/compiler/compile.js'
import type { CheckOptions } from '../../../src/compiler/check/destination.js'
import { projectCheckOptions } from '../../../src/compiler/check-options.js'
import { renderDiagnostics } from '../../../src/compiler/diagnostics/render.js'
import type { DestinationIR } from '../../../src/compiler/ir.js'

/** The destinations in mappings/, which must always compile. */
export const REAL_DESTINATIONS = ['attio', 'matilda', 'schematic'] as const

export const TINY_FIXTURE = 'test/emit/fixtures/tiny.map'

/** Every `.map` file the structural tests build: the real destinations and the golden fixture. */
export const ALL_MAP_FILES = [...REAL_DESTINATIONS.map((name) => `mappings/${name}.map`), TINY_FIXTURE] as const

export function compileOrThrow(text: string, file: string, options: CheckOptions = projectCheckOptions(file)): DestinationIR {
  const compilation = compileText(text, file, options)
  if (!compilation.ir) {
    const frames = renderDiagnostics(compilation.diagnostics, (f) => (f === file ? text : undefined), { color: false })
    throw new Error(`${file} does not compile:\n${frames}`)
  }
  return compilation.ir
}

/** A `.map` file of the project (paths relative to the repository root, as the CLI names them). */
export function compileProjectFile(file: string): { ir: DestinationIR; text: string } {
  const text = readFileSync(file, 'utf8')
  return { ir: compileOrThrow(text, file), text }
}
