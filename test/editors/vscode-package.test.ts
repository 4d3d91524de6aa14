/**
 * The VS Code extension builds into a .vsix offline (any download would hit a dead proxy), and
 * the package holds exactly what VS Code needs: the manifest, the language configuration, the
 * project's TextMate grammar and one bundled client that requires nothing but `vscode` and Node.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { Script } from 'node:vm'
import { beforeAll, describe, expect, test } from 'vitest'
import yauzl from 'yauzl'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

async function unzip(path: string): Promise<Map<string, Buffer>> {
  const zip = await promisify<string, yauzl.Options, yauzl.ZipFile>(yauzl.open)(path, { lazyEntries: true })
  const files = new Map<string, Buffer>()
  return new Promise((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) return reject(error)
        const chunks: Buffer[] = []
        stream.on('data', (c: Buffer) => chunks.push(c))
        stream.on('end', () => {
          files.set(entry.fileName, Buffer.concat(chunks))
          zip.readEntry()
        })
      })
    })
    zip.on('end', () => resolve(files))
    zip.on('error', reject)
    zip.readEntry()
  })
}

let files: Map<string, Buffer>

beforeAll(async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'mapc-vsix-')), 'mapc.vsix')
  const dead = 'http://127.0.0.1:9'
  await promisify(execFile)(process.execPath, [join(ROOT, 'editors/vscode/build.mjs'), '--out', out], {
    cwd: ROOT,
    env: { ...process.env, HTTP_PROXY: dead, HTTPS_PROXY: dead, http_proxy: dead, https_proxy: dead, npm_config_offline: 'true' }
  })
  files = await unzip(out)
}, 120_000)

describe('the .vsix', () => {
  test('holds exactly the manifest, configuration, grammar, readme and bundled client', () => {
    expect([...files.keys()].sort()).toEqual([
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/dist/extension.js',
      'extension/language-configuration.json',
      'extension/package.json',
      'extension/readme.md',
      'extension/syntaxes/mapc.tmLanguage.json'
    ])
  })

  test('the manifest contributes the language, its grammar and the server settings', () => {
    const manifest = JSON.parse(String(files.get('extension/package.json'))) as Record<string, any>
    expect(manifest.main).toBe('./dist/extension.js')
    expect(manifest.contributes.languages).toEqual([{ id: 'mapc', aliases: ['mapc', 'Mapping'], extensions: ['.map'], configuration: './language-configuration.json' }])
    expect(manifest.contributes.grammars).toEqual([{ language: 'mapc', scopeName: 'source.mapc', path: './syntaxes/mapc.tmLanguage.json' }])
    expect(Object.keys(manifest.contributes.configuration.properties)).toEqual(['mapc.server.path', 'mapc.server.debounceMs', 'mapc.trace.server'])
    expect(String(files.get('extension.vsixmanifest'))).toContain('<Identity Language="en-US" Id="mapc" Version="0.1.0" Publisher="mapc"')
  })

  test('the grammar is the project’s own, byte for byte', () => {
    expect(files.get('extension/syntaxes/mapc.tmLanguage.json')?.equals(readFileSync(join(ROOT, 'grammar/mapc.tmLanguage.json')))).toBe(true)
  })

  test('the language configuration is valid and knows the comment and bracket syntax', () => {
    const config = JSON.parse(String(files.get('extension/language-configuration.json'))) as Record<string, any>
    expect(config.comments).toEqual({ lineComment: '//', blockComment: ['/*', '*/'] })
    expect(config.brackets).toEqual([['{', '}'], ['[', ']'], ['(', ')']])
    expect(new RegExp(config.wordPattern).exec('email_address')?.[0]).toBe('email_address')
  })

  test('the client is bundled: it requires only `vscode` and Node built-ins, and starts `mapc lsp`', () => {
    const code = String(files.get('extension/dist/extension.js'))
    // It parses as a CommonJS module (VS Code loads it with require).
    expect(() => new Script(`(function (exports, require, module) {${code}\n})`)).not.toThrow()
    const required = new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1] as string))
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)])
    expect([...required].filter((r) => r !== 'vscode' && !builtins.has(r))).toEqual([])
    expect(required.has('vscode')).toBe(true)
    expect(code).toMatch(/args:\["lsp"\]/)
    expect(code).toContain('LanguageClient')
  })
})
