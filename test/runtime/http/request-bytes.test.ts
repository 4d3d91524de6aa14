import { describe, expect, it } from 'vitest'
import { createHttpClient } from '../../../src/runtime/http/index.js'
import { json, useLoopbackServer, text } from './support/loopback-server.js'

const server = useLoopbackServer()

describe('what arrives at the server', () => {
  it('sends the method, path and query, headers and body bytes exactly as given', async () => {
    const client = createHttpClient({ retry: { maxAttempts: 1 } })
    const body = '{"data":{"values":{"email_addresses":"zoë@example.com"}}}'
    await client.send({
      method: 'PUT',
      url: `${server.origin}/v2/objects/people/records/simple?matching_attribute=email_addresses&append_to_existing_values=true`,
      headers: { authorization: 'Bearer tok_1', 'content-type': 'application/json', 'X-Trace': 'abc' },
      body
    })
    expect(server.received).toHaveLength(1)
    const [request] = server.received
    expect(request?.method).toBe('PUT')
    expect(request?.target).toBe(
      '/v2/objects/people/records/simple?matching_attribute=email_addresses&append_to_existing_values=true'
    )
    expect(request?.headers.authorization).toBe('Bearer tok_1')
    expect(request?.headers['content-type']).toBe('application/json')
    expect(request?.headers['x-trace']).toBe('abc')
    expect(request?.headers['content-length']).toBe(String(Buffer.byteLength(body, 'utf8')))
    expect(request?.body.equals(Buffer.from(body, 'utf8'))).toBe(true)
  })

  it('adds no content-type of its own to a body sent without one', async () => {
    const client = createHttpClient({ retry: { maxAttempts: 1 } })
    await client.send({ method: 'POST', url: `${server.origin}/raw`, headers: {}, body: 'plain words' })
    expect(server.received[0]?.headers['content-type']).toBeUndefined()
    expect(server.received[0]?.body.toString('utf8')).toBe('plain words')
  })

  it('sends a request without a body with no body at all', async () => {
    const client = createHttpClient({ retry: { maxAttempts: 1 } })
    await client.send({ method: 'GET', url: `${server.origin}/v1/token`, headers: {} })
    expect(server.received[0]?.method).toBe('GET')
    expect(server.received[0]?.body.length).toBe(0)
  })
})

describe('the response', () => {
  const client = createHttpClient({ retry: { maxAttempts: 1 } })
  const send = () => client.send({ method: 'GET', url: `${server.origin}/r`, headers: {} })

  it('parses a JSON body and keeps the text and lower-case headers', async () => {
    server.script(json(201, { data: { id: { record_id: 'r1' } } }, { 'X-Request-Id': 'req-9' }))
    const response = await send()
    expect(response.status).toBe(201)
    expect(response.statusText).toBe('Created')
    expect(response.body).toEqual({ data: { id: { record_id: 'r1' } } })
    expect(response.text).toBe('{"data":{"id":{"record_id":"r1"}}}')
    expect(response.headers['x-request-id']).toBe('req-9')
    expect(response.headers['content-type']).toBe('application/json')
  })

  it('reads a success body whole, however far past the limit on error bodies', async () => {
    const records = Array.from({ length: 50 }, (_, i) => ({ id: `r${i}` }))
    server.script(json(200, { data: records }))
    const limited = createHttpClient({ retry: { maxAttempts: 1 }, errorBodyLimitBytes: 16 })
    const response = await limited.send({ method: 'GET', url: `${server.origin}/r`, headers: {} })
    expect(response.body).toEqual({ data: records })
  })

  it('keeps a text body as text', async () => {
    server.script(text(200, 'OK, accepted'))
    const response = await send()
    expect(response.body).toBe('OK, accepted')
  })

  it('parses JSON sent as text/plain when it is an object or array', async () => {
    server.script(text(200, '[{"status":"ok"}]'))
    expect((await send()).body).toEqual([{ status: 'ok' }])
  })

  it('keeps a body that claims JSON but does not parse as text', async () => {
    server.script((response) => {
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end('{"cut')
    })
    expect((await send()).body).toBe('{"cut')
  })

  it('gives an empty body as the empty string', async () => {
    server.script((response) => {
      response.writeHead(204)
      response.end()
    })
    const response = await send()
    expect(response.status).toBe(204)
    expect(response.body).toBe('')
    expect(response.text).toBe('')
  })

  it('decodes the body in the charset the content type names', async () => {
    server.script((response) => {
      response.writeHead(200, { 'content-type': 'text/plain; charset=iso-8859-1' })
      response.end(Buffer.from([0x63, 0x61, 0x66, 0xe9]))
    })
    expect((await send()).body).toBe('café')
  })
})
