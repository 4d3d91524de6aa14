/**
 * A response that lacks a value a later step reads: `let company = upsert …` followed by a use
 * of `company.data.id.record_id` when the API answered without a record id. The error names the
 * value and the line that read it, where a generated module would otherwise crash on `undefined`.
 */
import { redactUrl } from '../redaction/index.js'
import { MapcError, redactorOf, type MapcErrorOptions } from './mapc-error.js'
import { prefixLocation } from './source-location.js'

export interface ResponseErrorInit {
  /** The value as written in the `.map` file: `company.data.id.record_id`. */
  valuePath: string
  /** What is wrong with it; `is missing` unless said otherwise (`is not a string`). */
  problem?: string
  /** The request whose response it is. */
  request?: { method: string; url: string }
}

export class ResponseError extends MapcError {
  declare readonly code: 'RESPONSE_VALUE_MISSING'
  readonly valuePath: string
  readonly request: { method: string; url: string } | undefined

  /** `options.location` is where the value is read, not where the request was declared. */
  constructor(init: ResponseErrorInit, options: MapcErrorOptions = {}) {
    const redactor = redactorOf(options)
    const request =
      init.request === undefined ? undefined : { method: init.request.method, ...redactUrl(init.request.url, redactor) }
    const from = request === undefined ? '' : ` in the response of ${request.method} ${request.endpoint}`
    const problem = init.problem ?? 'is missing'
    super(
      'RESPONSE_VALUE_MISSING',
      prefixLocation(options.location, `${init.valuePath} ${problem}${from}`),
      false,
      options
    )
    this.valuePath = init.valuePath
    this.request = request === undefined ? undefined : { method: request.method, url: request.url }
  }

  protected override details(): Record<string, unknown> {
    return this.request === undefined
      ? { valuePath: this.valuePath }
      : { valuePath: this.valuePath, request: { ...this.request } }
  }
}
