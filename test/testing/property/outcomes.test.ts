import { describe, expect, it } from 'vitest'
import type { DeliveryResult } from '../../../src/runtime/delivery/results.js'
import { InternalError, InvalidRequestError, ItemRejectedError, PayloadValidationError, ResponseError, type MapcError } from '../../../src/runtime/errors/index.js'
import { firstDifference, runFingerprint, unacceptableOutcome } from '../../../src/testing/property/outcomes.js'
import type { InputRun } from '../../../src/testing/property/run-input.js'

const base = { destination: 'd', action: 'a', subscription: 's' }
const fields = new Set(['email', 'user_id'])
const loc = { file: 'd.map', line: 3, column: 5 }
const failed = (error: MapcError): DeliveryResult => ({ ...base, status: 'failed', error, requests: 0 })

describe('acceptable outcomes', () => {
  it('accept a delivery, a skip with its reason, a validation error naming a field, an item the API rejected', () => {
    expect(unacceptableOutcome({ ...base, status: 'delivered', requests: 2 }, fields)).toBeUndefined()
    expect(unacceptableOutcome({ ...base, status: 'skipped', reason: 'no domain', location: loc }, fields)).toBeUndefined()
    expect(unacceptableOutcome(failed(new PayloadValidationError([{ field: 'email', message: 'is required but missing' }])), fields)).toBeUndefined()
    expect(unacceptableOutcome(failed(new ItemRejectedError({ status: 422, index: 0 })), fields)).toBeUndefined()
  })

  it('refuse a skip without a reason and a validation error that names no field of the action', () => {
    expect(unacceptableOutcome({ ...base, status: 'skipped', reason: ' ', location: loc }, fields)).toBe('skipped without a reason')
    expect(unacceptableOutcome(failed(new PayloadValidationError([{ field: '', message: 'is invalid' }])), fields)).toBe(
      'a PayloadValidationError that names no field of the action: payload: is invalid'
    )
    expect(unacceptableOutcome(failed(new PayloadValidationError([{ field: 'other', message: 'is bad' }])), fields)).toBe(
      'a PayloadValidationError that names no field of the action: field other: is bad'
    )
  })

  it('refuse every other error, naming its class and code', () => {
    expect(unacceptableOutcome(failed(new InternalError('boom')), fields)).toMatch(/^InternalError \(INTERNAL\): /)
    expect(unacceptableOutcome(failed(new ResponseError({ valuePath: 'company.data.id', problem: 'is missing' }, { location: loc })), fields)).toMatch(
      /^ResponseError \(RESPONSE_VALUE_MISSING\): d\.map:3:5 /
    )
    expect(unacceptableOutcome(failed(new InvalidRequestError({ method: 'PUT', url: 'https://x/{0}', reason: 'object is absent' })), fields)).toMatch(
      /^InvalidRequestError \(INVALID_REQUEST\): /
    )
  })
})

describe('run fingerprints', () => {
  const request = (body: string) => ({ method: 'POST', url: 'https://x.test/a', headers: { 'content-type': 'application/json' }, body })
  const run = (...bodies: string[]): InputRun => ({ exchanges: bodies.map((b) => ({ request: request(b), response: {} })), results: [{ ...base, status: 'delivered', requests: bodies.length }] })

  it('are equal for the same bytes and differ at the first different byte of a body', () => {
    expect(runFingerprint(run('{"a":1}'))).toBe(runFingerprint(run('{"a":1}')))
    expect(runFingerprint(run('{"a":1}'))).not.toBe(runFingerprint(run('{"a": 1}')))
    expect(firstDifference(run('{"a":1}', '{"b":2}'), run('{"a":1}', '{"b":3}'))).toBe(
      'request 2 differs: ["POST","https://x.test/a",{"content-type":"application/json"},"{\\"b\\":2}"] vs ["POST","https://x.test/a",{"content-type":"application/json"},"{\\"b\\":3}"]'
    )
    expect(firstDifference(run('{}'), run('{}', '{}'))).toBe('one run sent 1 request, the other 2 requests')
  })

  it('include the outcome', () => {
    const skipped: InputRun = { exchanges: [], results: [{ ...base, status: 'skipped', reason: 'r', location: loc }] }
    const delivered: InputRun = { exchanges: [], results: [{ ...base, status: 'delivered', requests: 0 }] }
    expect(runFingerprint(skipped)).not.toBe(runFingerprint(delivered))
    expect(firstDifference(skipped, delivered)).toBe(
      'the outcome of event 1 differs: {"status":"skipped","reason":"r","location":{"file":"d.map","line":3,"column":5}} vs {"status":"delivered","requests":0}'
    )
  })
})
