/**
 * The files a command works on: each argument is a file, or a directory meaning every `*.map`
 * directly inside it, in name order. A missing path is a usage error (exit 2), reported before any
 * work with its code, MAPC5001, so that it can be looked up like any other diagnostic.
 */
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { UsageError } from './command.js'
import { asFileSystemFailure, describeFileSystemFailure } from './file-system-failure.js'

export async function collectMapFiles(paths: readonly string[]): Promise<string[]> {
  if (paths.length === 0) throw new UsageError('no files given')
  const files: string[] = []
  for (const path of paths) {
    let info
    try {
      info = await stat(path)
    } catch (error) {
      const failure = asFileSystemFailure(error)
      const missing = failure === undefined || failure.code === 'ENOENT' || failure.code === 'ENOTDIR'
      throw new UsageError(missing ? `MAPC5001: no such file or directory: ${path}` : `MAPC5001: ${describeFileSystemFailure({ ...failure, path })}`)
    }
    if (!info.isDirectory()) {
      files.push(path)
      continue
    }
    const entries = (await readdir(path, { withFileTypes: true }))
      .filter((entry) => entry.isFile() && entry.name.endsWith('.map'))
      .map((entry) => entry.name)
      .sort()
    if (entries.length === 0) throw new UsageError(`no .map files in ${path}`)
    files.push(...entries.map((name) => join(path, name)))
  }
  return [...new Set(files)]
}
