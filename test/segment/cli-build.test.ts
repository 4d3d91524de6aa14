/**
 * `mapc build --target segment` as a user runs it (bin/mapc.js, a child process): the three
 * destinations built, the output run by plain Node (no vitest) under actions-core's Destination,
 * refusals and broken files as diagnostics with their codes, spans and code frames, exit 1 and
 * nothing written.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureFreshBuild, ROOT, runMapc, scratchDir, writeText } from '../support/cli-process.js'

const scratch = scratchDir('segment-cli')
beforeAll(() => ensureFreshBuild(), 240_000)
afterAll(() => scratch.cleanup())

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
    expect(readdirSync(join(out, 'actions-attio')).sort()).toEqual(['assertRecord', 'generated-types.ts', 'groupWorkspace', 'identifyUser', 'index.js', 'index.ts', 'mapc'])
    expect(readdirSync(join(out, 'actions-attio', 'identifyUser')).sort()).toEqual(['generated-types.ts', 'index.js', 'index.ts'])
  }, 120_000)

  it('the output runs under plain Node and actions-core: Schematic sends its track event', async () => {
    const out = join(scratch.dir, 'out-run')
    expect((await runMapc(['build', 'mappings/schematic.map', '--target', 'segment', '--out', out])).code).toBe(0)
    const script = `
      import { createRequire } from 'node:module'
      import { dirname, join } from 'node:path'
      const require = createRequire(${JSON.stringify(join(ROOT, 'package.json'))})
      const core = require('@segment/actions-core')
      const fetchModule = require(join(dirname(require.resolve('@segment/actions-core')), 'fetch.js'))
      const sent = []
      fetchModule.default = async (request) => {
        sent.push({ method: request.method, url: request.url, body: JSON.parse(await request.text()), auth: request.headers.get('authorization') })
        return new fetchModule.Response('{}', { status: 200, headers: { 'content-type': 'application/json' } })
      }
      const { default: definition } = await import(${JSON.stringify(join(out, 'actions-schematic', 'index.js'))})
      const destination = new core.Destination(definition)
      const preset = definition.presets.find((p) => p.partnerAction === 'trackEvent')
      await destination.executeAction('trackEvent', {
        event: { type: 'track', event: 'Order Completed', userId: 'u1', timestamp: '2024-05-24T10:00:00Z' },
        mapping: preset.mapping, settings: { apiKey: 'key_0123456789' }
      })
      process.stdout.write(JSON.stringify({ preset: { subscribe: preset.subscribe, type: preset.type }, sent }))
    `
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' })
    expect(run.stderr).toBe('')
    const { preset, sent } = JSON.parse(run.stdout) as { preset: unknown; sent: { method: string; url: string; body: { body: { event: string } }; auth: string }[] }
    expect(preset).toEqual({ subscribe: 'type = "track"', type: 'automatic' })
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ method: 'POST', url: 'https://c.schematichq.com/e', auth: 'Bearer key_0123456789', body: { api_key: 'key_0123456789', type: 'track', body: { event: 'order_completed' } } })
  }, 120_000)

  it('the TypeScript passes tsc --strict against @segment/actions-core 3.170.0 and mapc/segment', async () => {
    const out = join(scratch.dir, 'out-tsc')
    expect((await runMapc(['build', '--target', 'segment', '--out', out])).code).toBe(0)
    const tsconfig = {
      compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'bundler', skipLibCheck: true, types: ['node'], typeRoots: [join(ROOT, 'node_modules', '@types')] },
      include: ['*/index.ts', '*/generated-types.ts', '*/*/index.ts', '*/*/generated-types.ts']
    }
    writeText(join(out, 'tsconfig.json'), JSON.stringify(tsconfig))
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(out, 'tsconfig.json')], { cwd: ROOT, encoding: 'utf8' })
    expect(tsc.stdout + tsc.stderr).toBe('')
    expect(tsc.status).toBe(0)
  }, 180_000)

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
