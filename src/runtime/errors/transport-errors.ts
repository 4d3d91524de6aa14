/**
 * Requests that ended without a response: the server never answered in time, the connection
 * failed, or the caller gave up. There is no status to look at, only what happened to the socket.
 */
import type { MapcErrorOptions } from './mapc-error.js'
import { RequestError, type RequestErrorInit } from './request-error.js'

export interface TimeoutErrorInit extends RequestErrorInit {
  timeoutMs: number
}

/** No complete response (headers and body) within the per-attempt time limit. */
export class TimeoutError extends RequestError {
  declare readonly code: 'TIMEOUT'
  readonly timeoutMs: number
  constructor(init: TimeoutErrorInit, options: MapcErrorOptions = {}) {
    super('TIMEOUT', init, `no response within ${init.timeoutMs} ms`, true, options)
    this.timeoutMs = init.timeoutMs
  }

  protected override details(): Record<string, unknown> {
    return { ...super.details(), timeoutMs: this.timeoutMs }
  }
}

export interface NetworkErrorInit extends RequestErrorInit {
  /** The system's words for it: `connect ECONNREFUSED 127.0.0.1:9`, `other side closed`. */
  reason: string
  /** The system error code, when there is one (`ECONNREFUSED`, `UND_ERR_SOCKET`). */
  systemCode?: string
}

/** The connection could not be made, or broke before the whole response arrived. */
export class NetworkError extends RequestError {
  declare readonly code: 'NETWORK'
  readonly systemCode: string | undefined
  constructor(init: NetworkErrorInit, options: MapcErrorOptions = {}) {
    // `connect ECONNREFUSED 127.0.0.1:9` names its code already; other reasons get it in front.
    const code = init.systemCode === undefined || init.reason.includes(init.systemCode) ? '' : ` (${init.systemCode})`
    super('NETWORK', init, `network error${code}: ${init.reason}`, true, options)
    this.systemCode = init.systemCode
  }

  protected override details(): Record<string, unknown> {
    return this.systemCode === undefined ? super.details() : { ...super.details(), systemCode: this.systemCode }
  }
}

/** The caller's abort signal fired; nothing is retried after that. */
export class CancelledError extends RequestError {
  declare readonly code: 'CANCELLED'
  constructor(init: RequestErrorInit, options: MapcErrorOptions = {}) {
    super('CANCELLED', init, 'cancelled', false, options)
  }
}

export interface InvalidRequestErrorInit extends RequestErrorInit {
  reason: string
}

/**
 * A request that cannot be sent at all: a URL that does not parse, a header value with a line
 * break. A bug in the mapping or a setting, so it is never retried.
 */
export class InvalidRequestError extends RequestError {
  declare readonly code: 'INVALID_REQUEST'
  constructor(init: InvalidRequestErrorInit, options: MapcErrorOptions = {}) {
    super('INVALID_REQUEST', init, `cannot be sent: ${init.reason}`, false, options)
  }
}
