/**
 * One attempt at a request through a keep-alive connection pool (undici's dispatcher), the
 * client's default. It says what happened as a value, exactly as the fetch attempt does
 * (send-attempt.ts), with the same errors for the same failures.
 *
 * It is built for throughput: the response arrives as Buffer chunks in a handler, with no
 * `Response`, web stream or `Headers` object; the time limit is one timer that aborts through the
 * dispatcher's controller, with no AbortController; and a body is read only up to its limit.
 */
import type { Dispatcher } from 'undici'
import {
  CancelledError,
  httpErrorForStatus,
  NetworkError,
  ResponseTooLargeError,
  TimeoutError,
  type MapcErrorOptions
} from '../errors/index.js'
import { parseRetryAfter } from './retry-after.js'
import { decodeBody, parseBody } from './response-body.js'
import type { AttemptOutcome } from './send-attempt.js'
import { describeNetworkFailure } from './network-failure.js'
import type { HttpRequest } from './types.js'

export interface PoolAttemptContext {
  dispatcher: Dispatcher
  timeoutMs: number
  errorBodyLimitBytes: number
  /** A success body longer than this fails the attempt with `ResponseTooLargeError`. */
  maxResponseBytes: number
  now: () => number
  /** 1-based; recorded in the error. */
  attempt: number
  signal: AbortSignal | undefined
  errorOptions: MapcErrorOptions
}

/** Where the request goes, from the URL the client already parsed to check it. */
export interface RequestTarget {
  origin: string
  /** Path and query, as the URL parser serialised them (what fetch would send). */
  path: string
}

/** Why undici is told to stop; never shown to anyone, the outcome says what happened. */
const STOPPED = new Error('the attempt has ended')

function headerRecord(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const record: Record<string, string> = {}
  for (const name of Object.keys(headers)) {
    const value = headers[name]
    if (value !== undefined) record[name] = typeof value === 'string' ? value : value.join(', ')
  }
  return record
}

class AttemptHandler implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | undefined
  private ended = false
  private status = 0
  private statusText = ''
  private headers: Record<string, string> = {}
  private chunks: Buffer[] = []
  private received = 0
  private limit = 0
  private readonly timer: NodeJS.Timeout
  private readonly onCancel: (() => void) | undefined

  constructor(
    private readonly request: HttpRequest,
    private readonly context: PoolAttemptContext,
    private readonly resolve: (outcome: AttemptOutcome) => void
  ) {
    this.timer = setTimeout(() => this.finish(this.timeout()), context.timeoutMs)
    const signal = context.signal
    if (signal !== undefined) {
      this.onCancel = () => this.finish({ ok: false, error: new CancelledError(this.init(), context.errorOptions) })
      signal.addEventListener('abort', this.onCancel, { once: true })
    }
  }

  private init() {
    return { method: this.request.method, url: this.request.url, attempts: this.context.attempt }
  }

  private timeout(): AttemptOutcome {
    return { ok: false, error: new TimeoutError({ ...this.init(), timeoutMs: this.context.timeoutMs }, this.context.errorOptions) }
  }

  /**
   * The first ending wins. `early`: the response is not over (a timeout, a cancellation, a body
   * past its limit), so undici is told to drop the request and its connection.
   */
  private finish(outcome: AttemptOutcome, early = true): void {
    if (this.ended) return
    this.ended = true
    clearTimeout(this.timer)
    if (this.onCancel !== undefined) this.context.signal?.removeEventListener('abort', this.onCancel)
    this.chunks = []
    if (early && this.controller !== undefined && !this.controller.aborted) this.controller.abort(STOPPED)
    this.resolve(outcome)
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller
    // Ended while waiting for a connection (timed out, cancelled): it must not be sent after all.
    if (this.ended) controller.abort(STOPPED)
  }

  onResponseStart(
    controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
    statusMessage?: string
  ): void {
    if (this.ended) return
    this.status = statusCode
    this.statusText = statusMessage ?? ''
    this.headers = headerRecord(headers)
    const success = statusCode >= 200 && statusCode <= 299
    this.limit = success ? this.context.maxResponseBytes : this.context.errorBodyLimitBytes
    const declared = Number(this.headers['content-length'])
    if (success && declared > this.limit) this.finish(this.tooLarge())
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.ended) return
    const room = this.limit - this.received
    if (chunk.byteLength <= room) {
      this.chunks.push(chunk)
      this.received += chunk.byteLength
      return
    }
    if (this.status >= 200 && this.status <= 299) return this.finish(this.tooLarge())
    // An error body is kept only for an excerpt: the start of it is enough, the rest is not read.
    this.chunks.push(chunk.subarray(0, room))
    this.received += room
    this.finish(this.failure(true))
  }

  onResponseEnd(): void {
    if (this.ended) return
    if (this.status >= 200 && this.status <= 299) {
      const contentType = this.headers['content-type'] ?? null
      const text = decodeBody(this.body(), contentType, false)
      return this.finish(
        { ok: true, response: { status: this.status, statusText: this.statusText, headers: this.headers, body: parseBody(text, contentType), text } },
        false
      )
    }
    this.finish(this.failure(false), false)
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.ended) return
    this.finish({ ok: false, error: new NetworkError({ ...this.init(), ...describeNetworkFailure(error) }, this.context.errorOptions) }, false)
  }

  private body(): Buffer {
    return this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks, this.received)
  }

  private tooLarge(): AttemptOutcome {
    return {
      ok: false,
      error: new ResponseTooLargeError({ ...this.init(), status: this.status, limitBytes: this.context.maxResponseBytes }, this.context.errorOptions)
    }
  }

  private failure(truncated: boolean): AttemptOutcome {
    const text = decodeBody(this.body(), this.headers['content-type'] ?? null, truncated)
    const retryAfter = this.headers['retry-after']
    const retryAfterMs = retryAfter === undefined ? undefined : parseRetryAfter(retryAfter, this.context.now())
    const error = httpErrorForStatus(
      {
        ...this.init(),
        status: this.status,
        statusText: this.statusText,
        body: text,
        bodyTruncated: truncated,
        responseHeaders: this.headers,
        retryAfterMs
      },
      this.context.errorOptions
    )
    return { ok: false, error, retryAfterMs }
  }
}

export function poolAttempt(request: HttpRequest, target: RequestTarget, context: PoolAttemptContext): Promise<AttemptOutcome> {
  return new Promise((resolve) => {
    if (context.signal?.aborted) {
      resolve({ ok: false, error: new CancelledError({ method: request.method, url: request.url, attempts: context.attempt }, context.errorOptions) })
      return
    }
    const handler = new AttemptHandler(request, context, resolve)
    context.dispatcher.dispatch(
      {
        origin: target.origin,
        path: target.path,
        method: request.method,
        headers: request.headers,
        body: request.body === undefined ? null : Buffer.from(request.body, 'utf8'),
        // The attempt's own timer bounds headers and body together; undici's would only add timers.
        headersTimeout: 0,
        bodyTimeout: 0
      },
      handler
    )
  })
}
