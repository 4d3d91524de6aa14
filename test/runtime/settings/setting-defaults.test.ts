/**
 * A `.map` setting's `default` over real HTTP: an instance whose configuration leaves an
 * optional defaulted setting out sends the default where the `.map` reads the setting (a header,
 * the body, an auth header), one that gives it sends the given value, both for the generated
 * modules and for the interpreter; the caller's settings object is not changed, and a secret
 * setting's default is redacted like a given secret.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compileText } from '../../../src/compiler/compile.js'
import { buildAndLoad } from '../../../src/compiler/emit/mapc/write-output.js'
import { interpretDestination } from '../../../src/compiler/interpret/interpret.js'
import type { CompiledDestination } from '../../../src/runtime/contract.js'
import { createRuntime } from '../../../src/runtime/runtime.js'
import { withSettingDefaults } from '../../../src/runtime/settings-defaults.js'
import { json, useLoopbackServer } from '../http/support/loopback-server.js'
import { DEFAULT_KEY, apiSchema, mapSource } from './support/defaults-destination.js'

const server = useLoopbackServer()
const destinations = new Map<string, CompiledDestination>()
let root: string | undefined

beforeAll(async () => {
  mkdirSync(resolve('.tmp'), { recursive: true })
  root = mkdtempSync(resolve('.tmp', 'setting-defaults-'))
  const mapFile = relative(process.cwd(), join(root, 'defaults.map'))
  const source = mapSource(server.origin)
  writeFileSync(mapFile, source)
  mkdirSync(join(root, 'apis'))
  writeFileSync(join(root, 'apis', 'defaults.schema.json'), JSON.stringify(apiSchema(server.origin)))
  const compiled = compileText(source, mapFile)
  if (!compiled.ir) throw new Error(compiled.diagnostics.map((d) => `${d.code} ${d.span.start.line}:${d.span.start.column} ${d.message}`).join('\n'))
  destinations.set('generated', (await buildAndLoad(compiled.ir, resolve(root, 'build'), '0.0.0-defaults')).destination)
  destinations.set('interpreted', interpretDestination(compiled.ir))
}, 180_000)

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true })
})

const track = { type: 'track', event: 'Signed Up', userId: 'u1', messageId: 'm1', timestamp: '2026-01-01T00:00:00.000Z' }

async function deliver(kind: string, settings: Record<string, unknown>) {
  const destination = destinations.get(kind)
  if (!destination) throw new Error(`${kind} is built in beforeAll`)
  const runtime = createRuntime([{ destination, settings }])
  try {
    return await runtime.send(track)
  } finally {
    await runtime.close()
  }
}

describe.each(['generated', 'interpreted'])('setting defaults (%s)', (kind) => {
  it('fills a left-out defaulted setting in: the request carries the default in the header, the body and the auth header', async () => {
    const settings = {}
    const results = await deliver(kind, settings)
    expect(results.map((r) => r.status)).toEqual(['delivered'])
    expect(server.received).toHaveLength(1)
    const request = server.received[0]!
    expect(request.headers['x-region']).toBe('eu')
    expect(request.headers.authorization).toBe(`Bearer ${DEFAULT_KEY}`)
    expect(JSON.parse(request.body.toString('utf8'))).toEqual({ name: 'Signed Up', region: 'eu' })
    // The caller's object is left as it was.
    expect(settings).toEqual({})
  })

  it('sends the given value when the configuration sets it', async () => {
    const results = await deliver(kind, { region: 'us', apiKey: 'sk_given_Other-Key-98765' })
    expect(results.map((r) => r.status)).toEqual(['delivered'])
    const request = server.received[0]!
    expect(request.headers['x-region']).toBe('us')
    expect(request.headers.authorization).toBe('Bearer sk_given_Other-Key-98765')
    expect(JSON.parse(request.body.toString('utf8'))).toEqual({ name: 'Signed Up', region: 'us' })
  })

  it('an undefined value counts as left out', async () => {
    await deliver(kind, { region: undefined })
    expect(server.received[0]?.headers['x-region']).toBe('eu')
  })

  it('still refuses a given value of the wrong type at start', async () => {
    await expect(deliver(kind, { region: 7 })).rejects.toMatchObject({ code: 'CONFIG', message: expect.stringContaining('region') })
    expect(server.received).toHaveLength(0)
  })

  it('redacts a secret setting\'s default like a given secret', async () => {
    server.script((response, request) => json(400, { echoed: request.headers.authorization })(response, request))
    const results = await deliver(kind, {})
    expect(results.map((r) => r.status)).toEqual(['failed'])
    expect(server.received[0]?.headers.authorization).toBe(`Bearer ${DEFAULT_KEY}`)
    const failed = results[0]
    if (failed?.status !== 'failed') throw new Error('expected a failure')
    const printed = JSON.stringify([failed.error.message, failed.error.toJSON(), failed])
    expect(printed).toContain('400')
    expect(printed).not.toContain(DEFAULT_KEY)
  })
})

describe('withSettingDefaults', () => {
  const declared = [
    { name: 'region', required: false, default: 'eu' },
    { name: 'flag', required: false, default: false },
    { name: 'plain', required: false },
    { name: 'host', required: true, default: 'api.example.com' }
  ]
  it('fills only left-out optional defaulted settings and keeps given values, null and false included', () => {
    // A required setting is not filled in: leaving it out stays the configuration error it was.
    expect(withSettingDefaults(declared, {})).toEqual({ region: 'eu', flag: false })
    expect(withSettingDefaults(declared, { region: null, flag: true, plain: 'x', extra: 1 })).toEqual({ region: null, flag: true, plain: 'x', extra: 1 })
  })
  it('returns a new object', () => {
    const given = { plain: 'x' }
    const filled = withSettingDefaults(declared, given)
    expect(filled).not.toBe(given)
    expect(given).toEqual({ plain: 'x' })
  })
})
