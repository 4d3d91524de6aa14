/**
 * What a worker does with a message once its attempt has results: ack, nak with which delay,
 * or term; which targets are dead-lettered and why; what the ledger remembers for the next
 * delivery; and the message's final outcome. Failures are the runtime's own error classes.
 */
import { describe, expect, test } from 'vitest'
import { AuthenticationError, CancelledError, ClientError, NetworkError, PayloadValidationError, RateLimitError, ServerError, TimeoutError, type DeliveryResult } from '../../src/runtime/index.js'
import { decideOutcome, isRetryable, type FailedResult, type OutcomeContext } from '../../src/scale-out/attempt-outcome.js'
import { EMPTY_ENTRY, targetKey, type LedgerEntry } from '../../src/scale-out/delivered-ledger.js'

const request = { method: 'POST', url: 'https://api.example.com/v1/things' }
const A = { destination: 'attio', subscription: 'identify' }
const M = { destination: 'matilda', subscription: 'track' }

const delivered = (t = A): DeliveryResult => ({ ...t, action: 'a', status: 'delivered', requests: 1 })
const skipped = (t = A): DeliveryResult => ({ ...t, action: 'a', status: 'skipped', reason: 'no email', location: { file: 'x.map', line: 1, column: 1 } as never })
const failed = (error: FailedResult['error'], t = A): FailedResult => ({ ...t, action: 'a', status: 'failed', error, requests: 1 })

/** The delays asked for, so a test sees which attempt and Retry-After reached the policy. */
function context(results: DeliveryResult[], overrides: Partial<OutcomeContext> = {}): OutcomeContext & { asked: [number, number | undefined][] } {
  const asked: [number, number | undefined][] = []
  return {
    previous: { ...EMPTY_ENTRY },
    results,
    deliveryCount: 1,
    maxDeliver: 3,
    retryDelayMs: (attempt, retryAfterMs) => {
      asked.push([attempt, retryAfterMs])
      return retryAfterMs ?? attempt * 100
    },
    asked,
    ...overrides
  }
}

describe('isRetryable', () => {
  test("429, 5xx, timeouts, network errors and a shutdown's cancellation are retryable; other 4xx and validation are not", () => {
    expect(isRetryable(failed(new RateLimitError({ ...request, status: 429 })))).toBe(true)
    expect(isRetryable(failed(new ServerError({ ...request, status: 503 })))).toBe(true)
    expect(isRetryable(failed(new TimeoutError({ ...request, timeoutMs: 100 })))).toBe(true)
    expect(isRetryable(failed(new NetworkError({ ...request, reason: 'socket hang up', systemCode: 'ECONNRESET' })))).toBe(true)
    expect(isRetryable(failed(new CancelledError(request)))).toBe(true)
    expect(isRetryable(failed(new ClientError({ ...request, status: 422 })))).toBe(false)
    expect(isRetryable(failed(new ClientError({ ...request, status: 408 })))).toBe(true)
    expect(isRetryable(failed(new AuthenticationError({ ...request, status: 401 })))).toBe(false)
    expect(isRetryable(failed(new PayloadValidationError([{ path: ['email'], message: 'is required' }] as never)))).toBe(false)
  })
})

