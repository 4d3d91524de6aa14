/** `mapc build`'s output: each destination under `<out>/<destination>/`, named with mapc's version. */
import { writeDestination as write, type WrittenDestination } from '../compiler/emit/mapc/write-output.js'
import type { DestinationIR } from '../compiler/ir.js'
import { packageVersion } from './version.js'

export async function writeDestination(ir: DestinationIR, out: string): Promise<{ directory: string; files: number }> {
  const written: WrittenDestination = await write(ir, out, packageVersion())
  return { directory: written.directory, files: written.files.length }
}
