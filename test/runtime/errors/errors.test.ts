import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import {
  AuthenticationError,
  BatcherClosedError,
  BatchOutcomeError,
  InvalidEventError,
  ItemRejectedError,
  InternalError,
  CancelledError,
  ClientError,
  ConfigError,
  formatLocation,
  HttpError,
  httpErrorForStatus,
  InvalidRequestError,
  isMapcError,
  MapcError,
  MappingError,
  NetworkError,
  PayloadValidationError,
  RateLimitError,
  RequestError,
  ResponseError,
  ResponseTooLargeError,
  ServerError,
  TimeoutError,
  UnexpectedStatusError,
  type KnownMapcError,
  type MapcErrorCode
} from '../../../src/runtime/errors/index.js'
import { createRedactor } from '../../../src/runtime/redaction/index.js'

const at = { file: 'attio.map', line: 42, column: 5 }
const url = 'https://api.attio.com/v2/objects/people/records/simple?matching_attribute=email_addresses'

describe('formatLocation', () => {
  it('prints file:line:column', () => {
    expect(formatLocation({ file: 'mappings/attio.map', line: 7, column: 13 })).toBe('mappings/attio.map:7:13')
  })
})

describe('PayloadValidationError', () => {
  it('names the field, its label and its declaration', () => {
    const error = new PayloadValidationError([
      {
        field: 'email_address',
        label: 'Email address',
        message: 'is required but missing',
        location: { file: 'attio.map', line: 40, column: 5 }
      }
    ])
    expect(error.message).toBe('attio.map:40:5 field email_address (Email address): is required but missing')
    expect(error.code).toBe('PAYLOAD_VALIDATION')
    expect(error.retryable).toBe(false)
  })

  it('lists every issue, one a line, falling back to the error’s location', () => {
    const error = new PayloadValidationError(
      [
        {
          field: 'email_address',
          label: 'Email address',
          message: 'must be an email address',
          location: { file: 'attio.map', line: 40, column: 5 }
        },
        { field: 'user_id', message: 'is required but missing' },
        { field: '', message: 'must be an object' }
      ],
      { location: at }
    )
    expect(error.message).toBe(
      [
        'attio.map:40:5 field email_address (Email address): must be an email address',
        'attio.map:42:5 field user_id: is required but missing',
        'attio.map:42:5 payload: must be an object'
      ].join('\n')
    )
    expect(error.issues).toHaveLength(3)
  })

  it('still says something with no issues and no location', () => {
    expect(new PayloadValidationError([]).message).toBe('payload is invalid')
  })

  it('serialises its issues', () => {
    const error = new PayloadValidationError(
      [{ field: 'plan', label: 'Plan', message: 'must be one of "free", "pro"' }],
      {
        location: at
      }
    )
    expect(error.toJSON()).toEqual({
      name: 'PayloadValidationError',
      code: 'PAYLOAD_VALIDATION',
      message: 'attio.map:42:5 field plan (Plan): must be one of "free", "pro"',
      retryable: false,
      location: at,
      issues: [{ field: 'plan', label: 'Plan', message: 'must be one of "free", "pro"' }]
    })
  })

  it('redacts secrets quoted in issue messages', () => {
    const redactor = createRedactor(['hunter2-secret'])
    const error = new PayloadValidationError([{ field: 'note', message: 'must not contain "hunter2-secret"' }], {
      redactor
    })
    expect(error.message).toBe('field note: must not contain "[REDACTED]"')
    expect(error.issues[0]?.message).toBe('must not contain "[REDACTED]"')
    expect(JSON.stringify(error)).not.toContain('hunter2')
  })
})

