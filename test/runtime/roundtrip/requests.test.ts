/**
 * The exact bytes a generated destination sends through the runtime and the real HTTP client to
 * a server on loopback: method, path and query, headers, body.
 */
import { describe, expect, it } from 'vitest'
import { routes, useApiServer, type ReceivedRequest } from './support/api-server.js'
import { useGeneratedCrm } from './support/generated-crm.js'
import { API_KEY, startRuntime } from './support/runtime-setup.js'
import { groupEvent, identifyEvent, trackEvent } from '../core/support/events.js'

const server = useApiServer()
const crm = useGeneratedCrm(server)

/** The headers mapc sets; fetch adds its own (host, user-agent, accept…), which are not mapc's to assert. */
function mapcHeaders(request: ReceivedRequest | undefined): Record<string, string | string[] | undefined> {
  const { authorization, 'content-type': contentType, 'content-length': contentLength, 'x-crm-source': source } = request?.headers ?? {}
  return Object.fromEntries(Object.entries({ authorization, 'content-type': contentType, 'content-length': contentLength, 'x-crm-source': source }).filter(([, v]) => v !== undefined))
}

describe('requests on the wire', () => {
  it('identify: key matching, then a request built from its response', async () => {
    server.handle(
      routes({
        '/v1/objects/contacts/records': () => ({ status: 201, body: { data: { id: 'rec 7/ü' } } }),
        '/v1/contacts/*': () => ({ status: 201, body: { ok: true } })
      })
    )
    const { runtime } = startRuntime(crm)
    const results = await runtime.send(identifyEvent({ traits: { email: 'zoe@example.com', name: 'Zoë Ünal', age: '36', vip: 'true', attributes: { tier: 'gold' } } }))
    expect(results).toEqual([{ destination: 'crm-test', action: 'identifyContact', subscription: 'Identify Contact', messageId: 'msg-identify-1', status: 'delivered', requests: 2 }])

    const [upsert, note] = server.received
    const upsertBody = '{"values":{"email":"zoe@example.com","external_id":"user-1","name":"Zoë Ünal","age":36,"vip":true,"seen_at":"2024-03-01T10:00:00.000Z","tier":"gold"}}'
    expect(upsert?.method).toBe('PUT')
    expect(upsert?.target).toBe('/v1/objects/contacts/records?matching_attribute=email&region=eu')
    expect(mapcHeaders(upsert)).toEqual({
      authorization: `Bearer ${API_KEY}`,
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(upsertBody))
    })
    expect(upsert?.body.equals(Buffer.from(upsertBody, 'utf8'))).toBe(true)

    expect(note?.method).toBe('POST')
    expect(note?.target).toBe('/v1/contacts/rec%207%2F%C3%BC/notes')
    expect(mapcHeaders(note)).toEqual({ authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json', 'content-length': '31', 'x-crm-source': 'mapc' })
    expect(note?.body.toString('utf8')).toBe('{"text":"identified as user-1"}')
    expect(server.received).toHaveLength(2)
  })

  it('track: a query parameter, and a body from a shape', async () => {
    const { runtime } = startRuntime(crm)
    const [result] = await runtime.send(trackEvent({ userId: 12345, context: { traits: { email: 'a@example.com' } }, timestamp: '2024-03-01T10:00:00' }))
    expect(result?.status).toBe('delivered')
    const [request] = server.received
    expect(request?.method).toBe('POST')
    expect(request?.target).toBe('/v1/events?source=segment')
    expect(request?.body.toString('utf8')).toBe(
      '{"name":"Order Completed","user":{"id":"12345","email":"a@example.com"},"occurred_at":"2024-03-01T10:00:00.000Z","properties":{"total":42.5,"currency":"EUR"}}'
    )
  })

  it('group: a path part percent-encoded', async () => {
    const { runtime } = startRuntime(crm, { settings: { apiKey: API_KEY }, subscriptions: [{ trigger: 'type = "group"', action: 'groupAccount' }] })
    const [result] = await runtime.send(groupEvent({ groupId: 'acct 1/b?c' }))
    expect(result?.status).toBe('delivered')
    const [request] = server.received
    expect(request?.method).toBe('PUT')
    expect(request?.target).toBe('/v1/accounts/acct%201%2Fb%3Fc')
    expect(request?.body.toString('utf8')).toBe('{"name":"Analytical Engines Ltd"}')
  })

  it('a path part stays one segment: a field holding "." or ".." is refused naming the field, and nothing is sent', async () => {
    const { runtime } = startRuntime(crm, { settings: { apiKey: API_KEY }, subscriptions: [{ trigger: 'type = "group"', action: 'groupAccount' }] })
    for (const groupId of ['..', '.']) {
      const [result] = await runtime.send(groupEvent({ groupId }))
      expect(result?.status).toBe('failed')
      const error = result?.status === 'failed' ? result.error : undefined
      expect(error?.code).toBe('PAYLOAD_VALIDATION')
      expect((error as { issues?: { field: string }[] } | undefined)?.issues?.map((i) => i.field)).toEqual(['account_id'])
      expect(error?.message).toContain(`field account_id (Account ID): goes into the request's URL path, where it must be one segment, but it is ${JSON.stringify(groupId)}`)
    }
    expect(server.received).toEqual([])
    // Percent signs are data, not escapes: `%2e%2e` is sent as `%252e%252e`, which no parser reads as `..`.
    const [encoded] = await runtime.send(groupEvent({ groupId: '%2e%2e' }))
    expect(encoded?.status).toBe('delivered')
    expect(server.received.map((r) => r.target)).toEqual(['/v1/accounts/%252e%252e'])
  })

  it('a path part read from a response that would move the path is refused before the request, the URL shown as written', async () => {
    server.handle(routes({ '/v1/objects/contacts/records': () => ({ status: 200, body: { data: { id: '..' } } }) }))
    const { runtime } = startRuntime(crm)
    const [result] = await runtime.send(identifyEvent())
    expect(result?.status).toBe('failed')
    const error = result?.status === 'failed' ? result.error : undefined
    expect(error?.code).toBe('INVALID_REQUEST')
    expect(error?.message).toMatch(/POST http:\/\/127\.0\.0\.1:\d+\/v1\/contacts\/\{contact\.data\.id\}\/notes: cannot be sent: contact\.data\.id is "\.\.", a dot segment that would move the URL path$/)
    expect(server.received.map((r) => r.target)).toEqual(['/v1/objects/contacts/records?matching_attribute=email&region=eu'])
  })

  it('an optional setting that is not set is left out of the query', async () => {
    server.handle(routes({ '/v1/objects/contacts/records': () => ({ status: 200, body: { data: { id: 'r1' } } }), '/v1/contacts/*': () => ({ status: 200, body: {} }) }))
    const { runtime } = startRuntime(crm, { settings: { apiKey: API_KEY } })
    expect((await runtime.send(identifyEvent()))[0]?.status).toBe('delivered')
    expect(server.received[0]?.target).toBe('/v1/objects/contacts/records?matching_attribute=email')
  })

  it('subscriptions with mapc expressions and Segment mappings shape what is sent', async () => {
    const { runtime } = startRuntime(crm, {
      subscriptions: [
        {
          name: 'orders',
          trigger: 'type = "track" and event = "Order Completed"',
          action: 'trackEvent',
          mapping: { event_name: '`order: {lower($.properties.currency)}`', email: '$.properties.buyer ?? "unknown@example.com"' },
          segmentMapping: { properties: { total: { '@path': '$.properties.total' } } },
          useDefaultMappings: true
        }
      ]
    })
    const [result] = await runtime.send(trackEvent())
    expect(result).toMatchObject({ subscription: 'orders', status: 'delivered' })
    expect(server.bodiesAt('/v1/events')).toEqual([
      { name: 'order: eur', user: { id: 'user-1', email: 'unknown@example.com' }, occurred_at: '2024-03-01T10:00:00.000Z', properties: { total: 42.5 } }
    ])
  })
})
