import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import { describe, expect, it } from 'vitest'
import { readApiSchema, type ApiSchema } from '../../../src/compiler/check/api-schema.js'
import { registerFormats } from '../../../src/compiler/emit/ajv-formats.js'
import { isDateLike } from '../../../src/runtime/lib/datetime.js'
import { stubResponder } from '../../../src/testing/property/stub-responses.js'

function api(document: unknown, file = 'test.schema.json'): ApiSchema {
  const { api: schema } = readApiSchema(document, file)
  if (!schema) throw new Error('not an API schema')
  return schema
}

const matildaDocument = JSON.parse(readFileSync('mappings/apis/matilda.schema.json', 'utf8')) as { definitions: Record<string, unknown> }
const matilda = api(matildaDocument, 'mappings/apis/matilda.schema.json')
// Formats too: a response that only looks right (a date-time that is no date) must not pass.
const ajv = new Ajv({ strict: false })
registerFormats(ajv, isDateLike)
ajv.addSchema(matildaDocument)
const fitsRecordResponse = ajv.getSchema('https://mapc.dev/apis/matilda.schema.json#/definitions/recordResponse')
const fitsBatchResponse = ajv.getSchema('https://mapc.dev/apis/matilda.schema.json#/definitions/batchResponse')
const upsert = { method: 'PUT', url: 'https://api.matilda.io/v1/objects/people/records' }
const batch = { method: 'POST', url: 'https://api.matilda.io/v1/activities/batch' }

describe('the stub API', () => {
  const responder = stubResponder(matilda)

  it('answers each request with a body its endpoint’s response schema accepts', () => {
    for (let seed = 0; seed < 200; seed++) {
      const body = responder.respond(upsert, seed)
      expect(fitsRecordResponse?.(body), JSON.stringify(body)).toBe(true)
    }
  })

  it('answers the same request and seed with the same body, and other seeds with others', () => {
    expect(responder.respond(upsert, 42)).toEqual(responder.respond(upsert, 42))
    const bodies = new Set(Array.from({ length: 20 }, (_, seed) => JSON.stringify(responder.respond(upsert, seed))))
    expect(bodies.size).toBeGreaterThan(10)
  })

  it('gives a batch’s per-item results exactly one entry per item, still fitting the schema', () => {
    for (const count of [1, 2, 5]) {
      for (let seed = 0; seed < 50; seed++) {
        const body = responder.respond(batch, seed, { keys: ['results'], count }) as { results: unknown[] }
        expect(fitsBatchResponse?.(body)).toBe(true)
        expect(body.results).toHaveLength(count)
      }
    }
  })

  it('answers {} for an endpoint without a response schema, and for a request no endpoint describes', () => {
    expect(responder.respond({ method: 'GET', url: 'https://api.matilda.io/v1/me' }, 1)).toEqual({})
    expect(responder.respond({ method: 'GET', url: 'https://elsewhere.test/' }, 1)).toEqual({})
    expect(stubResponder(undefined).respond(upsert, 1)).toEqual({})
  })

  it('names each request’s endpoint as the compiler does', () => {
    expect(responder.endpointOf(upsert)).toBe('PUT https://api.matilda.io/v1/objects/{object}/records')
    expect(responder.endpointOf({ method: 'GET', url: 'https://elsewhere.test/' })).toBeUndefined()
  })

  it('refuses, naming the endpoint, a response schema it cannot generate from', () => {
    const document = {
      oneOf: [{ 'x-mapc-endpoint': 'GET https://x.test/a', 'x-mapc-response': { type: 'string', pattern: '^a' } }]
    }
    expect(() => stubResponder(api(document))).toThrow(/^cannot generate responses of endpoint oneOf\[0\]: .*"pattern"/)
    const dangling = { oneOf: [{ 'x-mapc-endpoint': 'GET https://x.test/a', 'x-mapc-response': { $ref: '#/definitions/none' } }] }
    expect(() => stubResponder(api(dangling, 'dangling.schema.json'))).toThrow(/^the response schema of GET https:\/\/x\.test\/a in dangling\.schema\.json: .*points at nothing/)
  })
})