describe('HTTP errors by status', () => {
  const table: Array<[number, Function, MapcErrorCode, boolean]> = [
    [302, UnexpectedStatusError, 'HTTP_STATUS', false],
    [400, ClientError, 'CLIENT_ERROR', false],
    [401, AuthenticationError, 'AUTHENTICATION', false],
    [403, AuthenticationError, 'AUTHENTICATION', false],
    [404, ClientError, 'CLIENT_ERROR', false],
    [408, ClientError, 'CLIENT_ERROR', true],
    [409, ClientError, 'CLIENT_ERROR', false],
    [422, ClientError, 'CLIENT_ERROR', false],
    [429, RateLimitError, 'RATE_LIMIT', true],
    [500, ServerError, 'SERVER_ERROR', true],
    [501, ServerError, 'SERVER_ERROR', true],
    [503, ServerError, 'SERVER_ERROR', true],
    [599, ServerError, 'SERVER_ERROR', true]
  ]
  for (const [status, type, code, retryable] of table) {
    it(`${status} → ${type.name}, ${retryable ? '' : 'not '}retryable`, () => {
      const error = httpErrorForStatus({ method: 'PUT', url, status })
      expect(error).toBeInstanceOf(type)
      expect(error).toBeInstanceOf(HttpError)
      expect(error).toBeInstanceOf(RequestError)
      expect(error).toBeInstanceOf(MapcError)
      expect(error).toBeInstanceOf(Error)
      expect(error.code).toBe(code)
      expect(error.retryable).toBe(retryable)
      expect(error.name).toBe(type.name)
    })
  }

  it('names the location, method, endpoint and status', () => {
    const error = httpErrorForStatus(
      { method: 'PUT', url, status: 422, statusText: 'Unprocessable Entity', body: '{"message":"bad"}' },
      { location: at }
    )
    expect(error.message).toBe(
      'attio.map:42:5 PUT https://api.attio.com/v2/objects/people/records/simple: 422 Unprocessable Entity'
    )
    expect(String(error)).toBe(`ClientError: ${error.message}`)
    expect(error.stack?.startsWith(`ClientError: ${error.message}\n`)).toBe(true)
  })

  it('uses the standard reason phrase when the server sent none, and none when there is none', () => {
    expect(httpErrorForStatus({ method: 'GET', url, status: 503, statusText: '' }).message).toBe(
      'GET https://api.attio.com/v2/objects/people/records/simple: 503 Service Unavailable'
    )
    expect(httpErrorForStatus({ method: 'GET', url, status: 599 }).message).toBe(
      'GET https://api.attio.com/v2/objects/people/records/simple: 599'
    )
  })

  it('counts attempts when there was more than one', () => {
    const error = httpErrorForStatus({ method: 'GET', url, status: 500, attempts: 4 })
    expect(error.attempts).toBe(4)
    expect(error.message).toBe(
      'GET https://api.attio.com/v2/objects/people/records/simple: 500 Internal Server Error (after 4 attempts)'
    )
  })

  it('serialises everything a program needs', () => {
    const error = httpErrorForStatus(
      {
        method: 'PUT',
        url,
        status: 429,
        statusText: 'Too Many Requests',
        body: '{"retry":true}',
        responseHeaders: { 'retry-after': '3', 'set-cookie': 's=1' },
        retryAfterMs: 3000,
        attempts: 2
      },
      { location: at }
    )
    expect(error.toJSON()).toEqual({
      name: 'RateLimitError',
      code: 'RATE_LIMIT',
      message:
        'attio.map:42:5 PUT https://api.attio.com/v2/objects/people/records/simple: 429 Too Many Requests (after 2 attempts)',
      retryable: true,
      location: at,
      method: 'PUT',
      url,
      attempts: 2,
      status: 429,
      statusText: 'Too Many Requests',
      body: '{"retry":true}',
      bodyTruncated: false,
      responseHeaders: { 'retry-after': '3', 'set-cookie': '[REDACTED]' },
      retryAfterMs: 3000
    })
  })

  it('keeps credentials in the URL out of the message and masks them in the detail', () => {
    const error = httpErrorForStatus({
      method: 'GET',
      url: 'https://user:pa55word@api.example.com/v1/x?token=abc123&page=2#frag',
      status: 400
    })
    expect(error.message).toBe('GET https://api.example.com/v1/x: 400 Bad Request')
    expect(error.url).toBe('https://user:[REDACTED]@api.example.com/v1/x?token=[REDACTED]&page=2#frag')
    expect(inspect(error)).not.toContain('pa55word')
    expect(inspect(error)).not.toContain('abc123')
  })

  it('redacts secrets echoed in the body, headers and status text', () => {
    const redactor = createRedactor(['tok_live_123456'])
    const error = httpErrorForStatus(
      {
        method: 'GET',
        url: 'https://api.example.com/v1/tok_live_123456',
        status: 401,
        statusText: 'Bad token tok_live_123456',
        body: '{"token":"tok_live_123456"}',
        responseHeaders: { 'x-echo': 'tok_live_123456', authorization: 'Bearer tok_live_123456' }
      },
      { redactor }
    )
    expect(error.message).toBe('GET https://api.example.com/v1/[REDACTED]: 401 Bad token [REDACTED]')
    expect(error.bodyExcerpt).toBe('{"token":"[REDACTED]"}')
    expect(error.responseHeaders).toEqual({ 'x-echo': '[REDACTED]', authorization: 'Bearer [REDACTED]' })
    expect(JSON.stringify(error)).not.toContain('tok_live')
    expect(error.stack).not.toContain('tok_live')
  })

  it('shows an unparsable URL without its query', () => {
    const error = httpErrorForStatus({ method: 'GET', url: 'not a url?key=abc', status: 400 })
    expect(error.message).toBe('GET not a url: 400 Bad Request')
  })
})

