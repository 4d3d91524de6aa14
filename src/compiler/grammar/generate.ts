/**
 * `npm run grammar`: writes the artefacts derived from the compiler's own definitions: the grammar
 * (grammar/mapc.ebnf, railroad.html, mapc.tmLanguage.json, from the parser) and the diagnostics
 * reference (docs/diagnostics.md, from the code registry).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { grammarArtefacts } from './artefacts.js'
import { findPackageRoot } from './package-root.js'
import { diagnosticsReference } from '../diagnostics/reference.js'

function writeArtefacts(): void {
  const root = findPackageRoot()
  if (root === undefined) throw new Error('cannot find the mapc package root')
  const directory = join(root, 'grammar')
  mkdirSync(directory, { recursive: true })
  for (const [name, content] of Object.entries(grammarArtefacts())) {
    writeFileSync(join(directory, name), content)
    process.stdout.write(`wrote grammar/${name}\n`)
  }
  writeFileSync(join(root, 'docs', 'diagnostics.md'), diagnosticsReference())
  process.stdout.write('wrote docs/diagnostics.md\n')
}

writeArtefacts()
