/**
 * The mapc package's root directory, found by walking up from a module to the package.json named
 * `mapc`. Modules run both from src/ (tests) and from dist/src/ (the built CLI), so no fixed
 * relative path works for both.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export function findPackageRoot(moduleUrl: string = import.meta.url): string | undefined {
  let dir = dirname(fileURLToPath(moduleUrl))
  for (;;) {
    const manifest = join(dir, 'package.json')
    if (existsSync(manifest)) {
      const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }
      if (parsed.name === 'mapc') return dir
    }
    const parent = dirname(dir)
    if (parent === dir) return undefined
    dir = parent
  }
}