describe('errors without a response', () => {
  it('TimeoutError', () => {
    const error = new TimeoutError({ method: 'POST', url, timeoutMs: 5000, attempts: 3 }, { location: at })
    expect(error.message).toBe(
      'attio.map:42:5 POST https://api.attio.com/v2/objects/people/records/simple: no response within 5000 ms (after 3 attempts)'
    )
    expect(error.toJSON()).toMatchObject({ code: 'TIMEOUT', retryable: true, timeoutMs: 5000, attempts: 3, url })
  })

  it('NetworkError puts a code the reason lacks in front of it', () => {
    const refused = new NetworkError({
      method: 'GET',
      url,
      reason: 'connect ECONNREFUSED 10.0.0.1:443',
      systemCode: 'ECONNREFUSED'
    })
    expect(refused.message).toBe(
      'GET https://api.attio.com/v2/objects/people/records/simple: network error: connect ECONNREFUSED 10.0.0.1:443'
    )
    const closed = new NetworkError({
      method: 'GET',
      url,
      reason: 'the connection was reset',
      systemCode: 'ECONNRESET'
    })
    expect(closed.message).toBe(
      'GET https://api.attio.com/v2/objects/people/records/simple: network error (ECONNRESET): the connection was reset'
    )
    expect(closed.retryable).toBe(true)
  })

  it('CancelledError and InvalidRequestError are final', () => {
    expect(new CancelledError({ method: 'GET', url }).retryable).toBe(false)
    const invalid = new InvalidRequestError(
      { method: 'GET', url: 'nope', reason: 'the URL is not an absolute URL' },
      { location: at }
    )
    expect(invalid.message).toBe('attio.map:42:5 GET nope: cannot be sent: the URL is not an absolute URL')
    expect(invalid.retryable).toBe(false)
  })
})

describe('ResponseError', () => {
  it('names the value, the line that read it and the request', () => {
    const error = new ResponseError(
      { valuePath: 'company.data.id.record_id', request: { method: 'PUT', url } },
      { location: { file: 'attio.map', line: 171, column: 21 } }
    )
    expect(error.message).toBe(
      'attio.map:171:21 company.data.id.record_id is missing in the response of PUT https://api.attio.com/v2/objects/people/records/simple'
    )
    expect(error.toJSON()).toEqual({
      name: 'ResponseError',
      code: 'RESPONSE_VALUE_MISSING',
      message: error.message,
      retryable: false,
      location: { file: 'attio.map', line: 171, column: 21 },
      valuePath: 'company.data.id.record_id',
      request: { method: 'PUT', url }
    })
  })

  it('takes another problem and no request', () => {
    const error = new ResponseError({ valuePath: 'company.data.id.record_id', problem: 'is not a string' })
    expect(error.message).toBe('company.data.id.record_id is not a string')
  })
})

describe('MappingError', () => {
  const paths: Array<[Array<string | number>, string]> = [
    [['email_address'], 'email_address'],
    [['email_address', '@if', 'then'], 'email_address["@if"].then'],
    [['traits', 'Order ID'], 'traits["Order ID"]'],
    [['items', 0, 'sku'], 'items[0].sku'],
    [['a.b'], '["a.b"]'],
    [[], '(root)']
  ]
  for (const [path, shown] of paths) {
    it(`prints ${JSON.stringify(path)} as ${shown}`, () => {
      expect(new MappingError({ path, reason: 'x' }).message).toBe(`mapping ${shown}: x`)
    })
  }

  it('names the subscription and the place in the configuration', () => {
    const error = new MappingError(
      {
        path: ['user_id', '@path'],
        reason: 'invalid path "$.[": expected a property name',
        subscription: 'Identify users'
      },
      { location: { file: 'deploy.yaml', line: 12, column: 9 } }
    )
    expect(error.message).toBe(
      'deploy.yaml:12:9 subscription "Identify users" mapping user_id["@path"]: invalid path "$.[": expected a property name'
    )
    expect(error.toJSON()).toMatchObject({
      code: 'MAPPING',
      path: ['user_id', '@path'],
      subscription: 'Identify users'
    })
  })
})

