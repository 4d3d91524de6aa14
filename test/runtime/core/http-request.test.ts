/** RequestSpec → HttpRequest: the exact URL, headers and body bytes a compiled request becomes. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { RequestSpec } from '../../../src/runtime/contract.js'
import { toHttpRequest } from '../../../src/runtime/delivery/http-request.js'
import { InvalidRequestError } from '../../../src/runtime/errors/index.js'
import { createRedactor } from '../../../src/runtime/redaction/index.js'
import { thrownBy } from './support/thrown.js'

const loc = { file: 'x.map', line: 1, column: 1 }
const spec = (extra: Partial<RequestSpec> = {}): RequestSpec => ({ method: 'POST', url: 'https://api.example.com/v1/things', loc, ...extra })

describe('the query string', () => {
  it('percent-encodes names and values as encodeURIComponent does, spaces as %20, in order', () => {
    const request = toHttpRequest(
      spec({ query: [['matching attribute', 'email addresses'], ['q', 'a&b=c/d?é'], ['n', 3], ['flag', false]] }),
      {}
    )
    expect(request.url).toBe('https://api.example.com/v1/things?matching%20attribute=email%20addresses&q=a%26b%3Dc%2Fd%3F%C3%A9&n=3&flag=false')
  })

  it('leaves out absent and null values, and adds no "?" when nothing is left', () => {
    expect(toHttpRequest(spec({ query: [['a', undefined], ['b', 'x'], ['c', null]] }), {}).url).toBe('https://api.example.com/v1/things?b=x')
    expect(toHttpRequest(spec({ query: [['a', undefined]] }), {}).url).toBe('https://api.example.com/v1/things')
    expect(toHttpRequest(spec({ query: [] }), {}).url).toBe('https://api.example.com/v1/things')
  })

  it('appends to a query the URL was written with', () => {
    expect(toHttpRequest(spec({ url: 'https://api.example.com/search?v=2', query: [['q', 'x']] }), {}).url).toBe('https://api.example.com/search?v=2&q=x')
  })

  it('keeps repeated names', () => {
    expect(toHttpRequest(spec({ query: [['tag', 'a'], ['tag', 'b']] }), {}).url).toBe('https://api.example.com/v1/things?tag=a&tag=b')
  })

  it('refuses text that is not well-formed Unicode, naming the parameter, rather than failing as a bug', () => {
    const error = thrownBy(() => toHttpRequest(spec({ query: [['name', 'Ada \uD800']] }), {}), InvalidRequestError)
    expect(error.message).toBe('x.map:1:1 POST https://api.example.com/v1/things: cannot be sent: the query parameter "name" is not well-formed Unicode (it holds a lone surrogate)')
    expect(thrownBy(() => toHttpRequest(spec({ form: { note: '\uDC00' } }), {}), InvalidRequestError).message).toMatch(/the form field "note" is not well-formed/)
  })

  it('redacts a secret the URL path carries from that error', () => {
    const secret = 'whsec_9f8e7d6c5b'
    const error = thrownBy(() => toHttpRequest(spec({ url: `https://hooks.example.com/in/${secret}`, query: [['name', '\uD800']] }), {}, createRedactor([secret])), InvalidRequestError)
    expect(error.message).toBe('x.map:1:1 POST https://hooks.example.com/in/[REDACTED]: cannot be sent: the query parameter "name" is not well-formed Unicode (it holds a lone surrogate)')
    expect(JSON.stringify(error.toJSON())).not.toContain(secret)
  })

  it('round-trips any text through URLSearchParams', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ minLength: 1, unit: 'grapheme' }), fc.string({ unit: 'grapheme' })), { maxLength: 5 }), (pairs) => {
        const url = new URL(toHttpRequest(spec({ query: pairs }), {}).url)
        expect([...url.searchParams]).toEqual(pairs)
      }),
      { numRuns: 300 }
    )
  })
})

describe('headers', () => {
  it('sends the auth headers, then the request\'s own, which win a clash; names lower-cased', () => {
    const request = toHttpRequest(
      spec({ headers: { 'X-Trace': 'abc', authorization: 'Token request-level', 'x-count': 2 } }),
      { Authorization: 'Bearer auth-level', 'X-Api-Key': 'key-1' }
    )
    expect(request.headers).toStrictEqual({ authorization: 'Token request-level', 'x-api-key': 'key-1', 'x-trace': 'abc', 'x-count': '2' })
    expect(Object.keys(request.headers)).toEqual(['authorization', 'x-api-key', 'x-trace', 'x-count'])
  })

  it('leaves out absent and null header values, from auth and from the request', () => {
    const request = toHttpRequest(spec({ headers: { 'x-a': undefined, 'x-b': null, 'x-c': 'c' } }), { authorization: undefined })
    expect(request.headers).toEqual({ 'x-c': 'c' })
  })
})

describe('the body', () => {
  it('serialises JSON and labels it application/json', () => {
    const request = toHttpRequest(spec({ json: { name: 'Zoë', n: [1, 2], nested: { ok: true } } }), {})
    expect(request.body).toBe('{"name":"Zoë","n":[1,2],"nested":{"ok":true}}')
    expect(request.headers['content-type']).toBe('application/json')
  })

  it('keeps a content type the request declares', () => {
    const request = toHttpRequest(spec({ headers: { 'Content-Type': 'application/vnd.api+json' }, json: {} }), {})
    expect(request.headers).toEqual({ 'content-type': 'application/vnd.api+json' })
    expect(request.body).toBe('{}')
  })

  it('sends a JSON null or false as JSON, and no body at all when json is absent', () => {
    expect(toHttpRequest(spec({ json: null }), {}).body).toBe('null')
    expect(toHttpRequest(spec({ json: false }), {}).body).toBe('false')
    const none = toHttpRequest(spec({ method: 'GET' }), {})
    expect(none).toEqual({ method: 'GET', url: 'https://api.example.com/v1/things', headers: {} })
  })

  it('form-encodes a form body with its content type, leaving out absent values', () => {
    const request = toHttpRequest(spec({ form: { grant_type: 'refresh token', n: 1, skip: undefined, none: null } }), {})
    expect(request.body).toBe('grant_type=refresh%20token&n=1')
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded')
  })
})
