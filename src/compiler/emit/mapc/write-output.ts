/**
 * Putting a compiled destination on disk, and loading it back the way production does. One
 * implementation for `mapc build`, `mapc replay`, `mapc test`, the benchmark and the tests, so
 * they all run exactly what a deployment runs.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { CompiledDestination } from '../../../runtime/contract.js'
import { loadDestination } from '../../../runtime/destinations/load-destination.js'
import type { DestinationIR } from '../../ir.js'
import { emitDestination, type EmittedFile } from './build.js'

/** Writes the files under `directory`, replacing whatever an earlier build left there. */
export async function writeEmittedFiles(files: readonly EmittedFile[], directory: string): Promise<void> {
  await rm(directory, { recursive: true, force: true })
  for (const file of files) {
    const path = join(directory, file.path)
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, file.content)
  }
}

export interface WrittenDestination {
  /** `<out>/<destination>` */
  directory: string
  files: EmittedFile[]
}

/** Emits the destination into `<out>/<destination name>/`. */
export async function writeDestination(ir: DestinationIR, out: string, version: string): Promise<WrittenDestination> {
  const files = await emitDestination(ir, { version })
  const directory = join(out, ir.name)
  await writeEmittedFiles(files, directory)
  return { directory, files }
}

/**
 * Emits, writes and imports the destination. Generated modules import `mapc/runtime`, which
 * resolves inside this project (or one that depends on mapc), so `out` must be inside one.
 */
export async function buildAndLoad(ir: DestinationIR, out: string, version: string): Promise<WrittenDestination & { destination: CompiledDestination }> {
  const written = await writeDestination(ir, out, version)
  return { ...written, destination: await loadDestination(written.directory) }
}
