/**
 * What a worker does with a message once its attempt has results, as a pure function: ack when
 * every target is delivered, skipped or dead-lettered; nak with a delay while a target failed in
 * a way that may pass (429, 5xx, timeout, network) and attempts remain; term when something was
 * dead-lettered and nothing waits. The ledger entry it returns is written before the ack, so a
 * redelivery sends only what is still owed.
 */
import type { DeliveryResult } from '../runtime/index.js'
import type { LineOutcome } from '../run/tally.js'
import { targetKey, type LedgerEntry, type Target } from './delivered-ledger.js'

export type FailedResult = Extract<DeliveryResult, { status: 'failed' }>

/** `permanent`: a failure no retry can fix; `max_deliver`: a retryable one out of attempts; `unsent`: the worker of the last attempt died, so no attempt is left. */
export type DeadLetterReason = 'permanent' | 'max_deliver' | 'unsent'

export type MessageAction = { kind: 'ack' } | { kind: 'nak'; delayMs: number } | { kind: 'term' }

export interface AttemptOutcome {
  action: MessageAction
  entry: LedgerEntry
  deadLetters: { result: FailedResult; reason: DeadLetterReason }[]
  /** The message's outcome once no target waits; `undefined` while one is retried. */
  final: Exclude<LineOutcome, 'blank'> | undefined
}

export interface OutcomeContext {
  previous: LedgerEntry
  results: readonly DeliveryResult[]
  /** This delivery's number, from 1. */
  deliveryCount: number
  maxDeliver: number
  /** The wait before the next delivery: the retry policy's backoff for this attempt, or the server's `Retry-After`. */
  retryDelayMs: (attempt: number, retryAfterMs: number | undefined) => number
}

/** Shutting down cancels requests in flight: they are not the destination's fault, and go back to the stream. */
export function isRetryable(result: FailedResult): boolean {
  return result.error.retryable || result.error.code === 'CANCELLED'
}

export function decideOutcome(context: OutcomeContext): AttemptOutcome {
  const { previous, results, deliveryCount, maxDeliver } = context
  const done = new Set(previous.done)
  const deadLettered = new Set(previous.deadLettered)
  const pending: Target[] = []
  const deadLetters: AttemptOutcome['deadLetters'] = []
  let delayMs = 0
  for (const result of results) {
    const target = { destination: result.destination, subscription: result.subscription }
    const key = targetKey(target)
    if (result.status !== 'failed') {
      done.add(key)
      // A replayed dead letter that now succeeds is no longer dead-lettered.
      deadLettered.delete(key)
      continue
    }
    if (isRetryable(result) && (deliveryCount < maxDeliver || result.error.code === 'CANCELLED')) {
      pending.push(target)
      const retryAfter = (result.error as { retryAfterMs?: unknown }).retryAfterMs
      const wait = result.error.code === 'CANCELLED' ? 0 : context.retryDelayMs(deliveryCount, typeof retryAfter === 'number' ? retryAfter : undefined)
      delayMs = Math.max(delayMs, wait)
      continue
    }
    deadLetters.push({ result, reason: isRetryable(result) ? 'max_deliver' : 'permanent' })
    deadLettered.add(key)
  }
  const entry: LedgerEntry = { state: 'settled', done: [...done], pending, deadLettered: [...deadLettered], ...(previous.uncertain ? { uncertain: true as const } : {}) }
  if (pending.length > 0) return { action: { kind: 'nak', delayMs }, entry, deadLetters, final: undefined }
  const final: AttemptOutcome['final'] = deadLettered.size > 0 ? 'deadLettered' : done.size === 0 ? 'firedNothing' : results.some((r) => r.status === 'delivered') || previous.done.length > 0 ? 'delivered' : 'skipped'
  return { action: deadLetters.length > 0 ? { kind: 'term' } : { kind: 'ack' }, entry, deadLetters, final }
}
