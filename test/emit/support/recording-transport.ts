/**
 * A transport that records the bytes a delivery would put on the wire and answers from a script,
 * so compiled and interpreted destinations can be compared request for request.
 */
import type { Transport } from '../../../src/runtime/delivery/deliver.js'
import { httpErrorForStatus } from '../../../src/runtime/errors/index.js'
import type { Redactor } from '../../../src/runtime/redaction/index.js'

export interface RecordedRequest {
  method: string
  url: string
  headers: Record<string, string>
  /** The body exactly as it would be sent; undefined for a request without one. */
  body: string | undefined
}

export interface ScriptedResponse {
  status: number
  body: unknown
}

/** The answer to the n-th request (0-based) of a transport's life. */
export type ResponseScript = (request: RecordedRequest, index: number) => ScriptedResponse

export interface RecordingTransport {
  transport: Transport
  requests: RecordedRequest[]
}

export function recordingTransport(script: ResponseScript, redactor: Redactor): RecordingTransport {
  const requests: RecordedRequest[] = []
  const transport: Transport = async (request, meta) => {
    const recorded: RecordedRequest = { method: request.method, url: request.url, headers: { ...request.headers }, body: request.body }
    const answer = script(recorded, requests.length)
    requests.push(recorded)
    const text = JSON.stringify(answer.body) ?? ''
    if (answer.status < 200 || answer.status > 299) {
      throw httpErrorForStatus(
        { method: request.method, url: request.url, status: answer.status, body: text },
        { redactor, ...(meta.location ? { location: meta.location } : {}) }
      )
    }
    return { status: answer.status, statusText: '', headers: { 'content-type': 'application/json' }, body: answer.body, text }
  }
  return { transport, requests }
}
