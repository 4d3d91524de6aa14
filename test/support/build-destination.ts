/**
 * Test helper: compile a `.map` file and load it the way production does — generated, written
 * under .tmp/ (inside the project, so `mapc/runtime` resolves) and imported — or interpreted.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { compileText } from '../../src/compiler/compile.js'
import { emitDestination } from '../../src/compiler/emit/build.js'
import { interpretDestination } from '../../src/compiler/interpret/interpret.js'
import type { DestinationIR } from '../../src/compiler/ir.js'
import type { CompiledDestination } from '../../src/runtime/contract.js'
import { loadDestination } from '../../src/runtime/destinations/load-destination.js'

export function compileMap(file: string, text = readFileSync(file, 'utf8')): DestinationIR {
  const result = compileText(text, file)
  if (!result.ir) {
    throw new Error(`${file} does not compile:\n${result.diagnostics.map((d) => `${d.span.start.line}:${d.span.start.column} ${d.code} ${d.message}`).join('\n')}`)
  }
  return result.ir
}

let counter = 0

/** Generates, writes and imports the destination; each call gets a fresh directory. */
export async function buildAndLoad(ir: DestinationIR, label = ir.name): Promise<CompiledDestination> {
  const directory = join('.tmp', 'test-builds', `${label}-${process.pid}-${counter++}`)
  rmSync(directory, { recursive: true, force: true })
  for (const file of await emitDestination(ir, { version: 'test' })) {
    const path = join(directory, file.path)
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, file.content)
  }
  return loadDestination(directory)
}

export async function loadBoth(file: string): Promise<{ ir: DestinationIR; compiled: CompiledDestination; interpreted: CompiledDestination }> {
  const ir = compileMap(file)
  return { ir, compiled: await buildAndLoad(ir), interpreted: interpretDestination(ir) }
}
