/**
 * Retries, timeouts and HTTP errors through the runtime and the real client: which statuses are
 * sent again and how often, how long a Retry-After is honoured, and what each failure becomes.
 */
import { describe, expect, it } from 'vitest'
import type { DeliveryResult } from '../../../src/runtime/delivery/results.js'
import { AuthenticationError, ClientError, RateLimitError, ServerError, TimeoutError } from '../../../src/runtime/errors/index.js'
import { routes, useApiServer, type Handler } from './support/api-server.js'
import { useGeneratedCrm } from './support/generated-crm.js'
import { FAST_HTTP, startRuntime } from './support/runtime-setup.js'
import { identifyEvent, trackEvent } from '../core/support/events.js'

const server = useApiServer()
const crm = useGeneratedCrm(server)

/** Answers the n-th request (0-based) with `replies[n]`, and 200 once they run out. */
function sequence(...replies: ReturnType<Handler>[]): Handler {
  return (_request, index) => replies[index] ?? { status: 200, body: {} }
}

async function sendTrack(http = FAST_HTTP): Promise<DeliveryResult> {
  const { runtime } = startRuntime(crm, { http })
  const [result] = await runtime.send(trackEvent())
  if (!result) throw new Error('the track event fired no subscription')
  return result
}

function failedWith(result: DeliveryResult): Extract<DeliveryResult, { status: 'failed' }>['error'] {
  if (result.status !== 'failed') throw new Error(`expected a failure, got ${JSON.stringify(result)}`)
  return result.error
}

describe('retries', () => {
  it('sends again after a 429, waiting as Retry-After says up to the configured cap', async () => {
    server.handle(sequence({ status: 429, headers: { 'retry-after': '1' }, body: { error: 'slow down' } }))
    const result = await sendTrack()
    expect(result).toMatchObject({ status: 'delivered', requests: 1 })
    expect(server.received).toHaveLength(2)
    const [first, second] = server.received
    // Retry-After: 1 asks for 1000 ms; maxRetryAfterMs caps it at 50.
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(45)
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeLessThan(900)
    expect(second?.body.equals(first?.body ?? Buffer.alloc(0))).toBe(true)
  })

  it('sends again after a 503, and again, up to maxAttempts', async () => {
    server.handle(sequence({ status: 503 }, { status: 502, body: 'bad gateway' }))
    expect(await sendTrack()).toMatchObject({ status: 'delivered' })
    expect(server.received).toHaveLength(3)
  })

  it('gives up after maxAttempts with the last error, saying how many attempts were made', async () => {
    server.handle(() => ({ status: 503, body: { error: 'maintenance' } }))
    const error = failedWith(await sendTrack())
    expect(error).toBeInstanceOf(ServerError)
    expect(error.toJSON()).toMatchObject({ code: 'SERVER_ERROR', status: 503, attempts: 3, retryable: true, body: '{"error":"maintenance"}' })
    expect(error.message).toBe(`${crm.mapFile}:${crm.lineOf('/v1/events" {')}:12 POST ${server.origin}/v1/events: 503 Service Unavailable (after 3 attempts)`)
    expect(server.received).toHaveLength(3)
  })

  it('reports a 429 that outlasts the attempts as a rate limit', async () => {
    server.handle(() => ({ status: 429, headers: { 'retry-after': '0' } }))
    const error = failedWith(await sendTrack())
    expect(error).toBeInstanceOf(RateLimitError)
    expect(error.toJSON()).toMatchObject({ code: 'RATE_LIMIT', retryAfterMs: 0, attempts: 3 })
  })

  it('does not send a 400 again: the request itself is wrong', async () => {
    server.handle(() => ({ status: 400, body: { error: 'name is too long' } }))
    const error = failedWith(await sendTrack())
    expect(error).toBeInstanceOf(ClientError)
    expect(error.toJSON()).toMatchObject({ code: 'CLIENT_ERROR', status: 400, attempts: 1, retryable: false, body: '{"error":"name is too long"}' })
    expect(server.received).toHaveLength(1)
  })

  it('reports a 401 as an authentication failure, without sending it again', async () => {
    server.handle(() => ({ status: 401, body: { error: 'invalid api key' } }))
    const error = failedWith(await sendTrack())
    expect(error).toBeInstanceOf(AuthenticationError)
    expect(error.code).toBe('AUTHENTICATION')
    expect(error.retryable).toBe(false)
    expect(server.received).toHaveLength(1)
  })

  it('retries only the step that failed: an earlier step of the same event is not repeated', async () => {
    server.handle(
      routes({
        '/v1/objects/contacts/records': () => ({ status: 200, body: { data: { id: 'r1' } } }),
        '/v1/contacts/*': (_request, index) => (index < 2 ? { status: 500 } : { status: 201, body: {} })
      })
    )
    const { runtime } = startRuntime(crm)
    expect((await runtime.send(identifyEvent()))[0]).toMatchObject({ status: 'delivered', requests: 2 })
    expect(server.received.map((r) => `${r.method} ${r.target.split('?')[0]}`)).toEqual(['PUT /v1/objects/contacts/records', 'POST /v1/contacts/r1/notes', 'POST /v1/contacts/r1/notes'])
  })
})

describe('timeouts', () => {
  it('fail an attempt the server never answers, and are retried like a network failure', async () => {
    server.handle(() => 'silence')
    // 400 ms, not less: under load a connection can take longer than a short timeout to reach the
    // server, and the attempt then times out before the server has seen it.
    const error = failedWith(await sendTrack({ timeoutMs: 400, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 } }))
    expect(error).toBeInstanceOf(TimeoutError)
    expect(error.toJSON()).toMatchObject({ code: 'TIMEOUT', timeoutMs: 400, attempts: 2, retryable: true })
    expect(error.message).toMatch(/POST http:\/\/127\.0\.0\.1:\d+\/v1\/events: no response within 400 ms \(after 2 attempts\)$/)
    expect(server.received).toHaveLength(2)
  })
})
