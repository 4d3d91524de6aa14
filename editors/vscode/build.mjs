/**
 * Builds the VS Code extension into a .vsix, offline: the client is bundled with esbuild (so the
 * package needs no node_modules), the TextMate grammar is copied from grammar/, and
 * @vscode/vsce packs the folder without asking npm for dependencies.
 *
 *   node editors/vscode/build.mjs [--out path/to/mapc.vsix]
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { build } from 'esbuild'
import { createVSIX } from '@vscode/vsce'

const here = dirname(fileURLToPath(import.meta.url))
const root = resolve(here, '..', '..')
const { values } = parseArgs({ options: { out: { type: 'string' } } })
const manifest = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'))
const out = resolve(values.out ?? join(here, `${manifest.name}-${manifest.version}.vsix`))

await build({
  entryPoints: [join(here, 'src', 'extension.ts')],
  outfile: join(here, 'dist', 'extension.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // VS Code provides `vscode` to extensions at run time.
  external: ['vscode'],
  minify: true,
  sourcemap: false,
  logLevel: 'warning'
})
mkdirSync(join(here, 'syntaxes'), { recursive: true })
copyFileSync(join(root, 'grammar', 'mapc.tmLanguage.json'), join(here, 'syntaxes', 'mapc.tmLanguage.json'))
mkdirSync(dirname(out), { recursive: true })
await createVSIX({ cwd: here, packagePath: out, dependencies: false, allowMissingRepository: true, skipLicense: true })
