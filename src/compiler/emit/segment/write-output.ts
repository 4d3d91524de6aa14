/**
 * Putting a Segment-target destination on disk: all of it or nothing. The files are written to a
 * fresh directory next to the destination's and swapped in whole, so a failed build never leaves
 * half a destination, and an earlier build stays until the new one is complete.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { Diagnostic } from '../../diagnostics/diagnostic.js'
import type { DestinationIR } from '../../ir.js'
import type { EmittedFile } from '../mapc/build.js'
import { emitSegmentDestination, type SegmentEmitResult } from './build.js'
import type { ModuleFormat } from '../module-style.js'
import { readRuntimeSources, type RuntimeSource } from './runtime-sources.js'

/** Read once a process: the runtime's files do not change while mapc runs. */
let sources: RuntimeSource[] | undefined
function runtimeSources(): RuntimeSource[] {
  sources ??= readRuntimeSources()
  return sources
}

export type SegmentWriteResult = { ok: true; directory: string; files: EmittedFile[]; warnings: Diagnostic[] } | Extract<SegmentEmitResult, { ok: false }>

export async function writeSegmentDestination(ir: DestinationIR, out: string, version: string, module: ModuleFormat = 'commonjs'): Promise<SegmentWriteResult> {
  const emitted = await emitSegmentDestination(ir, { version, module, runtime: runtimeSources() })
  if (!emitted.ok) return emitted
  const directory = join(out, ir.slug)
  const staging = `${directory}.partial-${process.pid}`
  await rm(staging, { recursive: true, force: true })
  try {
    for (const file of emitted.files) {
      const path = join(staging, file.path)
      await mkdir(dirname(path), { recursive: true })
      await writeFile(path, file.content)
    }
    await rm(directory, { recursive: true, force: true })
    await rename(staging, directory)
  } finally {
    await rm(staging, { recursive: true, force: true })
  }
  return { ok: true, directory, files: emitted.files, warnings: emitted.warnings }
}
