import { describe, expect, it } from 'vitest'
import {
  CancelledError,
  InvalidRequestError,
  NetworkError,
  RequestError,
  TimeoutError
} from '../../../src/runtime/errors/index.js'
import { createHttpClient, type HttpRequest } from '../../../src/runtime/http/index.js'
import { closedPort, json, resetMidBody, silence, stallMidBody, useLoopbackServer } from './support/loopback-server.js'
import { recordingSleep } from './support/recording-sleep.js'
import { rejectionOf } from './support/rejection.js'

const server = useLoopbackServer()

const location = { file: 'schematic.map', line: 17, column: 3 }

const failure = (promise: Promise<unknown>) => rejectionOf(promise, RequestError)

describe('a server that does not answer in time', () => {
  it('times out each attempt, retries, and fails with TimeoutError', async () => {
    server.script(silence, silence)
    const { sleep, delays } = recordingSleep()
    const client = createHttpClient({
      timeoutMs: 80,
      sleep,
      random: () => 0.5,
      retry: { maxAttempts: 2, baseDelayMs: 10 }
    })
    const started = performance.now()
    const error = await failure(
      client.send({ method: 'POST', url: `${server.origin}/slow`, headers: {}, body: '{}' }, { location })
    )
    expect(performance.now() - started).toBeLessThan(2000)
    expect(error).toBeInstanceOf(TimeoutError)
    expect(error.code).toBe('TIMEOUT')
    expect(error.retryable).toBe(true)
    expect(error.attempts).toBe(2)
    expect(error.message).toBe(
      `schematic.map:17:3 POST ${server.origin}/slow: no response within 80 ms (after 2 attempts)`
    )
    expect(server.received).toHaveLength(2)
    expect(delays).toEqual([5])
  })

  it('counts the body in the time limit, not only the headers', async () => {
    server.script(stallMidBody)
    const client = createHttpClient({ timeoutMs: 80, retry: { maxAttempts: 1 } })
    const error = await failure(client.send({ method: 'GET', url: `${server.origin}/half`, headers: {} }))
    expect(error).toBeInstanceOf(TimeoutError)
    expect(error.message).toBe(`GET ${server.origin}/half: no response within 80 ms`)
  })

  it('succeeds when a retry is answered', async () => {
    server.script(silence, json(200, { ok: 1 }))
    const client = createHttpClient({ timeoutMs: 80, sleep: recordingSleep().sleep, retry: { maxAttempts: 2 } })
    const response = await client.send({ method: 'GET', url: `${server.origin}/eventually`, headers: {} })
    expect(response.body).toEqual({ ok: 1 })
  })
})

describe('a connection that breaks', () => {
  it('is a NetworkError when reset mid-response, retried up to the last attempt', async () => {
    server.script(resetMidBody, resetMidBody, resetMidBody)
    const { sleep, delays } = recordingSleep()
    const client = createHttpClient({ sleep, random: () => 0.5, retry: { maxAttempts: 3, baseDelayMs: 100 } })
    const error = await failure(
      client.send({ method: 'GET', url: `${server.origin}/reset`, headers: {} }, { location })
    )
    expect(error).toBeInstanceOf(NetworkError)
    expect(error.code).toBe('NETWORK')
    expect(error.attempts).toBe(3)
    expect(error.message).toBe(
      `schematic.map:17:3 GET ${server.origin}/reset: network error (UND_ERR_SOCKET): ` +
        'the connection closed before the response was complete (after 3 attempts)'
    )
    expect(server.received).toHaveLength(3)
    expect(delays).toEqual([50, 100])
  })

  it('recovers when the server answers after a reset', async () => {
    server.script(resetMidBody, json(200, { recovered: true }))
    const client = createHttpClient({ sleep: recordingSleep().sleep })
    const response = await client.send({ method: 'GET', url: `${server.origin}/flaky`, headers: {} })
    expect(response.body).toEqual({ recovered: true })
    expect(server.received).toHaveLength(2)
  })

  it('is a NetworkError naming ECONNREFUSED when nothing listens', async () => {
    const port = await closedPort()
    const { sleep, delays } = recordingSleep()
    const client = createHttpClient({ sleep, random: () => 0.5, retry: { maxAttempts: 3, baseDelayMs: 100 } })
    const error = await failure(
      client.send({ method: 'GET', url: `http://127.0.0.1:${port}/x`, headers: {} }, { location })
    )
    expect(error).toBeInstanceOf(NetworkError)
    expect((error as NetworkError).systemCode).toBe('ECONNREFUSED')
    expect(error.attempts).toBe(3)
    expect(error.message).toBe(
      `schematic.map:17:3 GET http://127.0.0.1:${port}/x: network error: connect ECONNREFUSED 127.0.0.1:${port} (after 3 attempts)`
    )
    expect(delays).toEqual([50, 100])
    expect(error.toJSON()).toMatchObject({ code: 'NETWORK', systemCode: 'ECONNREFUSED', attempts: 3, retryable: true })
  })
})

