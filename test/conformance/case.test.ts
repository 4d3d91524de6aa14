/**
 * Reading a case file (src/conformance/case.ts): a well-formed case is taken as it is, with the
 * optional keys filled in; a malformed one is refused with one problem per wrong key, named, so
 * `mapc replay` says what to fix instead of crashing while it judges.
 */
import { describe, expect, it } from 'vitest'
import { readCase } from '../../src/conformance/case.js'

const valid = {
  id: 'shop-track-001',
  destination: 'shop',
  action: 'track',
  batch: false,
  settings: {},
  auth: null,
  mapping: {},
  useDefaultMappings: true,
  events: [{ type: 'track', event: 'Signed Up' }],
  responses: [{ status: 200, body: {} }],
  expect: { requests: [{ method: 'POST', url: 'https://api.shop.test/e', headers: { 'content-type': 'application/json' }, body: null }], error: null }
}

function problemsOf(changes: Record<string, unknown>): string[] {
  return readCase({ ...valid, ...changes }, 'case.json').problems
}

describe('readCase', () => {
  it('takes a well-formed case, with an empty description and no deviations when it gives none', () => {
    expect(readCase(valid, 'case.json')).toEqual({ case: { ...valid, description: '', deviations: [] }, problems: [] })
  })

  it('refuses what is not an object', () => {
    expect(readCase([], 'case.json').problems[0]).toBe('case.json: a case is a JSON object')
    expect(readCase(null, 'case.json').case).toBeUndefined()
  })

  it('names each key that is missing or of the wrong type', () => {
    const { id: _id, batch: _batch, ...rest } = valid
    expect(readCase({ ...rest, events: [] }, 'case.json').problems).toEqual([
      'case.json: "id" must be a string',
      'case.json: "batch" must be a boolean',
      'case.json: "events" must be a non-empty array of objects'
    ])
  })

  it('takes only an identifier as the destination, since it names a .map file', () => {
    expect(problemsOf({ destination: '../secrets/x' })).toEqual(['case.json: "destination" must be a destination name (an identifier)'])
  })

  it('refuses tokens that are not strings and responses without a status or a body', () => {
    expect(problemsOf({ auth: { accessToken: 42 }, responses: [{ status: '200', body: {} }, { status: 200 }] })).toEqual([
      'case.json: "auth" must be null or an object of token strings',
      'case.json: "responses" must be an array of { "status": integer, "body": JSON }'
    ])
  })

  it('names each recorded request that is not { method, url, headers, body }', () => {
    const requests = [null, { method: 'POST', url: 'https://x.test', headers: { a: 1 }, body: null }, { method: 'GET', url: 'https://x.test', headers: {} }]
    expect(problemsOf({ expect: { requests, error: null } })).toEqual([
      'case.json: "expect.requests[0]" must be { "method": string, "url": string, "headers": { name: string }, "body": JSON }',
      'case.json: "expect.requests[1]" must be { "method": string, "url": string, "headers": { name: string }, "body": JSON }',
      'case.json: "expect.requests[2]" must be { "method": string, "url": string, "headers": { name: string }, "body": JSON }'
    ])
  })

  it('refuses an expected error without its kind and message, and an expectation without an error', () => {
    expect(problemsOf({ expect: { requests: [], error: { kind: 'HTTPError' } } })).toEqual([
      'case.json: "expect.error" must be null or { "kind": string, "message": string }'
    ])
    expect(problemsOf({ expect: { requests: [] } })).toEqual(['case.json: "expect" must be an object with "requests" and "error"'])
  })

  it('refuses a description or deviations of the wrong type', () => {
    expect(problemsOf({ description: 3, deviations: ['ok', 4] })).toEqual([
      'case.json: "description" must be a string',
      'case.json: "deviations" must be a list of strings'
    ])
  })
})
