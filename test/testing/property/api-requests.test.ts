import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readApiSchema, type ApiSchema } from '../../../src/compiler/check/api-schema.js'
import { apiRequestCheck, apiRequestOf } from '../../../src/testing/property/api-requests.js'
import { endpointRoutes, routeOf } from '../../../src/testing/property/api-endpoints.js'

function api(file: string): ApiSchema {
  const { api: schema } = readApiSchema(JSON.parse(readFileSync(file, 'utf8')), file)
  if (!schema) throw new Error(`${file} is not an API schema`)
  return schema
}

const attio = api('mappings/apis/attio.schema.json')
const record = (body: unknown) => ({
  method: 'PUT',
  url: 'https://api.attio.com/v2/objects/people/records/simple?matching_attribute=email_addresses&append_to_existing_values=true',
  headers: { authorization: 'Bearer tok_1234567890', 'content-type': 'application/json' },
  body: JSON.stringify(body)
})

describe('a sent request, as API schemas describe requests', () => {
  it('splits the query off the URL and parses the body by its content type', () => {
    expect(apiRequestOf(record({ data: { values: { a: 1 } } }))).toEqual({
      method: 'PUT',
      url: 'https://api.attio.com/v2/objects/people/records/simple',
      query: { matching_attribute: 'email_addresses', append_to_existing_values: 'true' },
      headers: { authorization: 'Bearer tok_1234567890', 'content-type': 'application/json' },
      body: { data: { values: { a: 1 } } }
    })
    expect(apiRequestOf({ method: 'POST', url: 'https://x.test/f', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1&b=x%20y' }).body).toEqual({ a: '1', b: 'x y' })
    expect(apiRequestOf({ method: 'GET', url: 'https://x.test/g', headers: {} })).toEqual({ method: 'GET', url: 'https://x.test/g', query: {}, headers: {} })
  })
})

describe('endpoint routes', () => {
  const routes = endpointRoutes(attio)

  it('match the method and the URL template, one path segment per parameter, ignoring the query', () => {
    expect(routeOf(routes, 'PUT', 'https://api.attio.com/v2/objects/people/records/simple?x=1')?.endpoint.id).toBe('assertRecord')
    expect(routeOf(routes, 'PUT', 'https://api.attio.com/v2/batch/records')?.endpoint.id).toBe('batchAssert')
    expect(routeOf(routes, 'POST', 'https://api.attio.com/v2/batch/records')).toBeUndefined()
    expect(routeOf(routes, 'PUT', 'https://api.attio.com/v2/objects/a/b/records/simple')).toBeUndefined()
    expect(routeOf(routes, 'PUT', 'https://api.attio.com/v2/objects//records/simple')).toBeUndefined()
  })

  it('point at the endpoint’s schema in the document', () => {
    expect(routes.map((r) => r.pointer)).toEqual(['#/definitions/testToken', '#/definitions/assertRecord', '#/definitions/batchAssert'])
  })
})

describe('the API request check', () => {
  const check = apiRequestCheck(attio)

  it('passes a request that fits its endpoint', () => {
    expect(check(record({ data: { values: { email_addresses: 'kim@example.com' } } }))).toEqual([])
  })

  it('names every problem by its place in the request, against the endpoint it was sent to only', () => {
    expect(check(record({ data: { values: 'x' }, extra: 1 }))).toEqual(['/body must NOT have additional properties', '/body/data/values must be object'])
    expect(check({ ...record({ data: { values: {} } }), headers: { authorization: 'Token x', 'content-type': 'application/json' } })).toEqual(['/headers/authorization must match pattern "^Bearer "'])
  })

  it('refuses a request no endpoint describes', () => {
    expect(check({ method: 'DELETE', url: 'https://api.attio.com/v2/objects/people/records/simple?a=1', headers: {} })).toEqual([
      'DELETE https://api.attio.com/v2/objects/people/records/simple is no endpoint of mappings/apis/attio.schema.json'
    ])
  })

  it('works for a document without $id, and says which file cannot be compiled', () => {
    const { $id: _id, ...anonymous } = JSON.parse(readFileSync('mappings/apis/attio.schema.json', 'utf8')) as Record<string, unknown>
    const schema = readApiSchema(anonymous, 'anonymous.schema.json').api as ApiSchema
    expect(apiRequestCheck(schema)(record({ data: { values: {} } }))).toEqual([])
    const bad = readApiSchema({ oneOf: [{ 'x-mapc-endpoint': 'GET https://x.test/a', type: 'nonsense' }] }, 'bad.schema.json').api as ApiSchema
    expect(() => apiRequestCheck(bad)).toThrow(/^bad\.schema\.json cannot be compiled as a JSON Schema: /)
  })
})
