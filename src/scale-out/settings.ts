/**
 * The `jetstream:` section of a configuration with every default filled in. The defaults work
 * for a first deployment: one stream, one consumer all workers share, a ledger that remembers
 * delivered message ids for a day.
 */
import { createHash } from 'node:crypto'
import type { JetStreamConfig } from '../runtime/config-types.js'

export interface ScaleOutSettings {
  stream: string
  subject: string
  consumer: string
  deadLetterStream: string
  /** Dead letters are published to `<deadLetterSubject>.<destination>`. */
  deadLetterSubject: string
  ledgerBucket: string
  ledgerTtlMs: number
  duplicateWindowMs: number
  ackWaitMs: number
  /** How long another attempt's claim on a message must stay unchanged before a redelivery presumes its worker dead and takes over. */
  claimTimeoutMs: number
  maxDeliver: number
  maxAckPending: number
  concurrency: number
}

export const DEFAULT_SCALE_OUT: Readonly<ScaleOutSettings> = Object.freeze({
  stream: 'MAPC_EVENTS',
  subject: 'mapc.events',
  consumer: 'mapc-workers',
  deadLetterStream: 'MAPC_DEAD_LETTERS',
  deadLetterSubject: 'mapc.events-dead',
  ledgerBucket: 'mapc_delivered',
  // Far longer than any message can stay undelivered (maxDeliver × (ackWait + the longest nak delay)), and than a replay usually waits.
  ledgerTtlMs: 24 * 60 * 60 * 1000,
  // JetStream's own default: a client's retry within two minutes is the same event.
  duplicateWindowMs: 2 * 60 * 1000,
  ackWaitMs: 30_000,
  // A live owner renews its claim every ackWait/6 once the message is older than ackWait/3: a claim unchanged for a whole ack wait has no live owner.
  claimTimeoutMs: 30_000,
  maxDeliver: 5,
  maxAckPending: 10_000,
  concurrency: 200
})

export function scaleOutSettings(config: JetStreamConfig | undefined): ScaleOutSettings {
  const merged = { ...DEFAULT_SCALE_OUT, ...(config ?? {}), claimTimeoutMs: config?.claimTimeoutMs ?? config?.ackWaitMs ?? DEFAULT_SCALE_OUT.claimTimeoutMs }
  return { ...merged, deadLetterSubject: `${merged.subject}-dead` }
}

/**
 * How the delivered ledger talks to the KV: a request gets an answer within `requestTimeoutMs` or
 * is sent again, retries are at most `retryWaitMaxMs` apart, and reads, claims and renewals give
 * up after `retryForMs` of a server that is away (a settlement does not: see `Ledger.settle`).
 *
 * Both bounds are fractions of the claim timeout. A request that was in flight when nats-server
 * went away is never answered; with JetStream's default timeout (5 s, more than a claim timeout
 * of 2 s) the owner would learn that too late to write again before a waiting redelivery
 * presumed it dead, and a live worker's finished attempt would be sent a second time.
 */
export interface LedgerTiming {
  requestTimeoutMs: number
  retryWaitMaxMs: number
  retryForMs: number
}

export function ledgerTiming(s: Pick<ScaleOutSettings, 'claimTimeoutMs' | 'ackWaitMs'>): LedgerTiming {
  return {
    requestTimeoutMs: Math.min(5000, Math.max(200, Math.floor(s.claimTimeoutMs / 6))),
    retryWaitMaxMs: Math.min(2000, Math.max(50, Math.floor(s.claimTimeoutMs / 12))),
    retryForMs: 2 * s.ackWaitMs
  }
}

/**
 * The subject an event is published to: `<subject>.<type>.<user>`. Unknown or odd types go under
 * `other`, so the subject is always valid; `<user>` is `userToken` of the event, so that a worker
 * can find one user's earlier events still in the stream (per-user ordering).
 */
export function eventSubject(settings: ScaleOutSettings, event: unknown): string {
  const type = event !== null && typeof event === 'object' ? (event as Record<string, unknown>)['type'] : undefined
  return `${settings.subject}.${typeof type === 'string' && /^[a-z]+$/.test(type) ? type : 'other'}.${userToken(event)}`
}

/** The subject filter of one user's events, of every type; `undefined` for an event without userId and anonymousId. */
export function userSubjects(settings: ScaleOutSettings, event: unknown): string | undefined {
  const token = userToken(event)
  return token === NO_USER ? undefined : `${settings.subject}.*.${token}`
}

const NO_USER = '_'

/** `u` and 24 hex digits of the SHA-256 of the userId, else of the anonymousId (as Segment identifies a user); `_` without either. */
export function userToken(event: unknown): string {
  const e = event !== null && typeof event === 'object' ? (event as Record<string, unknown>) : {}
  const key = [e['userId'], e['anonymousId']].find((v) => (typeof v === 'string' && v !== '') || typeof v === 'number')
  if (key === undefined) return NO_USER
  return `u${createHash('sha256').update(`${typeof key === 'number' ? 'n' : 's'}:${String(key)}`).digest('hex').slice(0, 24)}`
}

/** Nanoseconds, as JetStream's API counts durations. */
export function nanos(ms: number): number {
  return ms * 1_000_000
}
