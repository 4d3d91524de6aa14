/**
 * The seed corpus: what mutations start from. The project's own destinations (mappings/*.map)
 * and sample events (examples/events.ndjson) are always in it; fuzz/corpus/ adds inputs kept in
 * the repository because they once found something or reach corners the others do not.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { findPackageRoot } from '../compiler/grammar/package-root.js'

export interface MapSeed {
  /** Where it came from, relative to the project root. */
  name: string
  text: string
}

export function projectRoot(): string {
  const root = findPackageRoot(import.meta.url)
  if (root === undefined) throw new Error('mapc fuzz: cannot find the mapc package root (package.json named "mapc")')
  return root
}

function filesIn(directory: string, suffix: string): string[] {
  if (!existsSync(directory)) return []
  return readdirSync(directory)
    .filter((name) => name.endsWith(suffix))
    .sort()
    .map((name) => join(directory, name))
}

export function loadMapCorpus(root = projectRoot()): MapSeed[] {
  const files = [...filesIn(join(root, 'mappings'), '.map'), ...filesIn(join(root, 'fuzz', 'corpus', 'map'), '.map')]
  return files.map((file) => ({ name: file.slice(root.length + 1), text: readFileSync(file, 'utf8') }))
}

/** Events as JSON objects: every event line of examples/events.ndjson and every fuzz/corpus/events/*.json. */
export function loadEventCorpus(root = projectRoot()): Record<string, unknown>[] {
  const events: Record<string, unknown>[] = []
  const keep = (value: unknown): void => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && typeof (value as { type?: unknown }).type === 'string') {
      events.push(value as Record<string, unknown>)
    }
  }
  const ndjson = join(root, 'examples', 'events.ndjson')
  if (existsSync(ndjson)) {
    for (const line of readFileSync(ndjson, 'utf8').split('\n')) {
      try {
        keep(JSON.parse(line))
      } catch {
        // The sample stream holds lines that are not JSON on purpose; they are not events.
      }
    }
  }
  for (const file of filesIn(join(root, 'fuzz', 'corpus', 'events'), '.json')) keep(JSON.parse(readFileSync(file, 'utf8')))
  return events
}
