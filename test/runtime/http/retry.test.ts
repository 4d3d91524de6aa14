import { describe, expect, it } from 'vitest'
import {
  AuthenticationError,
  ClientError,
  HttpError,
  RateLimitError,
  ServerError,
  UnexpectedStatusError
} from '../../../src/runtime/errors/index.js'
import { createHttpClient, type HttpClientOptions } from '../../../src/runtime/http/index.js'
import { json, useLoopbackServer, text } from './support/loopback-server.js'
import { recordingSleep } from './support/recording-sleep.js'
import { rejectionOf } from './support/rejection.js'

const server = useLoopbackServer()

const location = { file: 'attio.map', line: 42, column: 5 }
const path = '/v2/objects/people/records/simple'

function client(options: HttpClientOptions = {}) {
  const recorded = recordingSleep()
  const http = createHttpClient({
    sleep: recorded.sleep,
    random: () => 0.5,
    ...options,
    retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 60_000, ...options.retry }
  })
  const send = () =>
    http.send(
      { method: 'PUT', url: `${server.origin}${path}?matching_attribute=email_addresses`, headers: {}, body: '{}' },
      { location }
    )
  return { send, delays: recorded.delays }
}

describe('statuses that are retried', () => {
  const cases = [
    { status: 408, type: ClientError, code: 'CLIENT_ERROR', reason: 'Request Timeout' },
    { status: 429, type: RateLimitError, code: 'RATE_LIMIT', reason: 'Too Many Requests' },
    { status: 500, type: ServerError, code: 'SERVER_ERROR', reason: 'Internal Server Error' },
    { status: 502, type: ServerError, code: 'SERVER_ERROR', reason: 'Bad Gateway' },
    { status: 503, type: ServerError, code: 'SERVER_ERROR', reason: 'Service Unavailable' },
    { status: 504, type: ServerError, code: 'SERVER_ERROR', reason: 'Gateway Timeout' }
  ] as const

  for (const { status, type, code, reason } of cases) {
    it(`${status}: succeeds when a retry does`, async () => {
      server.script(json(status, { error: 'later' }), json(200, { ok: true }))
      const { send, delays } = client()
      const response = await send()
      expect(response.body).toEqual({ ok: true })
      expect(server.received).toHaveLength(2)
      expect(delays).toEqual([50])
    })

    it(`${status}: fails with ${type.name} after the last attempt`, async () => {
      server.script(json(status, {}), json(status, {}), json(status, {}))
      const { send, delays } = client()
      const httpError = await rejectionOf(send(), HttpError)
      expect(httpError).toBeInstanceOf(type)
      expect(httpError.code).toBe(code)
      expect(httpError.status).toBe(status)
      expect(httpError.attempts).toBe(3)
      expect(httpError.retryable).toBe(true)
      expect(httpError.message).toBe(
        `attio.map:42:5 PUT ${server.origin}${path}: ${status} ${reason} (after 3 attempts)`
      )
      expect(server.received).toHaveLength(3)
      expect(delays).toEqual([50, 100])
    })
  }
})

