/**
 * The judge must fail replays that differ from the recording: these tests break the real
 * destinations on purpose (one change each) and check that the cases that exercise the change,
 * and only a plausible number of them, fail — and with what diff.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readCase, type ConformanceCase } from '../../src/conformance/case.js'
import { fieldsNamedBy, judge } from '../../src/conformance/judge.js'
import { replayCase } from '../../src/conformance/replay.js'
import { interpretDestination } from '../../src/compiler/interpret/interpret.js'
import type { DeliveryResult } from '../../src/runtime/delivery/results.js'
import { httpErrorForStatus, InternalError, PayloadValidationError, ResponseError, type MapcError } from '../../src/runtime/errors/index.js'
import { compileMap } from '../support/build-destination.js'

function casesOf(destination: string): ConformanceCase[] {
  const dir = join('test/conformance/cases', destination)
  return readdirSync(dir)
    .sort()
    .map((f) => readCase(JSON.parse(readFileSync(join(dir, f), 'utf8')), f).case as ConformanceCase)
}

async function failingCases(destination: string, from: string, to: string): Promise<Map<string, string[]>> {
  const file = `mappings/${destination}.map`
  const text = readFileSync(file, 'utf8')
  expect(text).toContain(from)
  const broken = interpretDestination(compileMap(file, text.replace(from, to)))
  const failing = new Map<string, string[]>()
  for (const c of casesOf(destination)) {
    const outcome = await replayCase(c, broken)
    const verdict = judge(c, outcome.action, outcome.requests, outcome.results)
    if (!verdict.pass) failing.set(c.id, verdict.diff.map((d) => d.at))
  }
  return failing
}

describe('the judge catches a broken destination', () => {
  it('a wrong query value fails every single-event Attio case that sends a request', async () => {
    const failing = await failingCases('attio', 'append_to_existing_values: "true"', 'append_to_existing_values: "false"')
    expect(failing.get('attio-identifyUser-003')).toEqual(['requests[0].url', 'requests[1].url'])
    expect(failing.has('attio-identifyUser-029')).toBe(false) // batches use another endpoint
    expect(failing.size).toBe(31)
  })

  it('swapped fallbacks fail exactly the cases that have both emails', async () => {
    const failing = await failingCases('attio', 'default $.traits.email ?? $["email"]', 'default $["email"] ?? $.traits.email')
    expect([...failing.keys()].sort()).toEqual(['attio-identifyUser-003', 'attio-identifyUser-029'])
  })

  it('lower-casing instead of snake_casing fails the event-name cases', async () => {
    const failing = await failingCases('schematic', 'event: snake_case(event_name)', 'event: lower(event_name)')
    expect(failing.get('schematic-trackEvent-002')).toEqual(['requests[0].body'])
    expect(failing.has('schematic-trackEvent-020')).toBe(false) // "a" is the same either way
  })

  it('a header the recordings do not have fails every case that sends a request', async () => {
    const auth = 'header authorization = "Bearer " + (auth.accessToken ?? "undefined")'
    const failing = await failingCases('attio', auth, `${auth}\n    header "x-trace" = "on"`)
    expect(failing.get('attio-identifyUser-003')).toEqual(['requests[0].headers', 'requests[1].headers'])
    const sending = casesOf('attio').filter((c) => c.expect.requests.length > 0)
    expect([...failing.keys()].sort()).toEqual(sending.map((c) => c.id).sort())
    for (const diff of failing.values()) expect(diff.every((at) => /^requests\[\d+\]\.headers$/.test(at))).toBe(true)
  })

  it('always sending users fails the case whose userId is empty', async () => {
    const failing = await failingCases('attio', 'users: if exists(user_id) then [user_id],', 'users: [user_id],')
    expect([...failing.keys()]).toEqual(['attio-groupWorkspace-006'])
  })
})

describe('reading the reference error messages', () => {
  const action = {
    fields: [
      { name: 'email_address', label: 'Email address' },
      { name: 'received_at', label: 'Received at' }
    ]
  } as never

  it('finds quoted field names', () => {
    expect(
      fieldsNamedBy("The root value is missing the required field 'domain'. The root value is missing the required field 'workspace_id'.", action)
    ).toEqual(['domain', 'workspace_id'])
  })

  it('finds fields by the label that starts a sentence', () => {
    expect(fieldsNamedBy('Email address must be a valid email address string but it was not.', action)).toEqual(['email_address'])
    expect(fieldsNamedBy('Received at must be a valid date-like string but it was not.', action)).toEqual(['received_at'])
  })

  it('finds labels that start a later sentence, after any run of spaces', () => {
    expect(fieldsNamedBy('The payload is invalid. Email address must be a valid email address string but it was not.', action)).toEqual(['email_address'])
    expect(fieldsNamedBy('The payload is invalid.  \tReceived at must be a valid date-like string.', action)).toEqual(['received_at'])
    expect(fieldsNamedBy('Email address must be set. Received at must be a date.', action)).toEqual(['email_address', 'received_at'])
    // Only at the start of a sentence: a label in the middle names nothing.
    expect(fieldsNamedBy('The Email address must be set.', action)).toEqual([])
  })
})

describe('judging how a run ended', () => {
  const action = { fields: [{ name: 'email_address', label: 'Email address' }, { name: 'user_id', label: 'ID' }] } as never
  const request = { method: 'PUT', url: 'https://api.attio.com/v2/batch/records', headers: {}, body: null }

  function caseEnding(error: ConformanceCase['expect']['error'], changes: Partial<ConformanceCase> = {}): ConformanceCase {
    const base = casesOf('attio')[0] as ConformanceCase
    return { ...base, batch: false, responses: [{ status: 500, body: {} }], expect: { requests: [request], error }, ...changes }
  }
  const failed = (error: MapcError): DeliveryResult => ({ destination: 'attio', action: 'identifyUser', subscription: 'c', status: 'failed', error, requests: 1 })
  const delivered: DeliveryResult = { destination: 'attio', action: 'identifyUser', subscription: 'c', status: 'delivered', requests: 1 }
  const invalid = (...fields: string[]) => new PayloadValidationError(fields.map((field) => ({ field, message: 'is required but missing' })))
  const serverError = (status: number) => httpErrorForStatus({ method: 'PUT', url: request.url, status })
  const missingId = new ResponseError({ valuePath: 'company.data.id.record_id' })
  const described = (e: MapcError): string => `${e.name}: ${e.message}`

  function ending(c: ConformanceCase, results: DeliveryResult[]): unknown[] {
    return judge(c, action, [request], results).diff
  }

  it('fails a run that errs where the reference did not, naming the error', () => {
    const error = invalid('email_address')
    expect(ending(caseEnding(null), [failed(error)])).toEqual([{ at: 'error', expected: 'no error', actual: described(error) }])
    expect(ending(caseEnding(null), [delivered])).toEqual([])
  })

  it('wants a validation error that names every field the reference quoted', () => {
    const reference = { kind: 'AggregateAjvError', message: "The root value is missing the required field 'email_address'. The root value is missing the required field 'user_id'." }
    const partly = invalid('email_address')
    expect(ending(caseEnding(reference), [failed(partly)])).toEqual([
      { at: 'error', expected: `a PayloadValidationError naming user_id (reference: AggregateAjvError: ${reference.message})`, actual: described(partly) }
    ])
    expect(ending(caseEnding(reference), [failed(invalid('user_id', 'email_address'))])).toEqual([])
    expect(ending(caseEnding(reference), [delivered])).toEqual([
      { at: 'error', expected: `a PayloadValidationError (reference: AggregateAjvError: ${reference.message})`, actual: 'no error' }
    ])
  })

  it('wants an HTTP error with the status of the last answer', () => {
    const reference = { kind: 'HTTPError', message: 'Internal Server Error' }
    expect(ending(caseEnding(reference), [failed(serverError(500))])).toEqual([])
    const other = serverError(503)
    expect(ending(caseEnding(reference), [failed(other)])).toEqual([
      { at: 'error', expected: 'an HttpError with status 500 (reference: HTTPError: Internal Server Error)', actual: described(other) }
    ])
  })

  it('wants a named error where the reference crashed: a validation error for a date, a response error for a missing value', () => {
    const range = { kind: 'RangeError', message: 'Invalid time value' }
    const type = { kind: 'TypeError', message: "Cannot read properties of undefined (reading 'record_id')" }
    expect(ending(caseEnding(range), [failed(invalid('received_at'))])).toEqual([])
    expect(ending(caseEnding(range), [failed(missingId)])).toEqual([
      { at: 'error', expected: `a PayloadValidationError for the date (reference: RangeError: ${range.message})`, actual: described(missingId) }
    ])
    expect(ending(caseEnding(type), [failed(missingId)])).toEqual([])
    expect(ending(caseEnding(type), [delivered])).toEqual([
      { at: 'error', expected: `a ResponseError naming the missing value (reference: TypeError: ${type.message})`, actual: 'no error' }
    ])
  })

  it('takes any named mapc error for another kind of reference error, but not an internal one', () => {
    const reference = { kind: 'Error', message: 'boom' }
    expect(ending(caseEnding(reference), [failed(missingId)])).toEqual([])
    const internal = new InternalError('unexpected')
    expect(ending(caseEnding(reference), [failed(internal)])).toEqual([
      { at: 'error', expected: 'a named mapc error (reference: Error: boom)', actual: described(internal) }
    ])
  })

  it('in a batch, ends with the first error that is not an invalid event the reference would have dropped', () => {
    const reference = { kind: 'HTTPError', message: 'Internal Server Error' }
    const batch = caseEnding(reference, { batch: true })
    expect(ending(batch, [failed(invalid('email_address')), failed(serverError(500))])).toEqual([])
    expect(ending(caseEnding(null, { batch: true }), [failed(invalid('email_address')), delivered])).toEqual([])
  })

  it('in a batch, reads the ending error past events that were delivered', () => {
    const reference = { kind: 'HTTPError', message: 'Internal Server Error' }
    expect(ending(caseEnding(reference, { batch: true }), [delivered, failed(serverError(500))])).toEqual([])
    const other = serverError(502)
    expect(ending(caseEnding(reference, { batch: true }), [delivered, failed(other)])).toEqual([
      { at: 'error', expected: 'an HttpError with status 500 (reference: HTTPError: Internal Server Error)', actual: described(other) }
    ])
  })

  it('wants an HTTP error where none was sent as a mismatch, not a crash', () => {
    const reference = { kind: 'HTTPError', message: 'Internal Server Error' }
    const c = caseEnding(reference, { responses: [] })
    expect(judge(c, action, [], [failed(serverError(500))]).diff).toEqual([
      { at: 'requests.length', expected: 1, actual: 0 },
      { at: 'error', expected: 'an HttpError with status undefined (reference: HTTPError: Internal Server Error)', actual: described(serverError(500)) }
    ])
  })

  it('names every quoted field a validation error lacks', () => {
    const reference = { kind: 'AggregateAjvError', message: "The root value is missing the required field 'email_address'. The root value is missing the required field 'user_id'." }
    const neither = new PayloadValidationError([{ field: 'other', message: 'is required but missing' }])
    expect(ending(caseEnding(reference), [failed(neither)])).toEqual([
      { at: 'error', expected: `a PayloadValidationError naming email_address, user_id (reference: AggregateAjvError: ${reference.message})`, actual: described(neither) }
    ])
  })
})

describe('judging the requests, one difference at a time', () => {
  const action = { fields: [] } as never
  const first = { method: 'PUT', url: 'https://api.attio.com/v2/objects/people/records?matching_attribute=email_addresses', headers: { authorization: 'Bearer t', 'content-type': 'application/json' }, body: { data: { values: { email_addresses: [{ email_address: 'a@b.co' }], name: [{ full_name: 'Ada' }] } } } }
  const second = { method: 'POST', url: 'https://api.attio.com/v2/objects/users/records', headers: { authorization: 'Bearer t' }, body: { data: { values: { primary_email_address: 'a@b.co' } } } }
  const delivered: DeliveryResult = { destination: 'attio', action: 'identifyUser', subscription: 'c', status: 'delivered', requests: 2 }
  const recorded: ConformanceCase = { ...(casesOf('attio')[0] as ConformanceCase), batch: false, responses: [{ status: 200, body: {} }, { status: 200, body: {} }], expect: { requests: [first, second], error: null } }
  const verdict = (requests: unknown[]) => judge(recorded, action, requests as never, [delivered])
  const copy = <T>(value: T): T => structuredClone(value)

  it('passes exactly the recorded requests', () => {
    expect(verdict([copy(first), copy(second)])).toEqual({ id: recorded.id, pass: true, diff: [] })
  })

  it('fails a header with another value, a missing header and an extra one', () => {
    const changed = { ...copy(first), headers: { ...first.headers, authorization: 'Bearer other' } }
    expect(verdict([changed, copy(second)]).diff).toEqual([{ at: 'requests[0].headers', expected: first.headers, actual: changed.headers }])
    const missing = { ...copy(second), headers: {} }
    expect(verdict([copy(first), missing]).diff).toEqual([{ at: 'requests[1].headers', expected: second.headers, actual: {} }])
    const extra = { ...copy(second), headers: { ...second.headers, 'x-trace': 'on' } }
    expect(verdict([copy(first), extra]).pass).toBe(false)
  })

  it('fails a body that differs deep inside, in a value, a type or a key', () => {
    const deep = copy(first)
    deep.body.data.values.email_addresses[0] = { email_address: 'A@b.co' }
    expect(verdict([deep, copy(second)]).diff).toEqual([{ at: 'requests[0].body', expected: first.body, actual: deep.body }])
    const typed = copy(second) as { body: { data: { values: Record<string, unknown> } } }
    typed.body.data.values.primary_email_address = ['a@b.co']
    expect(verdict([copy(first), typed]).diff.map((d) => d.at)).toEqual(['requests[1].body'])
    const extraKey = copy(second) as { body: { data: { values: Record<string, unknown> } } }
    extraKey.body.data.values.name = undefined
    expect(verdict([copy(first), extraKey]).diff.map((d) => d.at)).toEqual(['requests[1].body'])
  })

  it('fails another method or URL, and requests in another order', () => {
    expect(verdict([{ ...copy(first), method: 'PATCH' }, copy(second)]).diff.map((d) => d.at)).toEqual(['requests[0].method'])
    expect(verdict([{ ...copy(first), url: first.url.replace('email_addresses', 'email') }, copy(second)]).diff.map((d) => d.at)).toEqual(['requests[0].url'])
    expect(verdict([copy(second), copy(first)]).diff.map((d) => d.at)).toEqual([
      'requests[0].method',
      'requests[0].url',
      'requests[0].headers',
      'requests[0].body',
      'requests[1].method',
      'requests[1].url',
      'requests[1].headers',
      'requests[1].body'
    ])
  })

  it('fails fewer or more requests than recorded, comparing those both have', () => {
    expect(verdict([copy(first)]).diff).toEqual([{ at: 'requests.length', expected: 2, actual: 1 }])
    expect(verdict([copy(first), copy(second), copy(second)]).diff).toEqual([{ at: 'requests.length', expected: 2, actual: 3 }])
    expect(verdict([]).diff).toEqual([{ at: 'requests.length', expected: 2, actual: 0 }])
  })

  it("wants the HTTP error of the last request's answer, not of another", () => {
    const reference = { kind: 'HTTPError', message: 'Not Found' }
    const c: ConformanceCase = { ...recorded, responses: [{ status: 200, body: {} }, { status: 404, body: {} }], expect: { requests: [first, second], error: reference } }
    const failedWith = (status: number): DeliveryResult => ({
      destination: 'attio',
      action: 'identifyUser',
      subscription: 'c',
      status: 'failed',
      error: httpErrorForStatus({ method: 'POST', url: second.url, status }),
      requests: 2
    })
    expect(judge(c, action, [copy(first), copy(second)], [failedWith(404)]).pass).toBe(true)
    expect(judge(c, action, [copy(first), copy(second)], [failedWith(200 + 300)]).diff.map((d) => d.at)).toEqual(['error'])
    expect(judge(c, action, [copy(first), copy(second)], [failedWith(401)]).diff.map((d) => d.at)).toEqual(['error'])
    // After one request the last answer is the first one's (200): no HTTP error has that status.
    expect(judge(c, action, [copy(first)], [failedWith(404)]).diff.map((d) => d.at)).toEqual(['requests.length', 'error'])
  })
})
