/**
 * One attempt at a request: send it, read the response within the time limit, and say what
 * happened as a value (a response, or the typed error it amounts to). Whether to try again is
 * the caller's decision, not this function's.
 */
import {
  CancelledError,
  httpErrorForStatus,
  InvalidRequestError,
  NetworkError,
  TimeoutError,
  type MapcErrorOptions,
  type RequestError
} from '../errors/index.js'
import { parseRetryAfter } from './retry-after.js'
import { parseBody, readBodyText } from './response-body.js'
import type { HttpRequest, HttpResponse } from './types.js'

export interface AttemptContext {
  fetch: typeof globalThis.fetch
  timeoutMs: number
  errorBodyLimitBytes: number
  now: () => number
  /** 1-based; recorded in the error. */
  attempt: number
  signal: AbortSignal | undefined
  errorOptions: MapcErrorOptions
}

export type AttemptOutcome =
  | { ok: true; response: HttpResponse }
  /** `retryAfterMs`: the server's `Retry-After`, on any status that carried one (429, 503…). */
  | { ok: false; error: RequestError; retryAfterMs?: number }

function headerRecord(headers: Headers): Record<string, string> {
  const record: Record<string, string> = {}
  for (const [name, value] of headers) record[name] = name in record ? `${record[name]}, ${value}` : value
  return record
}

/**
 * fetch will not connect to ports browsers block (1, 25, 6000, …) and says only "bad port".
 * That is a URL to fix, not a network failure to retry.
 */
function isRefusedPort(error: unknown): boolean {
  return error instanceof Error && error.cause instanceof Error && error.cause.message === 'bad port'
}

/** undici's words for some failures assume one knows undici; these say what happened. */
const PLAIN_REASONS: Record<string, string> = {
  UND_ERR_SOCKET: 'the connection closed before the response was complete',
  ECONNRESET: 'the connection was reset'
}

/** What the system said about a failed connection, from fetch's `TypeError` and its cause. */
export function describeNetworkFailure(error: unknown): { reason: string; systemCode?: string } {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error
  const message = cause instanceof Error ? cause.message : String(cause)
  const code = (cause as { code?: unknown } | null)?.code
  if (typeof code !== 'string') return { reason: message === '' ? 'the connection failed' : message }
  const plain = PLAIN_REASONS[code]
  return { reason: plain ?? message, systemCode: code }
}

async function receive(response: Response, request: HttpRequest, context: AttemptContext): Promise<AttemptOutcome> {
  const contentType = response.headers.get('content-type')
  if (response.status >= 200 && response.status <= 299) {
    const { text } = await readBodyText(response, Number.POSITIVE_INFINITY)
    return {
      ok: true,
      response: {
        status: response.status,
        statusText: response.statusText,
        headers: headerRecord(response.headers),
        body: parseBody(text, contentType),
        text
      }
    }
  }
  const { text, truncated } = await readBodyText(response, context.errorBodyLimitBytes)
  const retryAfter = response.headers.get('retry-after')
  const retryAfterMs = retryAfter === null ? undefined : parseRetryAfter(retryAfter, context.now())
  const error = httpErrorForStatus(
    {
      method: request.method,
      url: request.url,
      attempts: context.attempt,
      status: response.status,
      statusText: response.statusText,
      body: text,
      bodyTruncated: truncated,
      responseHeaders: response.headers,
      retryAfterMs
    },
    context.errorOptions
  )
  return { ok: false, error, retryAfterMs }
}

export async function sendAttempt(request: HttpRequest, context: AttemptContext): Promise<AttemptOutcome> {
  const init = { method: request.method, url: request.url, attempts: context.attempt }
  const timeout = new AbortController()
  const timer = setTimeout(() => timeout.abort(), context.timeoutMs)
  const signal = context.signal === undefined ? timeout.signal : AbortSignal.any([context.signal, timeout.signal])
  try {
    const response = await context.fetch(request.url, {
      method: request.method,
      headers: request.headers,
      // Bytes, not a string: fetch would otherwise add `content-type: text/plain` on its own.
      ...(request.body === undefined ? {} : { body: Buffer.from(request.body, 'utf8') }),
      // A redirect is reported, not followed: an API that moved is a mapping to fix, and
      // following would resend the body and credentials somewhere the `.map` file never named.
      redirect: 'manual',
      signal
    })
    return await receive(response, request, context)
  } catch (error) {
    if (context.signal?.aborted) return { ok: false, error: new CancelledError(init, context.errorOptions) }
    if (timeout.signal.aborted) {
      return { ok: false, error: new TimeoutError({ ...init, timeoutMs: context.timeoutMs }, context.errorOptions) }
    }
    if (isRefusedPort(error)) {
      const reason = `fetch refuses to connect to port ${new URL(request.url).port} (a port browsers block)`
      return { ok: false, error: new InvalidRequestError({ ...init, reason }, context.errorOptions) }
    }
    return { ok: false, error: new NetworkError({ ...init, ...describeNetworkFailure(error) }, context.errorOptions) }
  } finally {
    clearTimeout(timer)
  }
}