describe('cancellation', () => {
  it('sends nothing when the signal has already fired', async () => {
    const controller = new AbortController()
    controller.abort()
    const client = createHttpClient()
    const error = await failure(
      client.send({ method: 'GET', url: `${server.origin}/never`, headers: {} }, { signal: controller.signal })
    )
    expect(error).toBeInstanceOf(CancelledError)
    expect(error.attempts).toBe(0)
    expect(error.retryable).toBe(false)
    expect(server.received).toHaveLength(0)
  })

  it('stops a request in flight without retrying it', async () => {
    server.script(silence)
    const controller = new AbortController()
    const { sleep, delays } = recordingSleep()
    const client = createHttpClient({ sleep, timeoutMs: 5000 })
    const pending = client.send(
      { method: 'GET', url: `${server.origin}/hang`, headers: {} },
      { signal: controller.signal }
    )
    setTimeout(() => controller.abort(), 30)
    const error = await failure(pending)
    expect(error).toBeInstanceOf(CancelledError)
    expect(error.message).toBe(`GET ${server.origin}/hang: cancelled`)
    expect(delays).toEqual([])
  })

  it('stops during the wait before a retry', async () => {
    server.script(json(503, {}))
    const controller = new AbortController()
    const client = createHttpClient({
      sleep: async (_ms, signal) => {
        controller.abort()
        signal?.throwIfAborted()
      }
    })
    const error = await failure(
      client.send({ method: 'GET', url: `${server.origin}/busy`, headers: {} }, { signal: controller.signal, location })
    )
    expect(error).toBeInstanceOf(CancelledError)
    expect(error.attempts).toBe(1)
    expect(error.message).toBe(`schematic.map:17:3 GET ${server.origin}/busy: cancelled`)
    expect(server.received).toHaveLength(1)
  })

  it('surfaces a failure of the injected sleep that is not a cancellation', async () => {
    server.script(json(503, {}))
    const client = createHttpClient({
      sleep: async () => {
        throw new RangeError('broken sleep')
      }
    })
    await expect(client.send({ method: 'GET', url: `${server.origin}/busy`, headers: {} })).rejects.toThrow(
      new RangeError('broken sleep')
    )
  })

  it('stops a real backoff wait promptly', async () => {
    server.script(json(503, {}))
    const controller = new AbortController()
    const client = createHttpClient({ random: () => 0.999, retry: { baseDelayMs: 60_000, maxDelayMs: 60_000 } })
    const pending = client.send(
      { method: 'GET', url: `${server.origin}/busy`, headers: {} },
      { signal: controller.signal }
    )
    setTimeout(() => controller.abort(), 50)
    const started = performance.now()
    expect(await failure(pending)).toBeInstanceOf(CancelledError)
    expect(performance.now() - started).toBeLessThan(2000)
  })
})

describe('requests that cannot be sent', () => {
  it('reports a port fetch refuses as a request to fix, without retrying or connecting', async () => {
    const { sleep, delays } = recordingSleep()
    const error = await failure(
      createHttpClient({ sleep }).send({ method: 'GET', url: 'http://127.0.0.1:1/x', headers: {} }, { location })
    )
    expect(error).toBeInstanceOf(InvalidRequestError)
    expect(error.message).toBe(
      'schematic.map:17:3 GET http://127.0.0.1:1/x: cannot be sent: port 1 is one fetch and browsers refuse to connect to (a port of another protocol)'
    )
    expect(delays).toEqual([])
  })

  const client = createHttpClient({ sleep: recordingSleep().sleep })
  const cases: Array<{ name: string; request: HttpRequest; reason: string }> = [
    {
      name: 'a relative URL',
      request: { method: 'GET', url: '/v2/objects', headers: {} },
      reason: 'the URL is not an absolute URL'
    },
    {
      name: 'a non-HTTP scheme',
      request: { method: 'GET', url: 'ftp://example.com/x', headers: {} },
      reason: 'the URL scheme "ftp" is not http or https'
    },
    {
      name: 'a header value with a line break',
      request: { method: 'GET', url: 'http://127.0.0.1:1/x', headers: { 'x-injected': 'a\r\nx-evil: 1' } },
      reason: 'the value of header "x-injected" contains characters a header cannot carry'
    },
    {
      name: 'a header name with a space',
      request: { method: 'GET', url: 'http://127.0.0.1:1/x', headers: { 'bad name': 'v' } },
      reason: 'the header name "bad name" is not valid'
    },
    {
      name: 'a GET with a body',
      request: { method: 'GET', url: 'http://127.0.0.1:1/x', headers: {}, body: '{}' },
      reason: 'a GET request cannot have a body'
    },
    {
      name: 'a forbidden method',
      request: { method: 'TRACE', url: 'http://127.0.0.1:1/x', headers: {} },
      reason: '"TRACE" is not a method that can be sent'
    }
  ]
  for (const { name, request, reason } of cases) {
    it(`rejects ${name} with InvalidRequestError before sending`, async () => {
      const error = await failure(client.send(request, { location }))
      expect(error).toBeInstanceOf(InvalidRequestError)
      expect(error.code).toBe('INVALID_REQUEST')
      expect(error.retryable).toBe(false)
      expect(error.message).toBe(
        `schematic.map:17:3 ${request.method} ${request.url.replace(/\?.*$/, '')}: cannot be sent: ${reason}`
      )
    })
  }
})
