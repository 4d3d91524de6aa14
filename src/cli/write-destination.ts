/** `mapc build`'s output: each destination under `<out>/<destination>/` (or `<out>/<slug>/` for Segment), named with mapc's version. */
import { writeDestination as write, type WrittenDestination } from '../compiler/emit/mapc/write-output.js'
import { writeSegmentDestination } from '../compiler/emit/segment/write-output.js'
import type { Diagnostic } from '../compiler/diagnostics/diagnostic.js'
import type { DestinationIR } from '../compiler/ir.js'
import { packageVersion } from './version.js'
import type { ModuleFormat } from '../compiler/emit/module-style.js'

export async function writeDestination(ir: DestinationIR, out: string): Promise<{ directory: string; files: number }> {
  const written: WrittenDestination = await write(ir, out, packageVersion())
  return { directory: written.directory, files: written.files.length }
}

export async function writeSegment(ir: DestinationIR, out: string, module: ModuleFormat = 'commonjs'): Promise<{ ok: true; directory: string; files: number; warnings: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] }> {
  const written = await writeSegmentDestination(ir, out, packageVersion(), module)
  return written.ok ? { ok: true, directory: written.directory, files: written.files.length, warnings: written.warnings } : written
}
