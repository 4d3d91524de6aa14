/**
 * A request that did not succeed, whether the server answered with an error status or never
 * answered at all. `instanceof RequestError` is the question "did sending fail?".
 */
import { redactUrl, redactUrlTemplate } from '../redaction/index.js'
import { MapcError, redactorOf, type MapcErrorOptions } from './mapc-error.js'
import type { MapcErrorCode } from './error-code.js'
import { prefixLocation } from './source-location.js'

export interface RequestErrorInit {
  method: string
  url: string
  /** How many times the request was sent, this failure included. */
  attempts?: number
  /**
   * `url` is the `.map` file's template with its parts named (`…/objects/{object}/records`), for a
   * request that could not be built: it is shown as written rather than parsed as a URL, which
   * would print the braces as `%7B…%7D`.
   */
  urlIsTemplate?: boolean
}

export abstract class RequestError extends MapcError {
  readonly method: string
  /** Redacted; see `redactUrl`. */
  readonly url: string
  readonly attempts: number

  protected constructor(
    code: MapcErrorCode,
    init: RequestErrorInit,
    /** What happened, after `METHOD endpoint: `; e.g. `422 Unprocessable Entity`. */
    outcome: string,
    retryable: boolean,
    options: MapcErrorOptions
  ) {
    const { url, endpoint } = init.urlIsTemplate === true ? redactUrlTemplate(init.url, redactorOf(options)) : redactUrl(init.url, redactorOf(options))
    const attempts = init.attempts ?? 1
    const tries = attempts > 1 ? ` (after ${attempts} attempts)` : ''
    super(code, prefixLocation(options.location, `${init.method} ${endpoint}: ${outcome}${tries}`), retryable, options)
    this.method = init.method
    this.url = url
    this.attempts = attempts
  }

  protected override details(): Record<string, unknown> {
    return { method: this.method, url: this.url, attempts: this.attempts }
  }
}
