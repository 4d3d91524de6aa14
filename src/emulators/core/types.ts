/**
 * What an emulated API sees and answers, independent of HTTP: the server (http-server.ts) turns
 * sockets into these, and a caller without a network (`mapc run --dry-run`) hands them over
 * directly.
 */

export interface EmulatorRequest {
  method: string
  /** The path as sent, percent-encoded, without the query string: `/v2/objects/people/records/simple`. */
  path: string
  query: Record<string, string>
  /** Lower-case names. */
  headers: Record<string, string>
  /** The body as received; empty when there is none. */
  body: string
}

export interface EmulatorResponse {
  status: number
  /** Sent as JSON; `undefined` sends no body. */
  body?: unknown
  headers?: Record<string, string>
  /** The connection is cut without an answer (an injected fault): nothing else of this response is sent. */
  drop?: boolean
  /** Wait this long before answering (or dropping). */
  delayMs?: number
}

/**
 * The request as the API schemas describe requests (`{ method, url, query, headers, body }`), on
 * the API's own origin: what endpoint schemas validate and handlers read.
 */
export interface ApiRequest {
  method: string
  url: string
  query: Record<string, string>
  headers: Record<string, string>
  body?: unknown
}
