/**
 * examples/customerio: `mapc check`, `mapc build` and `mapc test` (adversarial, the default) pass
 * on it; and, generated and interpreted, it runs against two loopback stand-ins for Customer.io's
 * US and EU Track API hosts: the Basic header, hostile person ids as one percent-encoded path
 * segment, Unix-second timestamps, the EU host picked by the region setting, and settings outside
 * their choices or patterns refused at start or, where nothing checked them, before any request.
 */
import { rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CompiledDestination } from '../../src/runtime/contract.js'
import type { DeliveryResult } from '../../src/runtime/delivery/results.js'
import type { SubscriptionConfig } from '../../src/runtime/config-types.js'
import { ConfigError } from '../../src/runtime/errors/index.js'
import { createRuntime } from '../../src/runtime/runtime.js'
import { loadConfigurationCompiler } from '../../src/runtime/configuration-compiler.js'
import { routes, useApiServer } from '../runtime/roundtrip/support/api-server.js'
import { FAST_HTTP } from '../runtime/roundtrip/support/runtime-setup.js'
import { deliverEvents } from '../emit/support/deliver-events.js'
import { buildRetargeted, cli, type RetargetedBuild } from './support/example-destination.js'
import { answersInOrder } from '../../src/conformance/scripted-transport.js'

await loadConfigurationCompiler()

const MAP = 'examples/customerio/customerio.map'
const SCHEMA = 'examples/customerio/apis/customerio.schema.json'
const SITE_ID = 'a1b2c3d4e5f6a7b8c9d0'
const API_KEY = 'f00dcafe0123456789ab'
const BASIC = `Basic ${Buffer.from(`${SITE_ID}:${API_KEY}`).toString('base64')}`

describe('the CLI on examples/customerio', () => {
  const out = resolve('.tmp', `customerio-cli-${process.pid}`)
  afterAll(() => rmSync(out, { recursive: true, force: true }))

  it('checks clean', async () => {
    expect(await cli(['check', MAP])).toEqual({ code: 0, stdout: '', stderr: '0 errors, 0 warnings in 1 file\n' })
  })

  it('builds for mapc; the Segment target refuses its two setting patterns, which Segment would not check', async () => {
    const mapc = await cli(['build', MAP, '--out', join(out, 'mapc')])
    expect(mapc.code).toBe(0)
    expect(mapc.stdout + mapc.stderr).toContain('built examples/customerio/customerio.map')
    const segment = await cli(['build', '--target', 'segment', MAP, '--out', join(out, 'segment')])
    expect([...(segment.stdout + segment.stderr).matchAll(/:(\d+):\d+: (error|warning) (MAPC\d{4})/g)].map((m) => `${m[1]} ${m[2]} ${m[3]}`)).toEqual([
      '12 error MAPC6008',
      '17 error MAPC6008'
    ])
    expect(segment.code).toBe(1)
  })

  it('passes mapc test in its default, adversarial mode', async () => {
    const run = await cli(['test', MAP, '--seed', '2'])
    expect(run.stdout).not.toContain('FAIL')
    expect(run.stdout).toContain('8 properties: 8 ok, 0 failed (seed 2, 100 runs each, adversarial events)')
    expect(run.code).toBe(0)
  }, 180_000)
})

const us = useApiServer()
const eu = useApiServer()
const built: { build?: RetargetedBuild; generated?: CompiledDestination; interpreted?: CompiledDestination; usHost?: string; euHost?: string } = {}

beforeAll(async () => {
  const usHost = new URL(us.origin).host
  const euHost = new URL(eu.origin).host
  // The two regions become the two loopback servers, over plain HTTP; nothing else changes.
  const retarget = (text: string) => text.replaceAll('track-eu.customer.io', euHost).replaceAll('track.customer.io', usHost).replaceAll('https://', 'http://')
  const build = await buildRetargeted(MAP, SCHEMA, retarget)
  Object.assign(built, { build, usHost, euHost, generated: build.generated, interpreted: build.interpreted })
})
afterAll(() => built.build?.remove())

const subscriptions: SubscriptionConfig[] = [
  { name: 'people', trigger: 'type = "identify"', action: 'identifyPerson' },
  { name: 'events', trigger: 'type = "track"', action: 'trackEvent' }
]

const identify = (messageId: string, userId: string, traits: Record<string, unknown>) => ({ type: 'identify', messageId, userId, traits })
const track = (messageId: string, userId: string, event: string, properties: Record<string, unknown>) => ({
  type: 'track',
  messageId,
  userId,
  event,
  properties,
  timestamp: '2024-05-24T10:00:00.999+02:00'
})

