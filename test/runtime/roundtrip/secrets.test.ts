/**
 * Secrets over real HTTP: the API key and OAuth tokens reach the API where the .map puts them,
 * and never a result, an error (message, body excerpt, headers, toJSON) or a log line, even when
 * the API echoes them back in its body or headers.
 */
import { describe, expect, it } from 'vitest'
import type { DeliveryResult } from '../../../src/runtime/delivery/results.js'
import { routes, useApiServer, type ReceivedRequest, type Reply } from './support/api-server.js'
import { useGeneratedCrm } from './support/generated-crm.js'
import { API_KEY, startRuntime } from './support/runtime-setup.js'
import { identifyEvent, trackEvent } from '../core/support/events.js'
import { expectNoSecret, printableTexts } from '../core/support/secret-exposure.js'

const ACCESS_TOKEN = 'ya29.a0AfH6SMB-access'
const REFRESH_TOKEN = '1//0gRefresh-token-xyz'
const SECRETS = [API_KEY, ACCESS_TOKEN, REFRESH_TOKEN]
const auth = { accessToken: ACCESS_TOKEN, refreshToken: REFRESH_TOKEN }

const server = useApiServer()
const crm = useGeneratedCrm(server)

/** What a careless API sends back: the request's headers and body, and the tokens it knows, in its body and its headers. */
function echo(status: number): (request: ReceivedRequest) => Reply {
  return (request) => ({
    status,
    headers: { 'x-echo-authorization': String(request.headers.authorization), 'www-authenticate': `Bearer realm="crm", token="${ACCESS_TOKEN}"` },
    body: { error: 'rejected', headers: request.headers, body: request.body.toString('utf8'), tokens: [ACCESS_TOKEN, REFRESH_TOKEN, encodeURIComponent(API_KEY)] }
  })
}

async function deliver(status: number): Promise<{ results: DeliveryResult[]; logs: string[] }> {
  server.handle(routes({ '/v1/events': echo(status) }))
  const { runtime, logs } = startRuntime(crm, { auth })
  return { results: await runtime.send(trackEvent()), logs }
}

describe('secrets', () => {
  it('are sent to the API where the .map puts them', async () => {
    server.handle(routes({ '/v1/events': () => ({ status: 200, body: {} }) }))
    const { runtime } = startRuntime(crm, { auth })
    await runtime.send(trackEvent())
    expect(server.received[0]?.headers.authorization).toBe(`Bearer ${API_KEY}`)
  })

  for (const status of [400, 401, 422, 500]) {
    it(`stay out of the result, the error and the logs when a ${status} echoes them`, async () => {
      const { results, logs } = await deliver(status)
      expect(results.map((r) => r.status)).toEqual(['failed'])
      const error = results[0]?.status === 'failed' ? results[0].error : undefined
      expect(error?.toJSON()).toMatchObject({ status })
      // The echo is there, redacted: the test would be vacuous if the body never reached the error.
      expect(JSON.stringify(error?.toJSON())).toContain('[REDACTED]')
      expect(logs.length).toBeGreaterThan(0)
      expectNoSecret([...printableTexts(results), ...logs], SECRETS)
    })
  }

  it('stay out of per-item failures that echo them', async () => {
    server.handle(
      routes({ '/v1/events/batch': () => ({ status: 207, body: { results: [{ status: 403, message: `key ${API_KEY} cannot write; token ${ACCESS_TOKEN}` }] } }) })
    )
    const { runtime, logs } = startRuntime(crm, { auth, subscriptions: [{ trigger: 'type = "track"', action: 'trackEvent', batch: { size: 1 } }] })
    const results = await runtime.send(trackEvent())
    expect(results[0]?.status === 'failed' && results[0].error.message).toMatch(/batch item 0 rejected with status 403: key \[REDACTED\] cannot write; token \[REDACTED\]$/)
    expectNoSecret([...printableTexts(results), ...logs], SECRETS)
  })

  it('stay out of the debug log of a delivery that succeeds after retries', async () => {
    server.handle(
      routes({
        '/v1/objects/contacts/records': (_request, index) => (index === 0 ? { status: 503, body: { echo: API_KEY } } : { status: 200, body: { data: { id: 'r1' } } }),
        '/v1/contacts/*': () => ({ status: 201, body: {} })
      })
    )
    const { runtime, logs } = startRuntime(crm, { auth })
    expect((await runtime.send(identifyEvent()))[0]?.status).toBe('delivered')
    expect(logs.map((line) => line.split(' ').slice(0, 3).join(' '))).toEqual(['DEBUG http attempt', 'DEBUG http attempt', 'DEBUG http attempt'])
    expectNoSecret(logs, SECRETS)
  })
})

describe('secrets echoed in the encodings servers write', () => {
  const php = (text: string): string => JSON.stringify(text).slice(1, -1).replace(/\//g, '\\/')
  const bodies: [string, (key: string) => string, string][] = [
    ['PHP JSON (\\/)', (key) => `{"error":"invalid key ${php(key)}"}`, 'application/json'],
    ['Go JSON (\\u002b for +)', (key) => `{"error":"invalid key ${JSON.stringify(key).slice(1, -1).replace(/\+/g, '\\u002b')}"}`, 'application/json'],
    ['JSON inside JSON', (key) => JSON.stringify({ error: JSON.stringify({ request: { key } }) }), 'application/json'],
    ['an HTML error page', (key) => `<html><body><p>bad key: ${key.replace(/\//g, '&#x2F;').replace(/\+/g, '&plus;')}</p></body></html>`, 'text/html']
  ]
  for (const [how, body, contentType] of bodies) {
    it(`stay out of the error when a 400 echoes them as ${how}`, async () => {
      server.handle(routes({ '/v1/events': () => ({ status: 400, headers: { 'content-type': contentType }, body: body(API_KEY) }) }))
      const { runtime, logs } = startRuntime(crm)
      const results = await runtime.send(trackEvent())
      const error = results[0]?.status === 'failed' ? results[0].error : undefined
      const shown = JSON.stringify(error?.toJSON())
      expect(shown).toContain('[REDACTED]')
      // Decoded as a reader would decode it: the key is not there either.
      expect(shown.replace(/\\\//g, '/').replace(/&#x2F;/g, '/').replace(/&plus;/g, '+').replace(/\\\\/g, '\\').replace(/\\"/g, '"').replace(/\\u002b/g, '+')).not.toContain(API_KEY)
      expectNoSecret([...printableTexts(results), ...logs], [API_KEY])
    })
  }

})
