/**
 * Test helper: compile a `.map` file and load it the way production does — generated, written
 * under .tmp/ (inside the project, so `mapc/runtime` resolves) and imported — or interpreted.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { compileText } from '../../src/compiler/compile.js'
import { buildAndLoad as build } from '../../src/compiler/emit/write-output.js'
import { interpretDestination } from '../../src/compiler/interpret/interpret.js'
import type { DestinationIR } from '../../src/compiler/ir.js'
import type { CompiledDestination } from '../../src/runtime/contract.js'

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
  const out = join('.tmp', 'test-builds', `${label}-${process.pid}-${counter++}`)
  return (await build(ir, out, 'test')).destination
}

export async function loadBoth(file: string): Promise<{ ir: DestinationIR; compiled: CompiledDestination; interpreted: CompiledDestination }> {
  const ir = compileMap(file)
  return { ir, compiled: await buildAndLoad(ir), interpreted: interpretDestination(ir) }
}
