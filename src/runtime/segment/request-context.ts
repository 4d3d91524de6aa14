/**
 * mapc's ActionContext over actions-core's request client: a compiled step's RequestSpec becomes
 * the same bytes mapc sends (toHttpRequest: URL parts already encoded by the compiled step, query
 * encoded, JSON serialised with its content type), and goes out through `request`, so that
 * actions-core's `extendRequest` adds the auth headers and its HTTPError reports a failed status
 * the way Segment's platform expects.
 */
import type { ActionContext, HttpMethod, ValueContext } from '../contract.js'
import { toHttpRequest } from '../delivery/http-request.js'
import type { Redactor } from '../redaction/index.js'

/**
 * actions-core's `request` as far as it is used here (its own type is not imported: its
 * declarations replace the global fetch types of the project that imports them).
 */
export type RequestClient = (
  url: string,
  options: { method: HttpMethod; headers: Record<string, string>; body?: string }
) => Promise<{ status: number; data?: unknown; content?: string }>

export function requestContext(request: RequestClient, ctx: ValueContext, redactor: Redactor, counter: { requests: number }): ActionContext {
  return {
    settings: ctx.settings,
    auth: ctx.auth,
    async send(spec) {
      // The auth headers are extendRequest's; those the step declares itself go with the request.
      const http = toHttpRequest(spec, {}, redactor)
      counter.requests++
      const response = await request(http.url, {
        method: spec.method,
        headers: http.headers,
        ...(http.body !== undefined ? { body: http.body } : {})
      })
      return { status: response.status, body: response.data ?? response.content }
    }
  }
}
