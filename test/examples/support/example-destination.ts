/**
 * What the tests of examples/<destination> share: the CLI run in process, and the destination
 * compiled from a copy of its .map and API schema whose hosts point at loopback servers, built
 * both ways (generated module and interpreter) so that every wire test runs on each.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { basename, join, relative, resolve } from 'node:path'
import { expect } from 'vitest'
import type { CliIo } from '../../../src/cli/io.js'
import { main } from '../../../src/cli/main.js'
import { compileText } from '../../../src/compiler/compile.js'
import { buildAndLoad } from '../../../src/compiler/emit/mapc/write-output.js'
import { interpretDestination } from '../../../src/compiler/interpret/interpret.js'
import type { CompiledDestination } from '../../../src/runtime/contract.js'

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/** `mapc <args>` through the CLI's own entry point, with its output captured and no environment. */
export async function cli(args: string[]): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: {} }
  const code = await main(args, io)
  return { code, stdout, stderr }
}

export interface RetargetedBuild {
  root: string
  mapFile: string
  text: string
  generated: CompiledDestination
  interpreted: CompiledDestination
  remove(): void
}

/**
 * Copies `mapPath` and `schemaPath` into a scratch directory under .tmp with `retarget` applied to
 * both (the real hosts replaced by loopback origins), checks that the copy compiles without a
 * diagnostic, and builds it both ways.
 */
export async function buildRetargeted(mapPath: string, schemaPath: string, retarget: (text: string) => string): Promise<RetargetedBuild> {
  mkdirSync(resolve('.tmp'), { recursive: true })
  const name = basename(mapPath, '.map')
  const root = mkdtempSync(resolve('.tmp', `${name}-`))
  const mapFile = relative(process.cwd(), join(root, `${name}.map`))
  const text = retarget(readFileSync(mapPath, 'utf8'))
  writeFileSync(mapFile, text)
  mkdirSync(join(root, 'apis'))
  writeFileSync(join(root, 'apis', basename(schemaPath)), retarget(readFileSync(schemaPath, 'utf8')))
  const compiled = compileText(text, mapFile)
  if (!compiled.ir) throw new Error(compiled.diagnostics.map((d) => `${d.code} ${d.span.start.line}:${d.span.start.column} ${d.message}`).join('\n'))
  expect(compiled.diagnostics).toEqual([])
  return {
    root,
    mapFile,
    text,
    generated: (await buildAndLoad(compiled.ir, join(root, 'build'), '0.0.0-test')).destination,
    interpreted: interpretDestination(compiled.ir),
    remove: () => rmSync(root, { recursive: true, force: true })
  }
}
