/**
 * examples/hubspot: `mapc check`, `mapc build` and `mapc test` (adversarial, the default) pass on
 * it; and, generated and interpreted, it runs against a loopback stand-in for api.hubapi.com that
 * answers a batch upsert with HubSpot's 207 Multi-Status: which events are delivered, which fail
 * with HubSpot's message, which are retried because an error names no input, and the exact bytes
 * each request carries.
 */
import { rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CompiledDestination } from '../../src/runtime/contract.js'
import type { DeliveryResult } from '../../src/runtime/delivery/results.js'
import type { SubscriptionConfig } from '../../src/runtime/config-types.js'
import { createRuntime } from '../../src/runtime/runtime.js'
import { loadConfigurationCompiler } from '../../src/runtime/configuration-compiler.js'
import { routes, useApiServer, type ReceivedRequest, type Reply } from '../runtime/roundtrip/support/api-server.js'
import { FAST_HTTP } from '../runtime/roundtrip/support/runtime-setup.js'
import { buildRetargeted, cli, type RetargetedBuild } from './support/example-destination.js'

await loadConfigurationCompiler()

const MAP = 'examples/hubspot/hubspot.map'
const SCHEMA = 'examples/hubspot/apis/hubspot.schema.json'
const HOST = 'https://api.hubapi.com'
const TOKEN = 'pat-na1-11111111-2222-3333-4444-555555555555'
const UPSERT = '/crm/v3/objects/contacts/batch/upsert'

describe('the CLI on examples/hubspot', () => {
  const out = resolve('.tmp', `hubspot-cli-${process.pid}`)
  afterAll(() => rmSync(out, { recursive: true, force: true }))

  it('checks clean', async () => {
    expect(await cli(['check', MAP])).toEqual({ code: 0, stdout: '', stderr: '0 errors, 0 warnings in 1 file\n' })
  })

  it('is formatted as mapc fmt writes it', async () => {
    expect((await cli(['fmt', '--check', MAP])).code).toBe(0)
  })

  it('builds for mapc and for Segment', async () => {
    const mapc = await cli(['build', MAP, '--out', join(out, 'mapc')])
    expect(mapc.code).toBe(0)
    expect(mapc.stdout + mapc.stderr).toContain('built examples/hubspot/hubspot.map')
    const segment = await cli(['build', '--target', 'segment', MAP, '--out', join(out, 'segment')])
    // Its one warning: the title has characters actions-core's schema keys cannot hold (MAPC6006).
    expect([...(segment.stdout + segment.stderr).matchAll(/(error|warning) (MAPC\d{4})/g)].map((m) => m[0])).toEqual(['warning MAPC6006'])
    expect(segment.code).toBe(0)
  })

  // Seed 2 once found `pe<Hub ID>_` sent as an event name for a track call whose `event` was an
  // object (now refused by the reject rule); the run stays as a regression.
  it('passes mapc test in its default, adversarial mode', async () => {
    const run = await cli(['test', MAP, '--seed', '2'])
    expect(run.stdout).not.toContain('FAIL')
    expect(run.stdout).toContain('16 properties: 16 ok, 0 failed (seed 2, 100 runs each, adversarial events)')
    expect(run.code).toBe(0)
  }, 180_000)
})

const server = useApiServer()
const built: { build?: RetargetedBuild; generated?: CompiledDestination; interpreted?: CompiledDestination; mapFile?: string; lines?: string[] } = {}

beforeAll(async () => {
  const retarget = (text: string) => text.replaceAll(HOST, server.origin).replaceAll('https://api\\\\.hubapi\\\\.com', server.origin.replaceAll('.', '\\\\.'))
  const build = await buildRetargeted(MAP, SCHEMA, retarget)
  Object.assign(built, { build, mapFile: build.mapFile, lines: build.text.split('\n'), generated: build.generated, interpreted: build.interpreted })
})
afterAll(() => built.build?.remove())

const identify = (id: string, traits: Record<string, unknown>) => ({ type: 'identify', messageId: id, userId: `u-${id}`, traits })

/** What HubSpot says about an input it could not write, naming it by the trace id it sent. */
function inputError(traceId: string | undefined, message: string) {
  return { status: 'error', category: 'VALIDATION_ERROR', message, context: traceId === undefined ? { ids: ['x'] } : { objectWriteTraceId: [traceId] } }
}

