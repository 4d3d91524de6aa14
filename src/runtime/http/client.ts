/**
 * The HTTP client compiled actions send through: each attempt bounded in time, retried with
 * backoff when the failure is one that waiting can fix, and every failure turned into a typed,
 * redacted error that names the `.map` line that declared the request.
 *
 * Requests go through keep-alive pools with a bounded number of connections per origin
 * (connection-pools.ts), unless the caller brings its own fetch. The log fields of an attempt
 * are built, and redacted, only when the logger will write them.
 */
import {
  CancelledError,
  formatLocation,
  HttpError,
  InvalidRequestError,
  NetworkError,
  requireNumberInRange,
  type MapcErrorOptions
} from '../errors/index.js'
import { silentLogger, withRedaction, type LogFields, type Logger } from '../logging/index.js'
import { createRedactor, redactUrl, type Redactor } from '../redaction/index.js'
import { createConnectionPools, DEFAULT_CONNECTIONS_PER_ORIGIN, type ConnectionPools } from './connection-pools.js'
import { poolAttempt } from './pool-attempt.js'
import { checkRequest } from './request-validation.js'
import { resolveRetryPolicy, retryDelayMs, type RetryPolicy } from './retry-policy.js'
import { sendAttempt, type AttemptOutcome } from './send-attempt.js'
import { MAX_TIMER_DELAY_MS, realSleep, type Sleep } from './sleep.js'
import type { HttpRequest, HttpResponse, RequestMeta } from './types.js'

export interface HttpClientOptions {
  /** Per attempt, covering the response headers and the whole body. Default 30 s. */
  timeoutMs?: number
  retry?: Partial<RetryPolicy>
  /** How much of an error response's body is read for the error's excerpt. Default 64 KiB. */
  errorBodyLimitBytes?: number
  /** A success response's body longer than this fails with `RESPONSE_TOO_LARGE`. Default 16 MiB. */
  maxResponseBytes?: number
  /** Open connections per origin, at most; further requests wait for one. Default 32. */
  connections?: number
  /** Pools shared with other clients (a runtime's instances); `connections` is then theirs. */
  pools?: ConnectionPools
  /** Applied to every error and log line. Default: no known secrets, sensitive headers masked. */
  redactor?: Redactor
  /** Attempts are logged at `debug`: a logger at that level is verbose mode. Default silent. */
  logger?: Logger
  /** Injected by tests so delays are recorded instead of waited. */
  sleep?: Sleep
  /** In [0, 1); the jitter source. */
  random?: () => number
  /** Epoch milliseconds: dates in `Retry-After`, and attempt durations. */
  now?: () => number
  /** Replaces the connection pools: a replayer's or another runtime's fetch. */
  fetch?: typeof globalThis.fetch
}

export interface HttpClient {
  /** The response of a 2xx; any other ending is a thrown `RequestError` subclass. */
  send(request: HttpRequest, meta?: RequestMeta): Promise<HttpResponse>
  /** Closes the client's own connections once requests in flight are done (not shared pools). */
  close(): Promise<void>
}

export const DEFAULT_TIMEOUT_MS = 30_000
export const DEFAULT_ERROR_BODY_LIMIT_BYTES = 64 * 1024
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024

function attemptFields(
  request: HttpRequest,
  redactor: Redactor,
  meta: RequestMeta,
  attempt: number,
  policy: RetryPolicy,
  outcome: AttemptOutcome,
  durationMs: number
): LogFields {
  const fields: LogFields = {
    attempt,
    maxAttempts: policy.maxAttempts,
    method: request.method,
    url: redactUrl(request.url, redactor).url
  }
  if (meta.location !== undefined) fields.location = formatLocation(meta.location)
  if (outcome.ok) fields.status = outcome.response.status
  else if (outcome.error instanceof HttpError) fields.status = outcome.error.status
  else {
    fields.error = outcome.error.code
    if (outcome.error instanceof NetworkError && outcome.error.systemCode !== undefined) {
      fields.systemCode = outcome.error.systemCode
    }
  }
  fields.durationMs = durationMs
  return fields
}

