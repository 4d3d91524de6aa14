/**
 * A transport that answers from a script instead of the network and records every request as it
 * would go on the wire: how conformance cases are replayed, and how tests deliver events. An
 * error status is thrown as the HTTP client throws it, so delivery sees what production sees.
 */
import type { Transport } from '../runtime/delivery/deliver.js'
import { httpErrorForStatus } from '../runtime/errors/index.js'
import type { Redactor } from '../runtime/redaction/index.js'

export interface SentRequest {
  method: string
  url: string
  headers: Record<string, string>
  /** The body exactly as it would be sent; undefined for a request without one. */
  body: string | undefined
}

export interface ScriptedAnswer {
  status: number
  body: unknown
}

/** The answer to the n-th request (0-based) of a transport's life. */
export type AnswerScript = (request: SentRequest, index: number) => ScriptedAnswer

/** Answers in order, then `200 {}` for every request past the end, as conformance cases define. */
export function answersInOrder(answers: readonly ScriptedAnswer[]): AnswerScript {
  return (_, index) => answers[index] ?? { status: 200, body: {} }
}

export function scriptedTransport(script: AnswerScript, redactor: Redactor): { transport: Transport; sent: SentRequest[] } {
  const sent: SentRequest[] = []
  const transport: Transport = async (request, meta) => {
    const recorded: SentRequest = { method: request.method, url: request.url, headers: { ...request.headers }, body: request.body }
    const answer = script(recorded, sent.length)
    sent.push(recorded)
    const text = JSON.stringify(answer.body) ?? ''
    if (answer.status < 200 || answer.status > 299) {
      throw httpErrorForStatus(
        { method: request.method, url: request.url, status: answer.status, body: text },
        { redactor, ...(meta.location ? { location: meta.location } : {}) }
      )
    }
    return { status: answer.status, statusText: '', headers: { 'content-type': 'application/json' }, body: answer.body, text }
  }
  return { transport, sent }
}