function multiStatus(errors: unknown[], numErrors = errors.length): Reply {
  return { status: 207, body: { status: 'COMPLETE', results: [{ id: '501', new: true, properties: {} }], numErrors, errors, startedAt: '2024-05-24T10:00:00Z', completedAt: '2024-05-24T10:00:01Z' } }
}

type Outcome = [string | undefined, 'delivered' | 'failed' | 'retry' | 'skipped', string?]

function outcomes(results: DeliveryResult[]): Outcome[] {
  return results.map((r) => (r.status === 'failed' ? [r.messageId, r.error.retryable ? 'retry' : 'failed', r.error.message] : [r.messageId, r.status]))
}

describe.each(['generated', 'interpreted'] as const)('examples/hubspot %s, against a loopback HubSpot', (which) => {
  const destination = (): CompiledDestination => {
    const d = built[which]
    if (!d) throw new Error('built in beforeAll')
    return d
  }
  const at = (): string => `${built.mapFile}:${(built.lines ?? []).findIndex((l) => l.includes('    batch {')) + 1}:5`

  async function deliver(subscriptions: SubscriptionConfig[], events: object[]): Promise<DeliveryResult[]> {
    const runtime = createRuntime([{ destination: destination(), name: 'hubspot', settings: { accessToken: TOKEN, portalId: '4242' }, subscriptions }], { http: FAST_HTTP })
    const sends = events.map((e) => runtime.send(e))
    await runtime.flush()
    const results = (await Promise.all(sends)).flat()
    await runtime.close()
    return results
  }
  const batched: SubscriptionConfig[] = [{ name: 'contacts', trigger: 'type = "identify"', action: 'upsertContact', batch: { size: 100, maxAgeMs: 60_000 } }]

  const four = [
    identify('m1', { email: 'ada@example.com', first_name: 'Ada', address: { city: 'London' } }),
    identify('m2', { email: 'bob@example.com', lastName: 'Stone', phone: 5550100 }),
    identify('m3', { email: 'cy@example.com' }),
    identify('m4', { email: 'dee@example.com', website: 'https://dee.example' })
  ]

  it('sends one batch upsert and fails exactly the inputs HubSpot names, delivering the others', async () => {
    server.handle(routes({ [UPSERT]: () => multiStatus([inputError('m2', 'Property values were not valid: phone'), inputError('m4', 'Contact is being merged')]) }))
    expect(outcomes(await deliver(batched, four))).toEqual([
      ['m1', 'delivered'],
      ['m2', 'failed', `${at()} batch item 1 rejected with status 400: Property values were not valid: phone`],
      ['m3', 'delivered'],
      ['m4', 'failed', `${at()} batch item 3 rejected with status 400: Contact is being merged`]
    ])
    expect(server.received).toHaveLength(1)
    const [request] = server.received
    expect(`${request?.method} ${request?.target}`).toBe(`POST ${UPSERT}`)
    expect(request?.headers.authorization).toBe(`Bearer ${TOKEN}`)
    expect(request?.headers['content-type']).toMatch(/^application\/json/)
    expect(request?.body.toString('utf8')).toBe(
      JSON.stringify({
        inputs: [
          { idProperty: 'email', id: 'ada@example.com', objectWriteTraceId: 'm1', properties: { firstname: 'Ada', city: 'London', email: 'ada@example.com' } },
          { idProperty: 'email', id: 'bob@example.com', objectWriteTraceId: 'm2', properties: { lastname: 'Stone', phone: '5550100', email: 'bob@example.com' } },
          { idProperty: 'email', id: 'cy@example.com', objectWriteTraceId: 'm3', properties: { email: 'cy@example.com' } },
          { idProperty: 'email', id: 'dee@example.com', objectWriteTraceId: 'm4', properties: { website: 'https://dee.example', email: 'dee@example.com' } }
        ]
      })
    )
  })

  it('retries every input an error does not name when one error names none (no objectWriteTraceId)', async () => {
    server.handle(routes({ [UPSERT]: () => multiStatus([inputError('m1', 'Invalid email'), inputError(undefined, 'Duplicate IDs found in batch input')]) }))
    const retried = (i: number) =>
      `${at()} batch item ${i} not attributed, retried: the response reports failures it does not attribute to items (1 of its 2 failures names no item of the batch)`
    expect(outcomes(await deliver(batched, four))).toEqual([
      ['m1', 'failed', `${at()} batch item 0 rejected with status 400: Invalid email`],
      ['m2', 'retry', retried(1)],
      ['m3', 'retry', retried(2)],
      ['m4', 'retry', retried(3)]
    ])
  })

  it('retries when numErrors counts more errors than it lists, and delivers all on a 200 COMPLETE', async () => {
    server.handle(routes({ [UPSERT]: () => multiStatus([inputError('m3', 'bad')], 2) }))
    expect(outcomes(await deliver(batched, four)).map(([id, kind]) => [id, kind])).toEqual([
      ['m1', 'retry'],
      ['m2', 'retry'],
      ['m3', 'failed'],
      ['m4', 'retry']
    ])
    server.handle(routes({ [UPSERT]: () => ({ status: 200, body: { status: 'COMPLETE', results: [{ id: '1' }, { id: '2' }, { id: '3' }, { id: '4' }] } }) }))
    expect(outcomes(await deliver(batched, four))).toEqual([
      ['m1', 'delivered'],
      ['m2', 'delivered'],
      ['m3', 'delivered'],
      ['m4', 'delivered']
    ])
  })

  it('fails a whole batch HubSpot refuses with 400, and an event without a valid email alone, before sending', async () => {
    server.handle(routes({ [UPSERT]: () => ({ status: 400, body: { status: 'error', message: 'Invalid input JSON', category: 'VALIDATION_ERROR' } }) }))
    const results = await deliver(batched, [four[0] as object, identify('bad', { email: 'not an email' }), four[2] as object])
    expect(results.map((r) => [r.messageId, r.status, r.status === 'failed' ? r.error.code : undefined])).toEqual([
      ['m1', 'failed', 'CLIENT_ERROR'],
      ['bad', 'failed', 'PAYLOAD_VALIDATION'],
      ['m3', 'failed', 'CLIENT_ERROR']
    ])
    expect(server.bodiesAt(UPSERT).map((b) => (b as { inputs: { id: string }[] }).inputs.map((i) => i.id))).toEqual([['ada@example.com', 'cy@example.com']])
  })

  it('judges a single event by the error HubSpot gives its one input (a 207 is no delivery)', async () => {
    server.handle(routes({ [UPSERT]: () => multiStatus([inputError('m2', 'Property values were not valid')]) }))
    const single: SubscriptionConfig[] = [{ name: 'contact', trigger: 'type = "identify"', action: 'upsertContact' }]
    expect(outcomes(await deliver(single, [four[1] as object]))).toEqual([['m2', 'failed', `${at()} batch item 0 rejected with status 400: Property values were not valid`]])
  })

  it('updates a contact by email, the email a percent-encoded path segment', async () => {
    server.handle(routes({ '/crm/v3/objects/contacts/*': () => ({ status: 200, body: { id: '77', properties: {} } }) }))
    const update: SubscriptionConfig[] = [{ name: 'update', trigger: 'type = "identify"', action: 'updateContact' }]
    const results = await deliver(update, [identify('u1', { email: 'ann+hub@example.com', first_name: 'Al' })])
    expect(outcomes(results)).toEqual([['u1', 'delivered']])
    const [request] = server.received
    expect(`${request?.method} ${request?.target}`).toBe('PATCH /crm/v3/objects/contacts/ann%2Bhub%40example.com?idProperty=email')
    expect(request?.body.toString('utf8')).toBe('{"properties":{"firstname":"Al"}}')
  })

  it('sends a track call as a custom event named pe<Hub ID>_<snake case>, and refuses a name it cannot make', async () => {
    server.handle(routes({ '/events/v3/send': () => ({ status: 204 }) }))
    const events: SubscriptionConfig[] = [{ name: 'events', trigger: 'type = "track"', action: 'sendCustomEvent' }]
    const track = (id: string, event: unknown) => ({ type: 'track', messageId: id, event, timestamp: '2024-05-24T10:00:00+02:00', properties: { email: 'ada@example.com' } })
    const results = await deliver(events, [track('t1', 'Order Completed'), track('t2', '🎉')])
    expect(outcomes(results).map(([id, kind]) => [id, kind])).toEqual([
      ['t1', 'delivered'],
      ['t2', 'failed']
    ])
    expect(results[1]?.status === 'failed' && results[1].error.code).toBe('PAYLOAD_VALIDATION')
    expect(server.received.map((r) => r.body.toString('utf8'))).toEqual([
      '{"eventName":"pe4242_order_completed","email":"ada@example.com","occurredAt":"2024-05-24T08:00:00.000Z","properties":{}}'
    ])
  })
})
