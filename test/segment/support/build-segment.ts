/**
 * A destination built with `--target segment`, written under the suite's `.tmp/test-builds/`
 * directory (inside the project, so `mapc/segment` and `mapc/runtime` resolve to their sources
 * through vitest's aliases) and imported as Node would run it: its `index.js`, whose default
 * export is the DestinationDefinition.
 */
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { writeSegmentDestination } from '../../../src/compiler/emit/segment/write-output.js'
import type { EmittedFile } from '../../../src/compiler/emit/mapc/build.js'
import type { DestinationIR } from '../../../src/compiler/ir.js'
import type { CompiledDestination } from '../../../src/runtime/contract.js'
import { outputRoot, TEST_VERSION } from '../../support/build-destination.js'
import type { SegmentDefinition } from './segment-replay.js'

export interface BuiltSegment {
  directory: string
  files: EmittedFile[]
  definition: SegmentDefinition & Record<string, unknown>
  /** The mapc target's modules inside the build (`mapc/`): what its actions bind. */
  compiled: CompiledDestination
}

let builds = 0

export async function buildSegment(ir: DestinationIR, suite: string): Promise<BuiltSegment> {
  const written = await writeSegmentDestination(ir, join(outputRoot(suite), `segment-${++builds}`), TEST_VERSION)
  if (!written.ok) throw new Error(`${ir.sourceFile} is refused by the Segment target: ${written.diagnostics.map((d) => `${d.code} ${d.message}`).join('; ')}`)
  const definition = ((await import(/* @vite-ignore */ pathToFileURL(join(written.directory, 'index.js')).href)) as { default: BuiltSegment['definition'] }).default
  const compiled = ((await import(/* @vite-ignore */ pathToFileURL(join(written.directory, 'mapc', 'index.js')).href)) as { destination: CompiledDestination }).destination
  return { directory: written.directory, files: written.files, definition, compiled }
}