describe('decideOutcome', () => {
  test('every target delivered: ack, nothing pending, delivered', () => {
    const outcome = decideOutcome(context([delivered(A), delivered(M)]))
    expect(outcome).toEqual({ action: { kind: 'ack' }, entry: { state: 'settled', done: [targetKey(A), targetKey(M)], pending: [], deadLettered: [] }, deadLetters: [], final: 'delivered' })
  })

  test('every target skipped: ack, skipped; no target fired: ack, firedNothing', () => {
    expect(decideOutcome(context([skipped(A), skipped(M)]))).toMatchObject({ action: { kind: 'ack' }, final: 'skipped', deadLetters: [] })
    expect(decideOutcome(context([]))).toMatchObject({ action: { kind: 'ack' }, final: 'firedNothing', entry: { done: [], pending: [] } })
  })

  test("a 429 with attempts left: nak with the server's Retry-After; the target is pending, a delivered one is done", () => {
    const c = context([delivered(A), failed(new RateLimitError({ ...request, status: 429, retryAfterMs: 1500 }), M)], { deliveryCount: 2 })
    const outcome = decideOutcome(c)
    expect(outcome).toEqual({ action: { kind: 'nak', delayMs: 1500 }, entry: { state: 'settled', done: [targetKey(A)], pending: [M], deadLettered: [] }, deadLetters: [], final: undefined })
    expect(c.asked).toEqual([[2, 1500]])
  })

  test('several retryable failures: the longest of their delays', () => {
    const c = context([failed(new ServerError({ ...request, status: 502 }), A), failed(new RateLimitError({ ...request, status: 429, retryAfterMs: 50 }), M)], { deliveryCount: 2 })
    expect(decideOutcome(c).action).toEqual({ kind: 'nak', delayMs: 200 })
    expect(c.asked).toEqual([[2, undefined], [2, 50]])
  })

  test('a retryable failure on the last delivery: dead letter for max_deliver, term', () => {
    const error = new ServerError({ ...request, status: 500 })
    const outcome = decideOutcome(context([delivered(A), failed(error, M)], { deliveryCount: 3, maxDeliver: 3 }))
    expect(outcome.action).toEqual({ kind: 'term' })
    expect(outcome.deadLetters).toEqual([{ result: failed(error, M), reason: 'max_deliver' }])
    expect(outcome.entry).toEqual({ state: 'settled', done: [targetKey(A)], pending: [], deadLettered: [targetKey(M)] })
    expect(outcome.final).toBe('deadLettered')
  })

  test('a permanent failure dead-letters at once, whatever attempts remain; retryable ones beside it still wait', () => {
    const permanent = failed(new ClientError({ ...request, status: 422 }), A)
    const alone = decideOutcome(context([permanent], { deliveryCount: 1, maxDeliver: 5 }))
    expect(alone).toMatchObject({ action: { kind: 'term' }, deadLetters: [{ result: permanent, reason: 'permanent' }], final: 'deadLettered' })
    // The 422 is dead-lettered now, the 503 retried: the message is nak'd, its dead letter already written.
    const mixed = decideOutcome(context([permanent, failed(new ServerError({ ...request, status: 503 }), M)], { deliveryCount: 1, maxDeliver: 5 }))
    expect(mixed).toMatchObject({ action: { kind: 'nak', delayMs: 100 }, deadLetters: [{ reason: 'permanent' }], entry: { pending: [M], deadLettered: [targetKey(A)] }, final: undefined })
  })

  test('the delivery after a partial failure: what was done before still counts; the message ends delivered', () => {
    const previous: LedgerEntry = { state: 'sending', done: [targetKey(A)], pending: [M], deadLettered: [] }
    const outcome = decideOutcome(context([skipped(M)], { previous, deliveryCount: 2 }))
    expect(outcome).toEqual({ action: { kind: 'ack' }, entry: { state: 'settled', done: [targetKey(A), targetKey(M)], pending: [], deadLettered: [] }, deadLetters: [], final: 'delivered' })
  })

  test('a target dead-lettered before keeps the message dead-lettered, acked (its letter exists) once the rest is done', () => {
    const previous: LedgerEntry = { state: 'sending', done: [], pending: [M], deadLettered: [targetKey(A)] }
    const outcome = decideOutcome(context([delivered(M)], { previous, deliveryCount: 2 }))
    expect(outcome).toMatchObject({ action: { kind: 'ack' }, deadLetters: [], final: 'deadLettered', entry: { deadLettered: [targetKey(A)], done: [targetKey(M)] } })
  })

  test('a replayed dead letter delivered at last: the target leaves deadLettered, the message ends delivered', () => {
    const previous: LedgerEntry = { state: 'sending', done: [targetKey(A)], pending: [], deadLettered: [targetKey(M)] }
    const outcome = decideOutcome(context([delivered(M)], { previous }))
    expect(outcome).toMatchObject({ action: { kind: 'ack' }, final: 'delivered', entry: { deadLettered: [], done: [targetKey(A), targetKey(M)] } })
  })

  test("a shutdown's cancellation goes back at once, even on the last delivery: it was not the destination's failure", () => {
    const c = context([failed(new CancelledError(request), A)], { deliveryCount: 3, maxDeliver: 3 })
    expect(decideOutcome(c)).toMatchObject({ action: { kind: 'nak', delayMs: 0 }, deadLetters: [], entry: { pending: [A] } })
    expect(c.asked).toEqual([])
  })

  test('an earlier uncertain attempt stays marked', () => {
    const previous: LedgerEntry = { state: 'sending', done: [], pending: [], deadLettered: [], uncertain: true }
    expect(decideOutcome(context([delivered(A)], { previous })).entry.uncertain).toBe(true)
    expect(decideOutcome(context([delivered(A)])).entry).not.toHaveProperty('uncertain')
  })
})
