/**
 * What compiled action modules hand the delivery layer, and what they get back.
 */
import type { SourceLocation } from '../errors/index.js'

export interface HttpRequest {
  /** Upper case, as declared in the `.map` file: `GET`, `PUT`, … */
  method: string
  /** Absolute `http:` or `https:` URL, query string included. */
  url: string
  /** Sent as given: nothing is added (not even `content-type`) beyond what fetch itself sends. */
  headers: Record<string, string>
  /** Sent as UTF-8 bytes. */
  body?: string
}

export interface HttpResponse {
  status: number
  statusText: string
  /** Lower-case names; repeated headers joined with `, `. */
  headers: Record<string, string>
  /** Parsed JSON when the response is JSON, else the text itself. */
  body: unknown
  /** The body as received (decoded). */
  text: string
}

export interface RequestMeta {
  /** The `.map` declaration of the request: every error of this delivery names it. */
  location?: SourceLocation
  /** Cancels the request and any wait for a retry; the send then fails with `CancelledError`. */
  signal?: AbortSignal
}
