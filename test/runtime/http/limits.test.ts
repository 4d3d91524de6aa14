/**
 * The client's bounds against a real loopback server: open connections per origin, and the size
 * of a success body (error bodies are cut for their excerpt; see request-bytes.test.ts).
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ResponseTooLargeError } from '../../../src/runtime/errors/index.js'
import { createHttpClient } from '../../../src/runtime/http/index.js'
import { rejectionOf } from './support/rejection.js'

/** A server that answers after a short wait and records how many connections were open at once. */
function countingServer() {
  const open = new Set<Socket>()
  const state = { connections: 0, mostOpen: 0, requests: 0 }
  const bodies = new Map<string, { body: Buffer; chunked: boolean }>()
  const server: Server = createServer((request, response) => {
    state.requests++
    request.resume()
    request.on('end', () => {
      const canned = bodies.get(request.url ?? '')
      setTimeout(() => {
        if (canned === undefined) return response.writeHead(200, { 'content-type': 'application/json' }).end('{}')
        response.writeHead(200, { 'content-type': 'application/json', ...(canned.chunked ? {} : { 'content-length': canned.body.length }) })
        if (canned.chunked) {
          for (let i = 0; i < canned.body.length; i += 1000) response.write(canned.body.subarray(i, i + 1000))
          response.end()
        } else response.end(canned.body)
      }, 2)
    })
  })
  server.on('connection', (socket) => {
    state.connections++
    open.add(socket)
    state.mostOpen = Math.max(state.mostOpen, open.size)
    socket.on('close', () => open.delete(socket))
  })
  let origin = ''
  return {
    state,
    bodies,
    get origin() {
      return origin
    },
    listen: () => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => {
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      resolve()
    })),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  }
}

const server = countingServer()
beforeAll(() => server.listen())
afterAll(() => server.close())

describe('connections', () => {
  it('are at most `connections` per origin, kept alive and reused, however many requests are sent at once', async () => {
    const before = server.state.connections
    const client = createHttpClient({ connections: 4, retry: { maxAttempts: 1 } })
    const sends = Array.from({ length: 300 }, (_, i) => client.send({ method: 'POST', url: `${server.origin}/events?i=${i}`, headers: {}, body: '{}' }))
    const responses = await Promise.all(sends)
    expect(responses.every((r) => r.status === 200)).toBe(true)
    expect(server.state.connections - before).toBeLessThanOrEqual(4)
    expect(server.state.mostOpen).toBeLessThanOrEqual(4)
    await client.close()
  })

  it('refuses a connection count that is not a positive integer', () => {
    expect(() => createHttpClient({ connections: 0 })).toThrow(/connections/)
  })
})

describe('a success body', () => {
  const client = createHttpClient({ maxResponseBytes: 4096, sleep: async () => undefined })
  const big = Buffer.from(JSON.stringify({ data: 'x'.repeat(10_000) }))

  for (const chunked of [false, true]) {
    it(`past maxResponseBytes fails with RESPONSE_TOO_LARGE and is not retried (${chunked ? 'chunked' : 'with a content-length'})`, async () => {
      const path = `/big-${chunked ? 'chunked' : 'sized'}`
      server.bodies.set(path, { body: big, chunked })
      const requestsBefore = server.state.requests
      const error = await rejectionOf(client.send({ method: 'GET', url: `${server.origin}${path}`, headers: {} }, { location: { file: 'attio.map', line: 9, column: 3 } }), ResponseTooLargeError)
      expect(error.code).toBe('RESPONSE_TOO_LARGE')
      expect(error.retryable).toBe(false)
      expect(error.message).toBe(`attio.map:9:3 GET ${server.origin}${path}: the 200 response's body is larger than the 4096-byte limit (maxResponseBytes)`)
      expect(error.toJSON()).toMatchObject({ status: 200, limitBytes: 4096, attempts: 1 })
      expect(server.state.requests - requestsBefore).toBe(1)
    })
  }

  it('up to the limit is read whole', async () => {
    const exact = Buffer.from(JSON.stringify({ data: 'y'.repeat(4096 - 11) }))
    expect(exact.length).toBe(4096)
    server.bodies.set('/exact', { body: exact, chunked: true })
    const response = await client.send({ method: 'GET', url: `${server.origin}/exact`, headers: {} })
    expect(response.text).toBe(exact.toString())
  })

  it('is bounded the same way through a caller-supplied fetch', async () => {
    server.bodies.set('/big-fetch', { body: big, chunked: true })
    const viaFetch = createHttpClient({ maxResponseBytes: 4096, fetch: globalThis.fetch })
    const error = await rejectionOf(viaFetch.send({ method: 'GET', url: `${server.origin}/big-fetch`, headers: {} }), ResponseTooLargeError)
    expect(error.limitBytes).toBe(4096)
  })
})
