/**
 * `mapc build --target segment` as a user runs it (bin/mapc.js, a child process): the three
 * destinations built, the output compiled by tsc as CommonJS (action-destinations' options) and as
 * ES modules and run by plain Node (no vitest) under actions-core's Destination,
 * refusals and broken files as diagnostics with their codes, spans and code frames, exit 1 and
 * nothing written.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureFreshBuild, ROOT, runMapc, scratchDir, writeText } from '../support/cli-process.js'
import { compileOutput } from './support/compile-output.js'

const scratch = scratchDir('segment-cli')
beforeAll(() => ensureFreshBuild(), 240_000)
afterAll(() => scratch.cleanup())

/** Every file below a directory. */
function filesBelow(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort()
}

/** The .map given, with the API schemas of the bundled destinations next to it. */
function mapFile(name: string, text: string): string {
  const dir = join(scratch.dir, `src-${name}`)
  mkdirSync(dir, { recursive: true })
  cpSync(join(ROOT, 'mappings', 'apis'), join(dir, 'apis'), { recursive: true })
  return writeText(join(dir, `${name}.map`), text)
}

describe('mapc build --target segment', () => {
  it('builds the three destinations; the titles actions-core cannot key are renamed with a warning', async () => {
    const out = join(scratch.dir, 'out')
    const result = await runMapc(['build', '--target', 'segment', '--out', out])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(`built mappings/schematic.map → ${out}/actions-schematic/ (segment,`)
    expect(result.stdout).toContain(`${out}/actions-attio/`)
    expect(result.stdout).toContain(`${out}/actions-matilda/`)
    expect(result.stderr).toMatch(/mappings\/attio\.map:5:1: warning MAPC6006: the title "Attio \(Actions\)" cannot key actions-core's schemas; the Segment definition is named "Attio-Actions"/)
    expect(result.stderr).toMatch(/mappings\/matilda\.map:\d+:1: warning MAPC6006/)
    expect(readdirSync(join(out, 'actions-attio')).sort()).toEqual(['assertRecord', 'generated-types.ts', 'groupWorkspace', 'identifyUser', 'index.ts', 'mapc'])
    expect(readdirSync(join(out, 'actions-attio', 'identifyUser')).sort()).toEqual(['generated-types.ts', 'index.ts'])
    // TypeScript only: action-destinations' jest would resolve a .js beside a .ts first.
    expect(filesBelow(join(out, 'actions-attio')).filter((f) => !f.endsWith('.ts') && !f.endsWith('.schema.json'))).toEqual([])
  }, 120_000)

  for (const format of ['commonjs', 'esm'] as const) {
    it(`--module ${format}: passes tsc --strict (${format === 'commonjs' ? "action-destinations' compiler options" : 'NodeNext'}), and the compiled output runs under actions-core with nothing of mapc`, async () => {
      const out = join(scratch.dir, `out-${format}`)
      expect((await runMapc(['build', '--target', 'segment', '--out', out, '--module', format])).code).toBe(0)
      // Self-contained: no generated file names mapc's package.
      for (const file of filesBelow(out)) expect(readFileSync(file, 'utf8'), file).not.toMatch(/^(?:import|export)\b.*\bfrom\s+["']mapc(?:\/|["'])/m)
      const tsc = compileOutput(out, format)
      expect(tsc.output).toBe('')
      expect(tsc.status).toBe(0)
      // Node loads the compiled JavaScript as it is (`require` for CommonJS, `import` for ES
      // modules), from a directory outside this project where only actions-core and its
      // dependencies, lodash and entities resolve (NODE_PATH), and mapc does not.
      const away = mkdtempSync(join(tmpdir(), `mapc-segment-${format}-`))
      cpSync(join(out, 'dist'), join(away, 'dist'), { recursive: true })
      cpSync(join(out, 'package.json'), join(away, 'package.json'))
      const entry = join(away, 'dist', 'actions-schematic', 'index.js')
      const load = format === 'commonjs' ? `require(${JSON.stringify(entry)}).default` : `(await import(${JSON.stringify(pathToFileURL(entry).href)})).default`
      const script = `
        const { createRequire } = require('node:module')
        const { dirname, join } = require('node:path')
        ;(async () => {
          const core = require('@segment/actions-core')
          const fetchModule = require(join(dirname(require.resolve('@segment/actions-core')), 'fetch.js'))
          const sent = []
          fetchModule.default = async (request) => {
            sent.push({ method: request.method, url: request.url, body: JSON.parse(await request.text()), auth: request.headers.get('authorization') })
            return new fetchModule.Response('{}', { status: 200, headers: { 'content-type': 'application/json' } })
          }
          const definition = ${load}
          const destination = new core.Destination(definition)
          const preset = definition.presets.find((p) => p.partnerAction === 'trackEvent')
          await destination.executeAction('trackEvent', {
            event: { type: 'track', event: 'Order Completed', userId: 'u1', timestamp: '2024-05-24T10:00:00Z' },
            mapping: preset.mapping, settings: { apiKey: 'key_0123456789' }
          })
          const refused = await destination.executeAction('trackEvent', {
            event: { type: 'track', event: '!!!', userId: 'u1', timestamp: '2024-05-24T10:00:00Z' },
            mapping: preset.mapping, settings: { apiKey: 'key_0123456789' }
          }).then(() => undefined, (error) => ({ name: error.name, code: error.code, fields: error.issues.map((i) => i.field) }))
          process.stdout.write(JSON.stringify({ preset: { subscribe: preset.subscribe, type: preset.type }, sent, refused }))
        })().catch((error) => { process.stderr.write(String(error && error.stack)); process.exit(1) })
      `
      const run = spawnSync(process.execPath, ['-e', script], { cwd: away, encoding: 'utf8', env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') } })
      rmSync(away, { recursive: true, force: true })
      expect(run.stderr).toBe('')
      const { preset, sent, refused } = JSON.parse(run.stdout) as { preset: unknown; sent: { method: string; url: string; body: { body: { event: string } }; auth: string }[]; refused: unknown }
      expect(preset).toEqual({ subscribe: 'type = "track"', type: 'automatic' })
      expect(sent).toHaveLength(1)
      expect(sent[0]).toMatchObject({ method: 'POST', url: 'https://c.schematichq.com/e', auth: 'Bearer key_0123456789', body: { api_key: 'key_0123456789', type: 'track', body: { event: 'order_completed' } } })
      // The `.map`'s reject rule, by the copy of mapc's runtime: mapc's named error, nothing sent.
      expect(refused).toEqual({ name: 'PayloadValidationError', code: 'PAYLOAD_VALIDATION', fields: ['event_name'] })
    }, 240_000)
  }

  it('refuses what actions-core cannot say: codes, file:line:column and code frames, exit 1, nothing written', async () => {
    const text = readFileSync(join(ROOT, 'mappings', 'schematic.map'), 'utf8')
      .replace('  setting apiKey: password required {', '  setting retries: integer {\n    label "Retries"\n  }\n\n  setting apiKey: password required {')
      .replace('    field user_traits: object keyvalue {', '    field user_traits: object required keyvalue {')
    const file = mapFile('schematic', text)
    const out = join(scratch.dir, 'out-refused')
    const result = await runMapc(['build', file, '--target', 'segment', '--out', out])
    expect(result.code).toBe(1)
    const lines = text.split('\n')
    const settingLine = lines.findIndex((l) => l.includes('setting retries')) + 1
    const defaultLine = lines.findIndex((l) => l.includes('default if exists($.context.personas.computation_key)')) + 1
    expect(result.stderr).toContain(`${file}:${settingLine}:3: error MAPC6003: setting \`retries\` is an integer, which actions-core settings cannot be`)
    expect(result.stderr).toContain(`${file}:${defaultLine}:15: error MAPC6001: field \`user_traits\` of action \`identifyUser\` is required`)
    expect(result.stderr).toContain('setting retries: integer {')
    expect(result.stderr).toMatch(/\^/)
    expect(existsSync(out)).toBe(false)
  }, 120_000)

  it('a .map with errors behaves as with mapc build: diagnostics, exit 1, nothing written', async () => {
    const file = mapFile('broken', 'destination broken {\n  title "Broken"\n  accepts track\n  action a {\n    title "A"\n    field x: string { label "X" default $.nope.[ }\n  }\n}\n')
    const out = join(scratch.dir, 'out-broken')
    const result = await runMapc(['build', file, '--target', 'segment', '--out', out])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:6:\\d+: error MAPC1`))
    expect(existsSync(out)).toBe(false)
  }, 120_000)

  it('an unknown target is a usage error (exit 2)', async () => {
    const result = await runMapc(['build', '--target', 'segmnet'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--target must be mapc or segment, not segmnet')
  }, 60_000)
})