describe('ConfigError', () => {
  it('names the key when there is one', () => {
    expect(new ConfigError({ reason: 'is required', path: ['destinations', 0, 'settings', 'apiKey'] }).message).toBe(
      'destinations[0].settings.apiKey: is required'
    )
    expect(
      new ConfigError({ reason: 'no destinations' }, { location: { file: 'deploy.yaml', line: 1, column: 1 } }).message
    ).toBe('deploy.yaml:1:1 no destinations')
  })
})

describe('switching on the code', () => {
  /** Compiles only while every code has a case: `never` at the end. */
  function describeError(error: KnownMapcError): string {
    switch (error.code) {
      case 'PAYLOAD_VALIDATION':
        return `invalid: ${error.issues.length}`
      case 'INVALID_REQUEST':
      case 'CANCELLED':
        return `not sent: ${error.method}`
      case 'HTTP_STATUS':
      case 'AUTHENTICATION':
      case 'SERVER_ERROR':
      case 'CLIENT_ERROR':
        return `status ${error.status}`
      case 'RATE_LIMIT':
        return `rate limited for ${error.retryAfterMs ?? 'unknown'} ms`
      case 'TIMEOUT':
        return `timed out after ${error.timeoutMs} ms`
      case 'NETWORK':
        return `network ${error.systemCode ?? '-'}`
      case 'RESPONSE_VALUE_MISSING':
        return `missing ${error.valuePath}`
      case 'RESPONSE_TOO_LARGE':
        return `over ${error.limitBytes} bytes`
      case 'MAPPING':
        return `mapping ${error.path.length}`
      case 'CONFIG':
        return 'config'
      case 'BATCHER_CLOSED':
        return 'closed'
      case 'BATCH_OUTCOME_MISSING':
        return `no outcome for ${error.index}`
      case 'INVALID_EVENT':
        return 'not an event'
      case 'ITEM_REJECTED':
        return `item ${error.index}: ${error.status}`
      case 'INTERNAL':
        return 'internal'
      default: {
        const unreachable: never = error
        return unreachable
      }
    }
  }

  const one = { method: 'GET', url }
  const every: KnownMapcError[] = [
    new PayloadValidationError([{ field: 'a', message: 'b' }]),
    new InvalidRequestError({ ...one, reason: 'r' }),
    httpErrorForStatus({ ...one, status: 302 }) as UnexpectedStatusError,
    new AuthenticationError({ ...one, status: 401 }),
    new RateLimitError({ ...one, status: 429, retryAfterMs: 1000 }),
    new ServerError({ ...one, status: 500 }),
    new ClientError({ ...one, status: 404 }),
    new TimeoutError({ ...one, timeoutMs: 10 }),
    new NetworkError({ ...one, reason: 'r', systemCode: 'EPIPE' }),
    new CancelledError(one),
    new ResponseError({ valuePath: 'x.y' }),
    new ResponseTooLargeError({ ...one, status: 200, limitBytes: 1024 }),
    new MappingError({ path: ['a'], reason: 'r' }),
    new ConfigError({ reason: 'r' }),
    new BatcherClosedError(),
    new BatchOutcomeError({ index: 2, batchSize: 3, received: '1 outcomes for 3 items' }),
    new InvalidEventError('not an object'),
    new ItemRejectedError({ status: 422, index: 1, reason: 'bad email' }),
    new InternalError('boom')
  ]

  it('gives every class its own code', () => {
    const codes = every.map((error) => error.code)
    expect(new Set(codes).size).toBe(codes.length)
    expect(every.map(describeError)).toEqual([
      'invalid: 1',
      'not sent: GET',
      'status 302',
      'status 401',
      'rate limited for 1000 ms',
      'status 500',
      'status 404',
      'timed out after 10 ms',
      'network EPIPE',
      'not sent: GET',
      'missing x.y',
      'over 1024 bytes',
      'mapping 1',
      'config',
      'closed',
      'no outcome for 2',
      'not an event',
      'item 1: 422',
      'internal'
    ])
  })

  it('recognises its own errors only', () => {
    for (const error of every) expect(isMapcError(error)).toBe(true)
    expect(isMapcError(new Error('x'))).toBe(false)
    expect(isMapcError({ code: 'CONFIG', message: 'x' })).toBe(false)
  })

  it('serialises each with name, code, message and retryable', () => {
    for (const error of every) {
      const json = JSON.parse(JSON.stringify(error)) as Record<string, unknown>
      expect(json).toMatchObject({
        name: error.name,
        code: error.code,
        message: error.message,
        retryable: error.retryable
      })
    }
  })
})
