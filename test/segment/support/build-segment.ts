/**
 * A destination built with `--target segment`, written under the suite's `.tmp/test-builds/`
 * directory and imported as TypeScript (vitest compiles it; test/segment/module-format.test.ts
 * compiles it with tsc, as CommonJS and as ES modules): its `index.ts`, whose default export is
 * the DestinationDefinition. The build is the ES module form, whose actions-core values come
 * from actions-core's CommonJS build, the copy the tests' `Destination` is. Next to it, the mapc
 * target's build of the same IR, run by mapc's own runtime: what the Segment build is judged
 * against. `buildSegmentCommonJs` builds the form a partner submits instead, compiles it with
 * action-destinations' compiler options and loads the JavaScript with Node's `require`.
 */
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { writeSegmentDestination } from '../../../src/compiler/emit/segment/write-output.js'
import type { EmittedFile } from '../../../src/compiler/emit/mapc/build.js'
import type { DestinationIR } from '../../../src/compiler/ir.js'
import type { CompiledDestination } from '../../../src/runtime/contract.js'
import { buildAndLoad, outputRoot, TEST_VERSION } from '../../support/build-destination.js'
import { compileOutput } from './compile-output.js'
import type { SegmentDefinition } from './segment-replay.js'

export interface BuiltSegment {
  directory: string
  files: EmittedFile[]
  definition: SegmentDefinition & Record<string, unknown>
  /** The mapc target's build of the same IR, on mapc's runtime. */
  compiled: CompiledDestination
}

let builds = 0

export async function buildSegment(ir: DestinationIR, suite: string): Promise<BuiltSegment> {
  const written = await writeSegmentDestination(ir, join(outputRoot(suite), `segment-${++builds}`), TEST_VERSION, 'esm')
  if (!written.ok) throw new Error(`${ir.sourceFile} is refused by the Segment target: ${written.diagnostics.map((d) => `${d.code} ${d.message}`).join('; ')}`)
  const definition = ((await import(/* @vite-ignore */ pathToFileURL(join(written.directory, 'index.ts')).href)) as { default: BuiltSegment['definition'] }).default
  const compiled = (await buildAndLoad(ir, suite)).destination
  return { directory: written.directory, files: written.files, definition, compiled }
}

const require = createRequire(import.meta.url)

export async function buildSegmentCommonJs(ir: DestinationIR, suite: string): Promise<BuiltSegment> {
  const out = join(outputRoot(suite), `segment-cjs-${++builds}`)
  const written = await writeSegmentDestination(ir, out, TEST_VERSION, 'commonjs')
  if (!written.ok) throw new Error(`${ir.sourceFile} is refused by the Segment target: ${written.diagnostics.map((d) => `${d.code} ${d.message}`).join('; ')}`)
  const tsc = compileOutput(out, 'commonjs')
  if (tsc.status !== 0 || tsc.output !== '') throw new Error(`tsc failed on ${out}:\n${tsc.output}`)
  const definition = (require(join(out, 'dist', ir.slug, 'index.js')) as { default: BuiltSegment['definition'] }).default
  const compiled = (await buildAndLoad(ir, suite)).destination
  return { directory: written.directory, files: written.files, definition, compiled }
}
