/**
 * What a run's results may be. An event is delivered; or skipped by a `skip` rule with its
 * reason; or refused with a PayloadValidationError that names a field of the action; or, in a
 * batch whose API reports per item, rejected by the API's own report. Anything else (an
 * internal error, a request the mapping could not build, a response the mapping could not
 * read) is a defect of the mapping or of mapc.
 */
import type { MapcError } from '../../runtime/errors/index.js'
import type { DeliveryResult } from '../../runtime/delivery/results.js'
import type { InputRun } from './run-input.js'

/** Why a result is not an acceptable outcome, or undefined when it is. */
export function unacceptableOutcome(result: DeliveryResult, fields: ReadonlySet<string>): string | undefined {
  switch (result.status) {
    case 'delivered':
      return undefined
    case 'skipped':
      return result.reason.trim() === '' ? 'skipped without a reason' : undefined
    case 'failed':
      return unacceptableFailure(result.error, fields)
  }
}

function unacceptableFailure(error: MapcError, fields: ReadonlySet<string>): string | undefined {
  // Codes, not instanceof: the generated module may load its own copy of the runtime.
  if (error.code === 'PAYLOAD_VALIDATION') {
    const named = ((error as { issues?: readonly { field: string }[] }).issues ?? []).some((issue) => fields.has(issue.field))
    return named ? undefined : `a PayloadValidationError that names no field of the action: ${error.message}`
  }
  if (error.code === 'ITEM_REJECTED') return undefined
  return `${error.name} (${error.code}): ${error.message}`
}

/** A result as comparisons see it: what happened, never object identity or stack traces. */
export function resultFingerprint(result: DeliveryResult): Record<string, unknown> {
  switch (result.status) {
    case 'delivered':
      return { status: result.status, requests: result.requests }
    case 'skipped':
      return { status: result.status, reason: result.reason, location: result.location }
    case 'failed':
      return { status: result.status, requests: result.requests, error: result.error.toJSON() }
  }
}

/** The requests as bytes (method, URL, headers, body) and the outcomes, as one text. */
export function runFingerprint(run: InputRun): string {
  return JSON.stringify({
    requests: run.exchanges.map(({ request }) => [request.method, request.url, request.headers, request.body]),
    results: run.results.map(resultFingerprint)
  })
}

/** The first place two runs differ, for a report: `request 2: …` or `the outcome of event 1: …`. */
export function firstDifference(a: InputRun, b: InputRun): string {
  const count = Math.max(a.exchanges.length, b.exchanges.length)
  for (let i = 0; i < count; i++) {
    const left = a.exchanges[i]?.request
    const right = b.exchanges[i]?.request
    if (!left || !right) return `one run sent ${requestCount(a)}, the other ${requestCount(b)}`
    const l = JSON.stringify([left.method, left.url, left.headers, left.body])
    const r = JSON.stringify([right.method, right.url, right.headers, right.body])
    if (l !== r) return `request ${i + 1} differs: ${l} vs ${r}`
  }
  for (let i = 0; i < Math.max(a.results.length, b.results.length); i++) {
    const l = JSON.stringify(a.results[i] ? resultFingerprint(a.results[i] as DeliveryResult) : null)
    const r = JSON.stringify(b.results[i] ? resultFingerprint(b.results[i] as DeliveryResult) : null)
    if (l !== r) return `the outcome of event ${i + 1} differs: ${l} vs ${r}`
  }
  return 'the runs do not differ'
}

function requestCount(run: InputRun): string {
  return `${run.exchanges.length} request${run.exchanges.length === 1 ? '' : 's'}`
}
