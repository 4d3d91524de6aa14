/**
 * A success response whose body went past the client's limit. The body is not kept: reading on
 * would let one misbehaving server exhaust the process's memory, and sending the same request
 * again would bring the same body, so it is not retried.
 */
import type { MapcErrorOptions } from './mapc-error.js'
import { RequestError, type RequestErrorInit } from './request-error.js'

export interface ResponseTooLargeErrorInit extends RequestErrorInit {
  status: number
  /** The client's `maxResponseBytes`. */
  limitBytes: number
}

export class ResponseTooLargeError extends RequestError {
  declare readonly code: 'RESPONSE_TOO_LARGE'
  readonly status: number
  readonly limitBytes: number
  constructor(init: ResponseTooLargeErrorInit, options: MapcErrorOptions = {}) {
    super('RESPONSE_TOO_LARGE', init, `the ${init.status} response's body is larger than the ${init.limitBytes}-byte limit (maxResponseBytes)`, false, options)
    this.status = init.status
    this.limitBytes = init.limitBytes
  }

  protected override details(): Record<string, unknown> {
    return { ...super.details(), status: this.status, limitBytes: this.limitBytes }
  }
}
