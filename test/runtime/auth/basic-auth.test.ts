/**
 * `auth basic { username … password … }` sends `Authorization: Basic base64(user:password)` with
 * every request, compiled and interpreted alike, and the secret never shows in an error.
 */
import { afterAll, describe, expect, it } from 'vitest'
import type { CompiledDestination } from '../../../src/runtime/contract.js'
import { interpretDestination } from '../../../src/compiler/interpret/interpret.js'
import { buildAndLoad, compileOrThrow, removeBuilds, withInlineApi } from '../../support/build-destination.js'
import { event, runOne } from '../../support/harness.js'

const SUITE = 'basic-auth'
afterAll(() => removeBuilds(SUITE))

const api = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  oneOf: [{ $ref: '#/definitions/ping' }],
  definitions: {
    ping: {
      'x-mapc-endpoint': 'POST https://api.basic.test/v1/ping',
      type: 'object',
      required: ['method', 'url', 'headers'],
      properties: {
        method: { const: 'POST' },
        url: { const: 'https://api.basic.test/v1/ping' },
        headers: { type: 'object', required: ['authorization'], properties: { authorization: { type: 'string', pattern: '^Basic ' } } }
      }
    }
  }
}

const destination = (credentials: string) => `destination basic {
  title "Basic"
  setting siteId: string { label "Site ID" }
  setting apiKey: password required { label "API key" }
  auth basic { ${credentials} }
  action ping {
    title "Ping"
    trigger type = "track"
    field name: string { label "Name" default $.event }
    perform { send POST "https://api.basic.test/v1/ping" { json { name: name } } }
  }
}`

const builds = new Map<string, Promise<readonly [CompiledDestination, CompiledDestination]>>()
function both(credentials: string) {
  let built = builds.get(credentials)
  if (built === undefined) {
    const ir = compileOrThrow(destination(credentials), 'basic.map', withInlineApi('basic.map', api))
    built = buildAndLoad(ir, SUITE).then((b) => [b.destination, interpretDestination(ir)] as const)
    builds.set(credentials, built)
  }
  return built
}

const decode = (header: string | undefined) => Buffer.from((header ?? '').replace(/^Basic /, ''), 'base64').toString('utf8')

describe('auth basic', () => {
  it.each([
    ['username settings.siteId  password settings.apiKey', { siteId: 'site-1', apiKey: 'k€y:with:colons' }, 'site-1:k€y:with:colons'],
    ['username settings.apiKey', { apiKey: 'sk_live_1' }, 'sk_live_1:'],
    ['password settings.apiKey', { apiKey: 'sk_live_1' }, ':sk_live_1'],
    // A setting left empty is absent and sent as nothing, not as "undefined".
    ['username settings.siteId  password settings.apiKey', { apiKey: 'k' }, ':k']
  ])('%s with %j sends Basic %s', async (credentials, settings, expected) => {
    for (const built of await both(credentials)) {
      const { requests, result } = await runOne(built, 'ping', event('track', { event: 'Seen' }), { settings })
      expect(result.status).toBe('delivered')
      expect(requests).toHaveLength(1)
      const header = requests[0]?.headers['authorization']
      expect(header).toMatch(/^Basic [A-Za-z0-9+/]+=*$/)
      expect(decode(header)).toBe(expected)
    }
  })

  it('keeps the credentials out of an error the API answers with', async () => {
    const settings = { siteId: 'site-1', apiKey: 'sk_live_secret_42' }
    for (const built of await both('username settings.siteId  password settings.apiKey')) {
      const encoded = Buffer.from('site-1:sk_live_secret_42').toString('base64')
      const { result } = await runOne(built, 'ping', event('track', { event: 'Seen' }), {
        settings,
        responses: [{ status: 400, body: { error: `bad credentials Basic ${encoded}` } }]
      })
      expect(result.status).not.toBe('delivered')
      const text = JSON.stringify(result)
      expect(text).not.toContain('sk_live_secret_42')
      expect(text).not.toContain(encoded)
    }
  })
})
