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
      properties: { size: { type: 'integer', minimum: 1 }, maxAgeMs: { type: 'integer', minimum: 0 } }
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
        timeoutMs: { type: 'integer', minimum: 1 },
        retry: {
          type: 'object',
          additionalProperties: false,
          properties: {
            maxAttempts: { type: 'integer', minimum: 1, maximum: 20 },
            baseDelayMs: { type: 'integer', minimum: 0 },
            maxDelayMs: { type: 'integer', minimum: 0 },
            maxRetryAfterMs: { type: 'integer', minimum: 0 }
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
