/**
 * Judging a replay as test/conformance/README.md says: exactly the recorded requests (order,
 * method, URL, the recorded headers, JSON bodies compared deeply), and the run ending the way
 * the reference's did, translated into mapc's own errors.
 */
import { isDeepStrictEqual } from 'node:util'
import type { CompiledAction } from '../runtime/contract.js'
import { HttpError, InternalError, MapcError, PayloadValidationError, ResponseError } from '../runtime/errors/index.js'
import type { DeliveryResult } from '../runtime/delivery/results.js'
import type { ConformanceCase, RecordedRequest } from './case.js'

export interface Difference {
  /** `requests[1].body`, `requests.length`, `error` */
  at: string
  expected: unknown
  actual: unknown
}

export interface Verdict {
  id: string
  pass: boolean
  diff: Difference[]
}

export function judge(c: ConformanceCase, action: CompiledAction, requests: readonly RecordedRequest[], results: readonly DeliveryResult[]): Verdict {
  const diff: Difference[] = [...compareRequests(c.expect.requests, requests), ...compareEnding(c, action, requests, results)]
  return { id: c.id, pass: diff.length === 0, diff }
}

function compareRequests(expected: readonly RecordedRequest[], actual: readonly RecordedRequest[]): Difference[] {
  const diff: Difference[] = []
  if (expected.length !== actual.length) {
    diff.push({ at: 'requests.length', expected: expected.length, actual: actual.length })
  }
  const n = Math.min(expected.length, actual.length)
  for (let i = 0; i < n; i++) {
    const e = expected[i] as RecordedRequest
    const a = actual[i] as RecordedRequest
    for (const key of ['method', 'url', 'headers', 'body'] as const) {
      if (!isDeepStrictEqual(e[key], a[key])) diff.push({ at: `requests[${i}].${key}`, expected: e[key], actual: a[key] })
    }
  }
  return diff
}

/** The error the run ended with: the single event's, or in a batch the first that is not a dropped invalid event. */
function endingError(c: ConformanceCase, results: readonly DeliveryResult[]): MapcError | undefined {
  const failures = results.filter((r): r is Extract<DeliveryResult, { status: 'failed' }> => r.status === 'failed')
  if (!c.batch) return failures[0]?.error
  // The reference drops events that fail validation from a batch; mapc reports them per event,
  // and the batch as a whole ends with the first error of another kind.
  return failures.find((f) => !(f.error instanceof PayloadValidationError))?.error
}

function compareEnding(c: ConformanceCase, action: CompiledAction, requests: readonly RecordedRequest[], results: readonly DeliveryResult[]): Difference[] {
  const error = endingError(c, results)
  const expected = c.expect.error
  const describe = (e: MapcError | undefined): string => (e === undefined ? 'no error' : `${e.name}: ${e.message}`)
  if (expected === null) return error === undefined ? [] : [{ at: 'error', expected: 'no error', actual: describe(error) }]
  const mismatch = (wanted: string): Difference[] => [{ at: 'error', expected: `${wanted} (reference: ${expected.kind}: ${expected.message})`, actual: describe(error) }]
  switch (expected.kind) {
    case 'AggregateAjvError': {
      if (!(error instanceof PayloadValidationError)) return mismatch('a PayloadValidationError')
      const named = new Set(error.issues.map((i) => i.field))
      const missing = fieldsNamedBy(expected.message, action).filter((f) => !named.has(f))
      return missing.length === 0 ? [] : mismatch(`a PayloadValidationError naming ${missing.join(', ')}`)
    }
    case 'HTTPError': {
      const status = c.responses[requests.length - 1]?.status
      return error instanceof HttpError && error.status === status ? [] : mismatch(`an HttpError with status ${status}`)
    }
    case 'RangeError':
      // The reference crashed converting a date it had accepted; mapc rejects the date up front.
      return error instanceof PayloadValidationError ? [] : mismatch('a PayloadValidationError for the date')
    case 'TypeError':
      // The reference crashed reading a value missing from a response; mapc names the value.
      return error instanceof ResponseError ? [] : mismatch('a ResponseError naming the missing value')
    default:
      return error instanceof MapcError && !(error instanceof InternalError) ? [] : mismatch('a named mapc error')
  }
}

/**
 * The fields a reference validation message is about: quoted names (`the required field 'x'`)
 * and labels that start a sentence (`Email address must be …`).
 */
export function fieldsNamedBy(message: string, action: CompiledAction): string[] {
  const names = new Set<string>()
  for (const match of message.matchAll(/'([^']+)'/g)) names.add(match[1] as string)
  for (const sentence of message.split(/(?<=\.)\s+/)) {
    const field = action.fields.find((f) => sentence.startsWith(`${f.label} must `))
    if (field) names.add(field.name)
  }
  return [...names]
}
