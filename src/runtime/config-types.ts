/** A deployment, as its YAML configuration describes it (see docs/runtime.md). */

export interface SubscriptionConfig {
  name?: string
  /** FQL: `type = "identify"`. */
  trigger: string
  action: string
  /** Field mappings in the mapc expression language. */
  mapping?: Record<string, string>
  /** Field mappings as Segment mapping-kit JSON (`{"@path": "$.traits.email"}`), as exported from Segment. */
  segmentMapping?: Record<string, unknown>
  /** Fields neither mapping names take their default (Segment's `useDefaultMappings`). Default true. */
  useDefaultMappings?: boolean
  batch?: { size?: number; maxAgeMs?: number }
  /** Scale-out workers: `user` delivers one user's events (userId, else anonymousId) in stream order (docs/scale-out.md); overrides the destination's. */
  ordering?: Ordering
}

export type Ordering = 'none' | 'user'

export interface DestinationConfig {
  /** The instance's name in results and logs; defaults to the destination's. */
  name?: string
  /** A directory written by `mapc build`, relative to the configuration file. */
  module: string
  /** Replaces the origin of every request the `.map` makes (an emulator, a staging host): `http://127.0.0.1:4010`. */
  endpoint?: string
  settings?: Record<string, unknown>
  auth?: { accessToken?: string; refreshToken?: string }
  /** Without subscriptions the destination's presets apply, with default mappings. */
  subscriptions?: SubscriptionConfig[]
  /** The default of its subscriptions' `ordering`: `none` unless set. */
  ordering?: Ordering
}

export interface HttpConfig {
  timeoutMs?: number
  /** Open connections per origin, at most, for the whole runtime. Default 32. */
  connections?: number
  /** A success response's body longer than this fails with `RESPONSE_TOO_LARGE`. Default 16 MiB. */
  maxResponseBytes?: number
  retry?: { maxAttempts?: number; baseDelayMs?: number; maxDelayMs?: number; maxRetryAfterMs?: number }
}

/** Scale-out delivery on NATS JetStream: names and limits, each with a default (docs/scale-out.md). */
export interface JetStreamConfig {
  stream?: string
  /** Events are published to `<subject>.<type>`. */
  subject?: string
  consumer?: string
  deadLetterStream?: string
  /** The KV bucket of delivered message ids. */
  ledgerBucket?: string
  ledgerTtlMs?: number
  duplicateWindowMs?: number
  ackWaitMs?: number
  /** How long a redelivery waits on another attempt's unchanged claim before taking over; default: ackWaitMs. */
  claimTimeoutMs?: number
  maxDeliver?: number
  maxAckPending?: number
  /** Messages one worker process has in flight at most. */
  concurrency?: number
}

export interface RuntimeConfig {
  jetstream?: JetStreamConfig
  http?: HttpConfig
  destinations: DestinationConfig[]
}
