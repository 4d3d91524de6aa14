/**
 * Attio (Actions), as Segment's docs describe it (test/fixtures/seeds/attio-actions-destination.md).
 * Each `describe` quotes the sentence of the seed it proves. The recorded conformance cases cover
 * the exact bytes of many more events; these tests follow the docs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CompiledDestination } from '../../src/runtime/contract.js'
import { ClientError, PayloadValidationError, RateLimitError, ResponseError } from '../../src/runtime/errors/index.js'
import { buildAndLoad, compileMap, removeBuilds } from '../support/build-destination.js'
import { interpretDestination } from '../../src/compiler/interpret/interpret.js'
import { deliverWithRetries, errorOf, event, runBatch, runOne } from '../support/harness.js'

const auth = { accessToken: 'tok_attio_3c1d9', refreshToken: 'r' }
let attio: CompiledDestination
let interpreted: CompiledDestination

const SUITE = 'destination-attio'

beforeAll(async () => {
  const ir = compileMap('mappings/attio.map')
  attio = (await buildAndLoad(ir, SUITE)).destination
  interpreted = interpretDestination(ir)
}, 60_000)

afterAll(() => removeBuilds(SUITE))

const record = (id: string) => ({ status: 200, body: { data: { id: { workspace_id: 'w', object_id: 'o', record_id: id }, values: {} } } })
const simple = (object: string, key: string) =>
  `https://api.attio.com/v2/objects/${object}/records/simple?matching_attribute=${key}&append_to_existing_values=true`

describe('"Create or update a Person using the provided email address, then create or update a related User using the same address"', () => {
  it('asserts the Person by email, then the User by user_id linked to the Person by email', async () => {
    const { requests, result } = await runOne(attio, 'identifyUser', event('identify', { userId: 'u_7', traits: { email: 'ada@example.com' } }), {
      auth,
      responses: [record('p1'), record('u1')]
    })
    expect(result.status).toBe('delivered')
    expect(requests.map((r) => [r.method, r.url, r.body])).toEqual([
      ['PUT', simple('people', 'email_addresses'), { data: { values: { email_addresses: 'ada@example.com' } } }],
      ['PUT', simple('users', 'user_id'), { data: { values: { primary_email_address: 'ada@example.com', person: 'ada@example.com', user_id: 'u_7' } } }]
    ])
    expect(requests.every((r) => r.headers.authorization === `Bearer ${auth.accessToken}`)).toBe(true)
  })

  it('"You can specify additional attributes": person and user attributes are added, and can replace the built-in values', async () => {
    const { requests } = await runOne(attio, 'identifyUser', event('identify', { userId: 'u_7', traits: { email: 'ada@example.com', description: 'Analyst', last_name: 'Lovelace' } }), {
      auth,
      mapping: {
        person_attributes: { description: { '@path': '$.traits.description' }, name: { '@template': '{{traits.last_name}}, Ada' } },
        user_attributes: { person: 'someone-else@example.com' }
      }
    })
    expect(requests[0]?.body).toEqual({ data: { values: { email_addresses: 'ada@example.com', description: 'Analyst', name: 'Lovelace, Ada' } } })
    expect(requests[1]?.body).toEqual({ data: { values: { primary_email_address: 'ada@example.com', person: 'someone-else@example.com', user_id: 'u_7' } } })
  })

  it('missing email on Identify: a validation error names email_address and nothing is sent', async () => {
    const { requests, result } = await runOne(attio, 'identifyUser', event('identify', { userId: 'u_7', traits: { name: 'No Email' } }), { auth })
    expect(requests).toEqual([])
    const error = errorOf(result, PayloadValidationError)
    expect(error).toBeInstanceOf(PayloadValidationError)
    expect(error.issues.map((i) => i.field)).toEqual(['email_address'])
  })

  it('"By default, this mapping runs for identify events"', () => {
    expect(attio.presets.find((p) => p.action === 'identifyUser')?.fql).toBe('type = "identify"')
  })
})

describe('"Create or update a Company using the provided domain, then create or update a Workspace … and links them together"', () => {
  it('links the Workspace to the record id Attio returned for the Company', async () => {
    const { requests } = await runOne(attio, 'groupWorkspace', event('group', { userId: 'u_7', groupId: 'ws_1', traits: { website: 'acme.com' } }), {
      auth,
      responses: [record('company-record-42'), record('w1')]
    })
    expect(requests.map((r) => [r.url, r.body])).toEqual([
      [simple('companies', 'domains'), { data: { values: { domains: 'acme.com' } } }],
      [simple('workspaces', 'workspace_id'), { data: { values: { workspace_id: 'ws_1', company: 'company-record-42', users: ['u_7'] } } }]
    ])
  })

  it('a Company response without a record id ends the action with an error naming the value and the line that read it', async () => {
    const { requests, result } = await runOne(attio, 'groupWorkspace', event('group', { groupId: 'ws_1', traits: { website: 'acme.com' } }), {
      auth,
      responses: [{ status: 200, body: { data: { id: null } } }]
    })
    expect(requests).toHaveLength(1)
    const error = errorOf(result, ResponseError)
    expect(error).toBeInstanceOf(ResponseError)
    expect(error.message).toMatch(/^mappings\/attio\.map:\d+:\d+ company\.data\.id\.record_id is null/)
  })

  it('missing domain on Group: a validation error names domain and nothing is sent', async () => {
    const { requests, result } = await runOne(attio, 'groupWorkspace', event('group', { groupId: 'ws_1', traits: { name: 'No Domain Inc' } }), { auth })
    expect(requests).toEqual([])
    expect(errorOf(result, PayloadValidationError).issues.map((i) => i.field)).toEqual(['domain'])
  })

  it('"By default, this mapping runs for group events"', () => {
    expect(attio.presets.find((p) => p.action === 'groupWorkspace')?.fql).toBe('type = "group"')
  })
})

describe('"Create or update a single type of Object, given a matching attribute name and value"', () => {
  it('the seed\'s example: a Company matched on domains, with the twitter attribute', async () => {
    const { requests } = await runOne(attio, 'assertRecord', event('identify', { traits: { domain: 'app.attio.com', twitter_handle: '@attio' } }), {
      auth,
      mapping: { object: 'companies', matching_attribute: 'domains', attributes: { domains: { '@path': '$.traits.domain' }, twitter: { '@path': '$.traits.twitter_handle' } } }
    })
    expect(requests.map((r) => [r.url, r.body])).toEqual([[simple('companies', 'domains'), { data: { values: { domains: 'app.attio.com', twitter: '@attio' } } }]])
  })

  it('"To unset an attribute, you can also pass null as the value"', async () => {
    const { requests } = await runOne(attio, 'assertRecord', event('identify', { traits: { email: 'a@example.com', phone: null } }), {
      auth,
      mapping: { object: 'people', attributes: { email_addresses: { '@path': '$.traits.email' }, phone: { '@path': '$.traits.phone' } } }
    })
    expect(requests[0]?.body).toEqual({ data: { values: { email_addresses: 'a@example.com', phone: null } } })
  })

  it('an object slug with a space is percent-encoded in the URL', async () => {
    const { requests } = await runOne(attio, 'assertRecord', event('track', { event: 'x', properties: {} }), {
      auth,
      mapping: { object: 'custom objects', matching_attribute: 'clé', attributes: { clé: 'v' } }
    })
    expect(requests[0]?.url).toBe('https://api.attio.com/v2/objects/custom%20objects/records/simple?matching_attribute=cl%C3%A9&append_to_existing_values=true')
  })
})

describe('the object slug is one segment of the URL path', () => {
  // `..` once sent `PUT /v2/records/simple` and `.` `PUT /v2/objects/records/simple`, bearer token included.
  it.each([
    ['compiled', () => attio],
    ['interpreted', () => interpreted]
  ])('%s: "." and ".." are refused naming the field, and nothing is sent', async (_, destination) => {
    for (const object of ['..', '.']) {
      const { requests, result } = await runOne(destination(), 'assertRecord', event('identify', { traits: { email: 'a@example.com' } }), {
        auth,
        mapping: { object, attributes: { email_addresses: { '@path': '$.traits.email' } } }
      })
      expect(requests).toEqual([])
      const error = errorOf(result, PayloadValidationError)
      expect(error.issues.map((i) => i.field)).toEqual(['object'])
      expect(error.message).toMatch(/field object \(Attio Object\): goes into the request's URL path, where it must be one segment, but it is "\.\.?", a dot segment/)
    }
  })
})

describe('"Batching sends groups of events to Attio in a single request"', () => {
  const people = (n: number) =>
    Array.from({ length: n }, (_, i) => event('identify', { userId: `u_${i}`, traits: { email: `p${i}@example.com` } }))

  it('one request to the batch endpoint, one nested assertion per event linking the User to its Person', async () => {
    const { requests, results } = await runBatch(attio, 'identifyUser', people(2), { auth })
    expect(results.map((r) => r.status)).toEqual(['delivered', 'delivered'])
    expect(requests).toHaveLength(1)
    expect(requests[0]?.url).toBe('https://api.attio.com/v2/batch/records')
    const assertions = (requests[0]?.body as { assertions: unknown[] }).assertions
    expect(assertions[1]).toEqual({
      object: 'users',
      mode: 'create-or-update',
      matching_attribute: 'user_id',
      multiselect_values: 'append',
      values: {
        primary_email_address: 'p1@example.com',
        user_id: 'u_1',
        person: {
          object: 'people',
          mode: 'create-or-update',
          matching_attribute: 'email_addresses',
          multiselect_values: 'append',
          values: { email_addresses: 'p1@example.com' },
          received_at: '2024-05-24T10:00:00.000Z'
        }
      },
      received_at: '2024-05-24T10:00:00.000Z'
    })
  })

  it('"Invalid events will be silently dropped": mapc leaves them out of the request too, but reports each one', async () => {
    const events = people(3)
    delete (events[1]?.traits as Record<string, unknown>).email
    const { requests, results } = await runBatch(attio, 'identifyUser', events, { auth })
    expect((requests[0]?.body as { assertions: unknown[] }).assertions).toHaveLength(2)
    expect(results.map((r) => r.status)).toEqual(['delivered', 'failed', 'delivered'])
    expect(errorOf(results[1], PayloadValidationError).issues.map((i) => i.field)).toEqual(['email_address'])
  })

  it('respects the batch size: 5 events, at most 2 per request', async () => {
    const { requests } = await runBatch(attio, 'assertRecord', people(5), { auth, mapping: { object: 'people', attributes: { email_addresses: { '@path': '$.traits.email' } } } }, 2)
    expect(requests.map((r) => (r.body as { assertions: unknown[] }).assertions.length)).toEqual([2, 2, 1])
  })

  it('a 429 on the batch fails every event of it with a rate-limit error (the runtime retries it)', async () => {
    const { results } = await runBatch(attio, 'identifyUser', people(2), { auth, responses: [{ status: 429, body: {} }] })
    expect(results.map((r) => errorOf(r, RateLimitError).status)).toEqual([429, 429])
  })

  it('a 400 on the batch is a client error for each of its events', async () => {
    const { results } = await runBatch(attio, 'identifyUser', people(1), { auth, responses: [{ status: 400, body: {} }] })
    expect(errorOf(results[0], ClientError).status).toBe(400)
  })
})

describe('rate limits', () => {
  it('a 429 on the Person request is retried after Retry-After, then the User follows', async () => {
    const answers = [
      new Response('{}', { status: 429, headers: { 'retry-after': '2' } }),
      new Response(JSON.stringify(record('p1').body), { status: 200, headers: { 'content-type': 'application/json' } }),
      new Response(JSON.stringify(record('u1').body), { status: 200, headers: { 'content-type': 'application/json' } })
    ]
    const { results, delays, unanswered } = await deliverWithRetries(attio, { auth }, event('identify', { userId: 'u_7', traits: { email: 'ada@example.com' } }), answers)
    expect(results.map((r) => [r.subscription, r.status])).toEqual([['Identify User', 'delivered']])
    expect(delays).toEqual([2000])
    expect(unanswered).toBe(0)
  })
})

describe('"Connect to (destination name) to select the Attio Workspace": OAuth', () => {
  it('has no settings, OAuth auth, and the token test request', () => {
    expect(attio.settings).toEqual([])
    expect(attio.authScheme).toBe('oauth')
    expect(attio.testRequest?.({ settings: {}, auth })).toMatchObject({ method: 'GET', url: 'https://api.attio.com/v1/token' })
    expect(attio.authHeaders({ settings: {}, auth })).toEqual({ authorization: `Bearer ${auth.accessToken}` })
  })
})
