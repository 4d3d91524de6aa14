/**
 * Every test that needs a destination gets it here: a `.map` text compiled (a fixture that does
 * not compile is a broken test, so the thrown error carries the diagnostics with code frames),
 * then loaded the way production loads it — generated, written under `.tmp/` (inside the project,
 * so the modules' `import … from "mapc/runtime"` resolves to the runtime's source through
 * vitest's alias) and imported — and interpreted from the same IR.
 *
 * Builds go to `.tmp/test-builds/<suite>-<pid>/`; a suite removes its own with `removeBuilds`.
 */
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { readApiSchema } from '../../src/compiler/check/api-schema.js'
import type { CheckOptions } from '../../src/compiler/check/destination.js'
import { projectCheckOptions } from '../../src/compiler/check-options.js'
import { compileText } from '../../src/compiler/compile.js'
import { renderDiagnostics } from '../../src/compiler/diagnostics/render.js'
import type { EmittedFile } from '../../src/compiler/emit/mapc/build.js'
import { buildAndLoad as build } from '../../src/compiler/emit/mapc/write-output.js'
import { interpretDestination } from '../../src/compiler/interpret/interpret.js'
import type { DestinationIR } from '../../src/compiler/ir.js'
import type { CompiledDestination } from '../../src/runtime/contract.js'

/** The version every test build names in its headers, so golden files do not follow releases. */
export const TEST_VERSION = '0.0.0-test'

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** The checked IR of a `.map` text; throws with the rendered diagnostics when it does not compile. */
export function compileOrThrow(text: string, file: string, options: CheckOptions = projectCheckOptions(file)): DestinationIR {
  const compilation = compileText(text, file, options)
  if (!compilation.ir) {
    const frames = renderDiagnostics(compilation.diagnostics, (f) => (f === file ? text : undefined), { color: false })
    throw new Error(`${file} does not compile:\n${frames}`)
  }
  return compilation.ir
}

/** A `.map` file (paths relative to the repository root, as the CLI names them), or another text under its name. */
export function compileMap(file: string, text = readFileSync(file, 'utf8')): DestinationIR {
  return compileOrThrow(text, file)
}

/** A `.map` file of the project with its text, for tests that locate spans in it. */
export function compileProjectFile(file: string): { ir: DestinationIR; text: string } {
  const text = readFileSync(file, 'utf8')
  return { ir: compileMap(file, text), text }
}

/**
 * The project's check options with the API schema given inline: destinations written inside a
 * test have no `apis/` folder. Throws when the document is no usable API schema.
 */
export function withInlineApi(file: string, apiDocument: unknown, apiFile = 'inline.schema.json'): CheckOptions {
  const { api, problems } = readApiSchema(apiDocument, apiFile)
  if (!api || problems.length > 0) throw new Error(`the inline API schema is unusable: ${problems.join('; ')}`)
  return { ...projectCheckOptions(file), apiSchema: () => ({ api, problems: [], file: apiFile }) }
}

/** Where one suite writes its builds. */
export function outputRoot(suite: string): string {
  return join(PROJECT_ROOT, '.tmp', 'test-builds', `${suite}-${process.pid}`)
}

/** Deletes a suite's builds: call it from the suite's `afterAll`. */
export function removeBuilds(suite: string): void {
  rmSync(outputRoot(suite), { recursive: true, force: true })
}

export interface BuiltDestination {
  files: EmittedFile[]
  directory: string
  destination: CompiledDestination
}

let builds = 0

/** Generates, writes and imports a destination; each call gets a directory of its own. */
export async function buildAndLoad(ir: DestinationIR, suite: string): Promise<BuiltDestination> {
  return build(ir, join(outputRoot(suite), `build-${++builds}`), TEST_VERSION)
}

export interface LoadedBoth {
  ir: DestinationIR
  /** The `.map` text, for tests that locate spans in it. */
  text: string
  compiled: CompiledDestination
  interpreted: CompiledDestination
}

/** A `.map` file as a generated module and as the interpreter of the same IR. */
export async function loadBoth(file: string, suite: string): Promise<LoadedBoth> {
  const { ir, text } = compileProjectFile(file)
  return { ir, text, compiled: (await buildAndLoad(ir, suite)).destination, interpreted: interpretDestination(ir) }
}

export function fileContent(files: readonly EmittedFile[], path: string): string {
  const file = files.find((f) => f.path === path)
  if (!file) throw new Error(`no emitted file ${path} (emitted: ${files.map((f) => f.path).join(', ')})`)
  return file.content
}
