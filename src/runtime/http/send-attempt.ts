/**
 * One attempt at a request through a caller's fetch (`HttpClientOptions.fetch`: a replayer,
 * another runtime's client): send it, read the response within the time limit, and say what
 * happened as a value (a response, or the typed error it amounts to). Whether to try again is
 * the caller's decision, not this function's.
 */
import {
  CancelledError,
  httpErrorForStatus,
  ResponseTooLargeError,
  NetworkError,
  TimeoutError,
  type MapcErrorOptions,
  type RequestError
} from '../errors/index.js'
import { describeNetworkFailure } from './network-failure.js'
import { parseRetryAfter } from './retry-after.js'
import { parseBody, readBodyText } from './response-body.js'
import type { HttpRequest, HttpResponse } from './types.js'

export interface AttemptContext {
  fetch: typeof globalThis.fetch
  timeoutMs: number
  errorBodyLimitBytes: number
  maxResponseBytes: number
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

async function receive(response: Response, request: HttpRequest, context: AttemptContext): Promise<AttemptOutcome> {
  const contentType = response.headers.get('content-type')
  if (response.status >= 200 && response.status <= 299) {
    const { text, truncated } = await readBodyText(response, context.maxResponseBytes)
    if (truncated) {
      const init = { method: request.method, url: request.url, attempts: context.attempt, status: response.status, limitBytes: context.maxResponseBytes }
      return { ok: false, error: new ResponseTooLargeError(init, context.errorOptions) }
    }
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
    return { ok: false, error: new NetworkError({ ...init, ...describeNetworkFailure(error) }, context.errorOptions) }
  } finally {
    clearTimeout(timer)
  }
}
