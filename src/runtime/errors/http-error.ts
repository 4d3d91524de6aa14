/**
 * An error status from the server. The subclass says what kind, and with it whether sending
 * again can help: rate limits and server errors pass, credentials and bad requests do not.
 */
import { STATUS_CODES } from 'node:http'
import type { HeaderInput } from '../redaction/index.js'
import { redactorOf, type MapcErrorOptions } from './mapc-error.js'
import type { MapcErrorCode } from './error-code.js'
import { RequestError, type RequestErrorInit } from './request-error.js'

export interface HttpErrorInit extends RequestErrorInit {
  status: number
  /** HTTP/2 has no reason phrase; the standard one is used when this is empty. */
  statusText?: string
  /** The start of the response body as read; redacted here. */
  body?: string
  /** Whether `body` stops at the client's read limit. */
  bodyTruncated?: boolean
  responseHeaders?: HeaderInput
}

export function reasonPhrase(status: number, statusText: string | undefined): string {
  return statusText !== undefined && statusText !== '' ? statusText : (STATUS_CODES[status] ?? '')
}

export abstract class HttpError extends RequestError {
  readonly status: number
  readonly statusText: string
  /** Redacted, and cut off at the client's limit when `bodyTruncated`. */
  readonly bodyExcerpt: string
  readonly bodyTruncated: boolean
  /** Redacted: sensitive headers such as `set-cookie` masked. */
  readonly responseHeaders: Record<string, string>

  protected constructor(code: MapcErrorCode, init: HttpErrorInit, retryable: boolean, options: MapcErrorOptions) {
    const statusText = reasonPhrase(init.status, init.statusText)
    super(code, init, `${init.status} ${statusText}`.trimEnd(), retryable, options)
    const redactor = redactorOf(options)
    const body = init.body ?? ''
    this.status = init.status
    this.statusText = redactor.redact(statusText)
    this.bodyTruncated = init.bodyTruncated ?? false
    this.bodyExcerpt = this.bodyTruncated ? redactor.redactTruncated(body) : redactor.redact(body)
    this.responseHeaders = redactor.redactHeaders(init.responseHeaders ?? {})
  }

  protected override details(): Record<string, unknown> {
    return {
      ...super.details(),
      status: this.status,
      statusText: this.statusText,
      body: this.bodyExcerpt,
      bodyTruncated: this.bodyTruncated,
      responseHeaders: { ...this.responseHeaders }
    }
  }
}

/** 401 or 403: the credentials are missing, wrong or lack a permission. Retrying sends the same ones. */
export class AuthenticationError extends HttpError {
  declare readonly code: 'AUTHENTICATION'
  constructor(init: HttpErrorInit, options: MapcErrorOptions = {}) {
    super('AUTHENTICATION', init, false, options)
  }
}

export interface RateLimitErrorInit extends HttpErrorInit {
  /** From `Retry-After`, when the server sent a usable one. */
  retryAfterMs?: number
}

/** 429. */
export class RateLimitError extends HttpError {
  declare readonly code: 'RATE_LIMIT'
  readonly retryAfterMs: number | undefined
  constructor(init: RateLimitErrorInit, options: MapcErrorOptions = {}) {
    super('RATE_LIMIT', init, true, options)
    this.retryAfterMs = init.retryAfterMs
  }

  protected override details(): Record<string, unknown> {
    return this.retryAfterMs === undefined ? super.details() : { ...super.details(), retryAfterMs: this.retryAfterMs }
  }
}

/** 5xx: the server failed; the same request may well succeed later. */
export class ServerError extends HttpError {
  declare readonly code: 'SERVER_ERROR'
  constructor(init: HttpErrorInit, options: MapcErrorOptions = {}) {
    super('SERVER_ERROR', init, true, options)
  }
}

/**
 * Any other 4xx: the request itself is wrong, so sending it again cannot help; except
 * 408 Request Timeout, where the server gave up waiting and invites a retry.
 */
export class ClientError extends HttpError {
  declare readonly code: 'CLIENT_ERROR'
  constructor(init: HttpErrorInit, options: MapcErrorOptions = {}) {
    super('CLIENT_ERROR', init, init.status === 408, options)
  }
}

/** A status that is neither success nor error: a redirect (the client does not follow them) or 1xx. */
export class UnexpectedStatusError extends HttpError {
  declare readonly code: 'HTTP_STATUS'
  constructor(init: HttpErrorInit, options: MapcErrorOptions = {}) {
    super('HTTP_STATUS', init, false, options)
  }
}

/** The error class for a non-2xx status. */
export function httpErrorForStatus(init: RateLimitErrorInit, options: MapcErrorOptions = {}): HttpError {
  const { status } = init
  if (status === 401 || status === 403) return new AuthenticationError(init, options)
  if (status === 429) return new RateLimitError(init, options)
  if (status >= 500 && status <= 599) return new ServerError(init, options)
  if (status >= 400 && status <= 499) return new ClientError(init, options)
  return new UnexpectedStatusError(init, options)
}