export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const timeoutMs = requireNumberInRange(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, ['timeoutMs'], {
    min: 0,
    minExclusive: true,
    max: MAX_TIMER_DELAY_MS
  })
  const errorBodyLimitBytes = requireNumberInRange(
    options.errorBodyLimitBytes ?? DEFAULT_ERROR_BODY_LIMIT_BYTES,
    ['errorBodyLimitBytes'],
    { integer: true, min: 1 }
  )
  const maxResponseBytes = requireNumberInRange(
    options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    ['maxResponseBytes'],
    { integer: true, min: 1 }
  )
  const connections = requireNumberInRange(options.connections ?? DEFAULT_CONNECTIONS_PER_ORIGIN, ['connections'], {
    integer: true,
    min: 1
  })
  const policy = resolveRetryPolicy(options.retry)
  const redactor = options.redactor ?? createRedactor([])
  const sink = options.logger ?? silentLogger
  const logger = withRedaction(sink, redactor)
  const sleep = options.sleep ?? realSleep
  const random = options.random ?? Math.random
  const now = options.now ?? Date.now
  const fetchImpl = options.fetch
  const ownPools = fetchImpl === undefined && options.pools === undefined ? createConnectionPools(connections) : undefined
  const pools = options.pools ?? ownPools

  function attemptOnce(request: HttpRequest, url: URL, attempt: number, meta: RequestMeta, errorOptions: MapcErrorOptions): Promise<AttemptOutcome> {
    const signal = meta.signal
    if (fetchImpl !== undefined || pools === undefined) {
      return sendAttempt(request, { timeoutMs, errorBodyLimitBytes, maxResponseBytes, now, attempt, signal, errorOptions, fetch: fetchImpl ?? globalThis.fetch })
    }
    const origin = url.origin
    const dispatcher = pools.forOrigin(origin)
    return poolAttempt(request, { origin, path: `${url.pathname}${url.search}` }, { timeoutMs, errorBodyLimitBytes, maxResponseBytes, now, attempt, signal, errorOptions, dispatcher })
  }

  async function send(request: HttpRequest, meta: RequestMeta = {}): Promise<HttpResponse> {
    const errorOptions: MapcErrorOptions = { redactor, location: meta.location }
    const checked = checkRequest(request)
    if ('reason' in checked) {
      throw new InvalidRequestError({ method: request.method, url: request.url, attempts: 0, reason: checked.reason }, errorOptions)
    }
    if (meta.signal?.aborted) throw new CancelledError({ method: request.method, url: request.url, attempts: 0 }, errorOptions)

    for (let attempt = 1; ; attempt++) {
      // Asked per attempt: a logger's level may change while the client lives.
      const verbose = sink.enabled?.('debug') ?? true
      const started = verbose ? now() : 0
      const outcome = await attemptOnce(request, checked.url, attempt, meta, errorOptions)
      // The log fields are built, and redacted, only when the logger writes them.
      if (outcome.ok) {
        if (verbose) logger.debug('http attempt', attemptFields(request, redactor, meta, attempt, policy, outcome, Math.max(0, now() - started)))
        return outcome.response
      }
      const { error } = outcome
      if (!error.retryable || attempt >= policy.maxAttempts) {
        if (verbose) logger.debug('http attempt', attemptFields(request, redactor, meta, attempt, policy, outcome, Math.max(0, now() - started)))
        throw error
      }
      const delayMs = retryDelayMs(attempt, outcome.retryAfterMs, policy, random)
      if (verbose) logger.debug('http attempt', { ...attemptFields(request, redactor, meta, attempt, policy, outcome, Math.max(0, now() - started)), retryInMs: delayMs })
      try {
        await sleep(delayMs, meta.signal)
      } catch (reason) {
        // A sleep interrupted by the caller's signal is a cancellation; any other failure is a bug to surface.
        if (!meta.signal?.aborted) throw reason
      }
      if (meta.signal?.aborted) throw new CancelledError({ method: request.method, url: request.url, attempts: attempt }, errorOptions)
    }
  }

  return { send, close: async () => ownPools?.close() }
}