describe('statuses that are not retried', () => {
  const cases = [
    { status: 400, type: ClientError, code: 'CLIENT_ERROR', reason: 'Bad Request' },
    { status: 401, type: AuthenticationError, code: 'AUTHENTICATION', reason: 'Unauthorized' },
    { status: 403, type: AuthenticationError, code: 'AUTHENTICATION', reason: 'Forbidden' },
    { status: 404, type: ClientError, code: 'CLIENT_ERROR', reason: 'Not Found' },
    { status: 409, type: ClientError, code: 'CLIENT_ERROR', reason: 'Conflict' },
    { status: 422, type: ClientError, code: 'CLIENT_ERROR', reason: 'Unprocessable Entity' }
  ] as const

  for (const { status, type, code, reason } of cases) {
    it(`${status}: fails at once with ${type.name}`, async () => {
      server.script(json(status, { message: 'no' }))
      const { send, delays } = client()
      const error = await rejectionOf(send(), HttpError)
      expect(error).toBeInstanceOf(type)
      expect(error.code).toBe(code)
      expect(error.retryable).toBe(false)
      expect(error.attempts).toBe(1)
      expect(error.message).toBe(`attio.map:42:5 PUT ${server.origin}${path}: ${status} ${reason}`)
      expect(error.bodyExcerpt).toBe('{"message":"no"}')
      expect(error.url).toBe(`${server.origin}${path}?matching_attribute=email_addresses`)
      expect(error.location).toEqual(location)
      expect(server.received).toHaveLength(1)
      expect(delays).toEqual([])
    })
  }

  it('reports a redirect instead of following it', async () => {
    server.script((response) => {
      response.writeHead(302, { location: `${server.origin}/elsewhere` })
      response.end()
    })
    const error = await rejectionOf(client().send(), UnexpectedStatusError)
    expect(error.code).toBe('HTTP_STATUS')
    expect(error.message).toBe(`attio.map:42:5 PUT ${server.origin}${path}: 302 Found`)
    expect(error.responseHeaders.location).toBe(`${server.origin}/elsewhere`)
    expect(server.received.map((request) => request.target)).toEqual([`${path}?matching_attribute=email_addresses`])
  })

  it('does no retries at all with maxAttempts 1, whatever the status', async () => {
    server.script(json(503, {}))
    const { send, delays } = client({ retry: { maxAttempts: 1 } })
    const error = await rejectionOf(send(), ServerError)
    expect(error.attempts).toBe(1)
    expect(error.message).toBe(`attio.map:42:5 PUT ${server.origin}${path}: 503 Service Unavailable`)
    expect(delays).toEqual([])
    expect(server.received).toHaveLength(1)
  })
})

describe('Retry-After', () => {
  const dated = (iso: string) => () => Date.parse(iso)
  const cases: Array<{ name: string; status: number; header: string; now?: () => number; expected: number }> = [
    { name: 'waits the number of seconds given', status: 429, header: '7', expected: 7000 },
    {
      name: 'waits until the HTTP date given',
      status: 429,
      header: 'Wed, 21 Oct 2015 07:28:00 GMT',
      now: dated('2015-10-21T07:27:53Z'),
      expected: 7000
    },
    {
      name: 'does not wait for a date already past',
      status: 429,
      header: 'Wed, 21 Oct 2015 07:28:00 GMT',
      now: dated('2015-10-21T07:30:00Z'),
      expected: 0
    },
    { name: 'waits no longer than maxRetryAfterMs', status: 429, header: '3600', expected: 60_000 },
    { name: 'is honoured on a 503 too', status: 503, header: '2', expected: 2000 }
  ]
  for (const { name, status, header, now, expected } of cases) {
    it(name, async () => {
      server.script(json(status, {}, { 'retry-after': header }), json(200, {}))
      const { send, delays } = client(now === undefined ? {} : { now })
      await send()
      expect(delays).toEqual([expected])
      expect(server.received).toHaveLength(2)
    })
  }

  it('falls back to backoff when unusable, and reports the wait on the final error', async () => {
    server.script(json(429, {}, { 'retry-after': 'soon' }), json(429, {}, { 'retry-after': '5' }))
    const { send, delays } = client({ retry: { maxAttempts: 2 } })
    const error = await rejectionOf(send(), RateLimitError)
    expect(delays).toEqual([50])
    expect(error.retryAfterMs).toBe(5000)
    expect(error.toJSON().retryAfterMs).toBe(5000)
  })
})

describe('backoff between attempts', () => {
  it('doubles the ceiling with each retry up to maxDelayMs, scaled by the jitter', async () => {
    server.script(...Array.from({ length: 6 }, () => text(500, 'down')))
    const { send, delays } = client({
      random: () => 0.999,
      retry: { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 1000 }
    })
    const error = await rejectionOf(send(), ServerError)
    expect(error.attempts).toBe(6)
    expect(delays).toEqual([99, 199, 399, 799, 999])
  })

  it('waits nothing when the jitter draws zero', async () => {
    server.script(text(500, 'down'), json(200, {}))
    const { send, delays } = client({ random: () => 0 })
    await send()
    expect(delays).toEqual([0])
  })
})
