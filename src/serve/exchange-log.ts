/**
 * The requests a dry run or a send made, as the page shows them: method, URL, headers with
 * secrets redacted, the body, and what came back. A transport wrapper records each exchange
 * and passes the request on unchanged.
 */
import type { HttpRequest, HttpResponse, Redactor, RequestMeta, Transport } from '../runtime/index.js'
import { HttpError, MapcError } from '../runtime/index.js'

export interface Exchange {
  method: string
  url: string
  headers: Record<string, string>
  /** Parsed when JSON; redacted either way. */
  body?: unknown
  /** The `.map` line of the request declaration. */
  line?: number
  response?: { status: number; body: unknown }
  /** Why there is no response, or why a response counts as a failure (the runtime's message). */
  error?: { code: string; message: string }
}

export function recordingTransport(inner: Transport, redactor: Redactor, log: Exchange[]): Transport {
  return async (request: HttpRequest, meta: RequestMeta): Promise<HttpResponse> => {
    const exchange: Exchange = { method: request.method, url: redactor.redact(request.url), headers: redactor.redactHeaders(request.headers) }
    if (request.body !== undefined) exchange.body = parsedOrText(redactor.redact(request.body))
    if (meta.location) exchange.line = meta.location.line
    log.push(exchange)
    try {
      const response = await inner(request, meta)
      exchange.response = { status: response.status, body: redactor.redactValue(response.body) }
      return response
    } catch (error) {
      if (error instanceof HttpError) exchange.response = { status: error.status, body: parsedOrText(error.bodyExcerpt) }
      exchange.error = error instanceof MapcError ? { code: error.code, message: error.message } : { code: 'INTERNAL', message: redactor.redact(String(error)) }
      throw error
    }
  }
}

function parsedOrText(body: string): unknown {
  try {
    return JSON.parse(body) as unknown
  } catch {
    return body
  }
}
