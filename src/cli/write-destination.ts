/**
 * Writing a compiled destination's files under `<out>/<destination>/`, replacing what an earlier
 * build left there, so the directory always holds exactly one build.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { emitDestination } from '../compiler/emit/build.js'
import type { DestinationIR } from '../compiler/ir.js'
import { packageVersion } from './version.js'

export async function writeDestination(ir: DestinationIR, out: string): Promise<{ directory: string; files: number }> {
  const files = await emitDestination(ir, { version: packageVersion() })
  const directory = join(out, ir.name)
  await rm(directory, { recursive: true, force: true })
  for (const file of files) {
    const path = join(directory, file.path)
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, file.content)
  }
  return { directory, files: files.length }
}
