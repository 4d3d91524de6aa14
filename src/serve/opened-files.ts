/**
 * The files `mapc serve` was started with: the only ones the page may save to. Each is read
 * as the compiler reads a file (UTF-8 only, binary refused) and bounded in size, so a file the
 * page cannot edit shows why instead of its bytes.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { relative, resolve } from 'node:path'
import { decodeSource } from '../compiler/syntax/source.js'
import { describeBytes, MAX_MAP_BYTES } from './limits.js'

export interface OpenedFile {
  /** As the page and the compiler name it: relative to where `mapc serve` runs. */
  file: string
  text?: string
  /** Why the text is not offered: too large, binary, unreadable. */
  problem?: string
}

export class OpenedFiles {
  private readonly byName = new Map<string, string>()

  constructor(paths: readonly string[], private readonly cwd: string = process.cwd()) {
    for (const path of paths) {
      const absolute = resolve(cwd, path)
      this.byName.set(relative(cwd, absolute) || absolute, absolute)
    }
  }

  names(): string[] {
    return [...this.byName.keys()]
  }

  has(file: string): boolean {
    return this.byName.has(file)
  }

  /** Read now, not at start: a reload of the page shows the file as it is on disk. */
  read(file: string): OpenedFile {
    const absolute = this.byName.get(file)
    if (absolute === undefined) return { file, problem: `${file} was not opened by mapc serve` }
    try {
      const size = statSync(absolute).size
      if (size > MAX_MAP_BYTES) return { file, problem: `${file} is ${describeBytes(size)}; mapc serve opens .map files up to ${describeBytes(MAX_MAP_BYTES)}` }
      const decoded = decodeSource(readFileSync(absolute), file)
      if ('diagnostic' in decoded) return { file, problem: `${file}: ${decoded.diagnostic.message}` }
      return { file, text: decoded.text }
    } catch (error) {
      return { file, problem: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }
    }
  }

  /**
   * The name a document is checked under: an opened file's own, else a file beside the first
   * opened one (where its API schemas are), which cannot be saved.
   */
  documentName(file: unknown): string {
    if (typeof file === 'string' && this.byName.has(file)) return file
    const first = this.names()[0]
    return first === undefined ? 'untitled.map' : relative(this.cwd, resolve(this.cwd, first, '..', 'untitled.map'))
  }

  write(file: string, text: string): void {
    const absolute = this.byName.get(file)
    if (absolute === undefined) throw new Error(`${file} was not opened by mapc serve: only opened files are saved`)
    writeFileSync(absolute, text)
  }
}
