/**
 * The TypeScript of mapc's runtime that a Segment target build carries, read from mapc's own
 * package (`src/runtime/`, shipped with it): the modules that compiled destinations import
 * (compiled-module-api.ts) and those the generated `perform` runs (segment/index.ts), with every
 * module they import, and nothing else (no HTTP client, no delivery, no NATS). Reading files is
 * the CLI side's job; support-files.ts, which turns them into the build's files, stays pure.
 */
import { readFileSync } from 'node:fs'
import { dirname, join, posix } from 'node:path'
import { findPackageRoot } from '../../grammar/package-root.js'

export interface RuntimeSource {
  /** Relative to src/runtime/, with `/`: `segment/action-host.ts`. */
  path: string
  text: string
}

/** What the generated modules import: the `$` of compiled steps, and the actions' host. */
export const SUPPORT_ENTRIES = ['compiled-module-api.ts', 'segment/index.ts'] as const

/** Every `from '…'` of a module (imports and re-exports, types included: the copy must type-check). */
const SPECIFIER = /\bfrom\s+'([^']+)'/g

export function readRuntimeSources(root: string = runtimeRoot()): RuntimeSource[] {
  const seen = new Map<string, string>()
  const visit = (path: string): void => {
    if (seen.has(path)) return
    const text = readFileSync(join(root, path), 'utf8')
    seen.set(path, text)
    for (const match of text.matchAll(SPECIFIER)) {
      const specifier = match[1] as string
      if (!specifier.startsWith('.')) continue
      if (!specifier.endsWith('.js')) throw new Error(`src/runtime/${path} imports ${specifier} without its .js extension`)
      visit(posix.normalize(posix.join(posix.dirname(path), specifier.replace(/\.js$/, '.ts'))))
    }
  }
  for (const entry of SUPPORT_ENTRIES) visit(entry)
  return [...seen].map(([path, text]) => ({ path, text })).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

function runtimeRoot(): string {
  const root = findPackageRoot(import.meta.url)
  if (root === undefined) throw new Error(`mapc's package root is not found above ${dirname(import.meta.url)}`)
  return join(root, 'src', 'runtime')
}
