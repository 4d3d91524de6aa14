/**
 * Errors of delivering events that are not about one HTTP exchange: an event that cannot be
 * delivered at all, an item a batch endpoint rejected on its own, and a failure mapc did not
 * anticipate (a bug), which is still reported rather than lost.
 */
import { MapcError, redactorOf, type MapcErrorOptions } from './mapc-error.js'
import { prefixLocation } from './source-location.js'

/** The event is not one: not an object, or without a string `type`. It is set aside, never dropped silently. */
export class InvalidEventError extends MapcError {
  declare readonly code: 'INVALID_EVENT'
  constructor(reason: string, options: MapcErrorOptions = {}) {
    super('INVALID_EVENT', `the event cannot be delivered: ${reason}`, false, options)
  }
}

/**
 * One item of a batch that the API answered with an error status of its own, while the rest went
 * through; or, `unattributed`, one the response may have failed without naming it (it reports
 * failures it does not attribute to items), which is retried.
 */
export class ItemRejectedError extends MapcError {
  declare readonly code: 'ITEM_REJECTED'
  readonly status: number
  readonly index: number
  readonly reason: string
  readonly unattributed: boolean

  constructor(init: { status: number; index: number; reason?: string; unattributed?: boolean }, options: MapcErrorOptions = {}) {
    const reason = redactorOf(options).redact(init.reason ?? '')
    const unattributed = init.unattributed === true
    const retryable = unattributed || init.status === 429 || init.status >= 500
    const text = unattributed ? `batch item ${init.index} not attributed, retried` : `batch item ${init.index} rejected with status ${init.status}`
    super('ITEM_REJECTED', prefixLocation(options.location, `${text}${reason === '' ? '' : `: ${reason}`}`), retryable, options)
    this.status = init.status
    this.index = init.index
    this.reason = reason
    this.unattributed = unattributed
  }

  protected override details(): Record<string, unknown> {
    return { status: this.status, index: this.index, reason: this.reason, ...(this.unattributed ? { unattributed: true } : {}) }
  }
}

/** Something mapc did not expect went wrong. The message says what; the delivery is failed, not lost. */
export class InternalError extends MapcError {
  declare readonly code: 'INTERNAL'
  constructor(message: string, options: MapcErrorOptions = {}) {
    super('INTERNAL', prefixLocation(options.location, `internal error: ${message}`), false, options)
  }
}