describe.each(['generated', 'interpreted'] as const)('examples/customerio %s, against loopback US and EU hosts', (which) => {
  const destination = (): CompiledDestination => {
    const d = built[which]
    if (!d) throw new Error('built in beforeAll')
    return d
  }

  async function deliver(settings: Record<string, unknown>, events: object[]): Promise<DeliveryResult[]> {
    const runtime = createRuntime([{ destination: destination(), name: 'cio', settings, subscriptions }], { http: FAST_HTTP })
    const sends = events.map((e) => runtime.send(e))
    await runtime.flush()
    const results = (await Promise.all(sends)).flat()
    await runtime.close()
    return results
  }
  const settings = (region = built.usHost): Record<string, unknown> => ({ siteId: SITE_ID, apiKey: API_KEY, region })

  it('identifies a person on the US host: Basic site ID and key, the id one encoded segment, created_at in Unix seconds', async () => {
    us.handle(routes({ '/api/v1/customers/*': () => ({ status: 200, body: {} }) }))
    const traits = { email: 'ada@example.com', created_at: '2024-05-24T10:00:00.999Z', createdAt: 'old', plan: 'pro', phone: null, id: 'not sent', address: { city: 'London' } }
    const results = await deliver(settings(), [identify('m1', 'ada/../x?y#z %2F é', traits)])
    expect(results.map((r) => [r.messageId, r.status])).toEqual([['m1', 'delivered']])
    expect(eu.received).toEqual([])
    expect(us.received).toHaveLength(1)
    const [request] = us.received
    expect(`${request?.method} ${request?.target}`).toBe('PUT /api/v1/customers/ada%2F..%2Fx%3Fy%23z%20%252F%20%C3%A9')
    expect(request?.headers.authorization).toBe(BASIC)
    expect(request?.headers.host).toBe(built.usHost)
    expect(request?.body.toString('utf8')).toBe('{"plan":"pro","phone":null,"address":{"city":"London"},"email":"ada@example.com","created_at":1716544800}')
  })

  it('tracks an event on the EU host when the region setting picks it, and never on the US one', async () => {
    eu.handle(routes({ '/api/v1/customers/*': () => ({ status: 200, body: {} }) }))
    const results = await deliver(settings(built.euHost), [track('t1', 'user 7', 'Order Completed', { total: 12.5, currency: 'EUR' })])
    expect(results.map((r) => [r.messageId, r.status])).toEqual([['t1', 'delivered']])
    expect(us.received).toEqual([])
    const [request] = eu.received
    expect(`${request?.method} ${request?.target}`).toBe('POST /api/v1/customers/user%207/events')
    expect(request?.headers.host).toBe(built.euHost)
    expect(request?.headers.authorization).toBe(BASIC)
    expect(request?.body.toString('utf8')).toBe('{"name":"Order Completed","data":{"total":12.5,"currency":"EUR"},"timestamp":1716537600}')
  })

  it('refuses an id that would change the path or is too long, naming the field, and sends nothing for it', async () => {
    us.handle(routes({ '/api/v1/customers/*': () => ({ status: 200, body: {} }) }))
    const results = await deliver(settings(), [identify('dot', '..', {}), identify('long', 'x'.repeat(151), {}), identify('ok', 'x'.repeat(150), {})])
    expect(results.map((r) => [r.messageId, r.status, r.status === 'failed' ? r.error.code : undefined])).toEqual([
      ['dot', 'failed', 'PAYLOAD_VALIDATION'],
      ['long', 'failed', 'PAYLOAD_VALIDATION'],
      ['ok', 'delivered', undefined]
    ])
    const messages = results.filter((r) => r.status === 'failed').map((r) => (r.status === 'failed' ? r.error.message : ''))
    expect(messages[0]).toContain('id')
    expect(messages[1]).toContain('is longer than the 150 characters Customer.io takes in an identifier')
    expect(us.received.map((r) => r.target)).toEqual([`/api/v1/customers/${'x'.repeat(150)}`])
  })

  it('refuses at start a region outside its choices and a key outside its pattern, naming each setting and showing no value', () => {
    const hostile = 'evil.example/steal?'
    const startError = (values: Record<string, unknown>): ConfigError => {
      try {
        createRuntime([{ destination: destination(), name: 'cio', settings: values, subscriptions }], { http: FAST_HTTP })
      } catch (error) {
        if (error instanceof ConfigError) return error
        throw error
      }
      throw new Error('createRuntime accepted the settings')
    }
    const region = startError({ ...settings(hostile) })
    expect(region.message).toBe(`[0].settings: cio: region must be one of ${JSON.stringify(built.usHost)}, ${JSON.stringify(built.euHost)}`)
    const badKey = 'k3y:with-colon'
    const key = startError({ ...settings(), apiKey: badKey })
    expect(key.message).toBe('[0].settings: cio: apiKey must match pattern "^[A-Za-z0-9]+$"')
    expect(JSON.stringify(key.toJSON())).not.toContain(badKey)
    expect(us.received).toEqual([])
    expect(eu.received).toEqual([])
  })

  it('sends nowhere when a hostile region reaches the action unchecked (as under a host that does not run the settings schema)', async () => {
    for (const region of ['evil.example', 'evil.example/x', `${built.usHost}@evil.example`, '', 7]) {
      const run = await deliverEvents(destination(), 'trackEvent', [track('t1', 'u1', 'Signed Up', {})], {
        settings: { siteId: SITE_ID, apiKey: API_KEY, region },
        script: answersInOrder([{ status: 200, body: {} }])
      })
      expect(run.requests).toEqual([])
      const [result] = run.results
      expect(result?.status).toBe('failed')
      const message = result?.status === 'failed' ? result.error.message : ''
      expect(message).toContain(`settings.region is not one of the hosts the destination declares (${built.usHost}, ${built.euHost})`)
      if (region !== '' && typeof region === 'string') expect(message).not.toContain(region)
    }
  })
})
