/** Finding and reading case files: each argument is a `.json` case or a directory searched recursively. */
import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { readCase, type ConformanceCase } from './case.js'

export async function caseFiles(paths: readonly string[]): Promise<string[]> {
  const out: string[] = []
  for (const path of paths) {
    const info = await stat(path)
    if (!info.isDirectory()) {
      out.push(path)
      continue
    }
    const entries = await readdir(path, { withFileTypes: true })
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const child = join(path, entry.name)
      if (entry.isDirectory()) out.push(...(await caseFiles([child])))
      else if (entry.isFile() && entry.name.endsWith('.json')) out.push(child)
    }
  }
  return out
}

export async function loadCase(file: string): Promise<{ case?: ConformanceCase; problems: string[] }> {
  let value: unknown
  try {
    value = JSON.parse(await readFile(file, 'utf8')) as unknown
  } catch (error) {
    return { problems: [`${file}: not valid JSON: ${(error as Error).message}`] }
  }
  return readCase(value, file)
}
