import { MAX_TIMER_DELAY_MS } from '../../runtime/http/index.js'

/** A duration a timer waits: longer ones would fire at once, so they are refused where they are written. */
const delayMs = { type: 'integer', minimum: 0, maximum: MAX_TIMER_DELAY_MS } as const

/** One subscription: also checked on its own for subscriptions given to `createRuntime` in code. */
export const subscriptionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['trigger', 'action'],
  properties: {
    name: { type: 'string', minLength: 1 },
    trigger: { type: 'string', minLength: 1 },
    action: { type: 'string', minLength: 1 },
    mapping: { type: 'object', additionalProperties: { type: 'string' } },
    segmentMapping: { type: 'object' },
    useDefaultMappings: { type: 'boolean' },
    batch: {
      type: 'object',
      additionalProperties: false,
      properties: { size: { type: 'integer', minimum: 1 }, maxAgeMs: delayMs }
    },
    ordering: { enum: ['none', 'user'] }
  }
} as const

/** Scale-out delivery on NATS JetStream (`mapc ingest --nats`, `mapc worker`); every key has a default (src/scale-out/settings.ts). */
const jetstreamSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    stream: { type: 'string', pattern: '^[A-Za-z0-9_-]+$' },
    subject: { type: 'string', pattern: '^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*$' },
    consumer: { type: 'string', pattern: '^[A-Za-z0-9_-]+$' },
    deadLetterStream: { type: 'string', pattern: '^[A-Za-z0-9_-]+$' },
    ledgerBucket: { type: 'string', pattern: '^[A-Za-z0-9_-]+$' },
    ledgerTtlMs: { type: 'integer', minimum: 1000 },
    duplicateWindowMs: { type: 'integer', minimum: 1000 },
    ackWaitMs: { type: 'integer', minimum: 1000, maximum: MAX_TIMER_DELAY_MS },
    claimTimeoutMs: { type: 'integer', minimum: 100, maximum: MAX_TIMER_DELAY_MS },
    maxDeliver: { type: 'integer', minimum: 1, maximum: 1000 },
    maxAckPending: { type: 'integer', minimum: 1 },
    concurrency: { type: 'integer', minimum: 1, maximum: 100_000 }
  }
} as const

/** The JSON Schema a configuration is validated against before anything is loaded. */
export const configSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['destinations'],
  properties: {
    jetstream: jetstreamSchema,
    http: {
      type: 'object',
      additionalProperties: false,
      properties: {
        timeoutMs: { ...delayMs, minimum: 1 },
        connections: { type: 'integer', minimum: 1, maximum: 4096 },
        maxResponseBytes: { type: 'integer', minimum: 1 },
        retry: {
          type: 'object',
          additionalProperties: false,
          properties: {
            maxAttempts: { type: 'integer', minimum: 1, maximum: 20 },
            baseDelayMs: delayMs,
            maxDelayMs: delayMs,
            maxRetryAfterMs: delayMs
          }
        }
      }
    },
    destinations: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['module'],
        properties: {
          name: { type: 'string', minLength: 1 },
          module: { type: 'string', minLength: 1 },
          endpoint: { type: 'string', minLength: 1 },
          settings: { type: 'object' },
          auth: {
            type: 'object',
            additionalProperties: false,
            properties: { accessToken: { type: 'string' }, refreshToken: { type: 'string' } }
          },
          subscriptions: { type: 'array', items: subscriptionSchema },
          ordering: { enum: ['none', 'user'] }
        }
      }
    }
  }
} as const
