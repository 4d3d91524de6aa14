/**
 * `npm run grammar`: writes the grammar artefacts derived from the parser into grammar/:
 * mapc.ebnf, railroad.html and mapc.tmLanguage.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { grammarArtefacts } from './artefacts.js'
import { findPackageRoot } from './package-root.js'

function writeArtefacts(): void {
  const root = findPackageRoot()
  if (root === undefined) throw new Error('cannot find the mapc package root')
  const directory = join(root, 'grammar')
  mkdirSync(directory, { recursive: true })
  for (const [name, content] of Object.entries(grammarArtefacts())) {
    writeFileSync(join(directory, name), content)
    process.stdout.write(`wrote grammar/${name}\n`)
  }
}

writeArtefacts()
