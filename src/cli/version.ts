/**
 * The version printed by `mapc --version`: the one in the package's package.json.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { findPackageRoot } from '../compiler/grammar/package-root.js'

export function packageVersion(): string {
  const root = findPackageRoot(import.meta.url)
  if (root === undefined) return 'unknown'
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string }
  return manifest.version ?? 'unknown'
}
