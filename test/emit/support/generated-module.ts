/**
 * Generated modules, loaded the way production loads them: the emitted files written to a
 * directory and `index.js` imported through the runtime's own loader. The directory lies inside
 * the project (under `.tmp/`), so the modules' `import … from "mapc/runtime"` resolves to the
 * runtime's source through vitest's alias.
 */
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { EmittedFile } from '../../../src/compiler/emit/build.js'
import { buildAndLoad as build } from '../../../src/compiler/emit/write-output.js'
import type { DestinationIR } from '../../../src/compiler/ir.js'
import type { CompiledDestination } from '../../../src/runtime/contract.js'

/** The version every test build names in its headers, so golden files do not follow releases. */
export const TEST_VERSION = '0.0.0-test'

const PROJECT_ROOT = fileURLToPath(new URL('../../..', import.meta.url))

/** Where one test file writes its builds; `removeOutputRoot` deletes it when the file is done. */
export function outputRoot(suite: string): string {
  return join(PROJECT_ROOT, '.tmp', 'emit-tests', `${suite}-${process.pid}`)
}

export function removeOutputRoot(suite: string): void {
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

export function fileContent(files: readonly EmittedFile[], path: string): string {
  const file = files.find((f) => f.path === path)
  if (!file) throw new Error(`no emitted file ${path} (emitted: ${files.map((f) => f.path).join(', ')})`)
  return file.content
}
