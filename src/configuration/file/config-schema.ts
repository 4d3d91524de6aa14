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
    }
  }
} as const

/** The JSON Schema a configuration is validated against before anything is loaded. */
export const configSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['destinations'],
  properties: {
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
          subscriptions: { type: 'array', items: subscriptionSchema }
        }
      }
    }
  }
} as const
