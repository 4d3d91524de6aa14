/**
 * A transport that records the HTTP requests a delivery makes and answers each with the next
 * scripted reply: a response, or an error to throw (as the real client throws for a 4xx/5xx).
 */
import type { Transport } from '../../../../src/runtime/delivery/deliver.js'
import type { HttpRequest, HttpResponse, RequestMeta } from '../../../../src/runtime/http/index.js'

export type ScriptedReply = { status: number; body: unknown } | { throws: unknown }

export interface RecordingTransport {
  transport: Transport
  requests: { request: HttpRequest; meta: RequestMeta }[]
  script(...replies: ScriptedReply[]): void
}

export function recordingTransport(): RecordingTransport {
  const requests: { request: HttpRequest; meta: RequestMeta }[] = []
  const queue: ScriptedReply[] = []
  const transport: Transport = async (request, meta) => {
    requests.push({ request, meta })
    const reply = queue.shift() ?? { status: 200, body: {} }
    if ('throws' in reply) throw reply.throws
    const response: HttpResponse = { status: reply.status, statusText: '', headers: {}, body: reply.body, text: JSON.stringify(reply.body) }
    return response
  }
  return { transport, requests, script: (...replies) => queue.push(...replies) }
}

/** The JSON body of a recorded request. */
export function bodyOf(request: HttpRequest | undefined): unknown {
  if (request?.body === undefined) throw new Error('the request has no body')
  return JSON.parse(request.body) as unknown
}
