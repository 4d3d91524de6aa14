/**
 * The emulators over real HTTP on loopback: each API's semantics, its error shapes, validation
 * against mappings/apis, the control endpoints and seeded faults.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { startEmulator, type ServedEmulator } from '../../src/emulators/index.js'

let attio: ServedEmulator
let matilda: ServedEmulator
let schematic: ServedEmulator
beforeAll(async () => {
  attio = await startEmulator('attio', { credential: 'tok' })
  matilda = await startEmulator('matilda', { credential: 'key' })
  schematic = await startEmulator('schematic', { credential: 'skey' })
})
afterAll(() => Promise.all([attio.stop(), matilda.stop(), schematic.stop()]))
beforeEach(() => {
  for (const e of [attio, matilda, schematic]) {
    e.emulator.reset()
    e.emulator.setFaults({})
  }
})

async function call(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
  const text = await response.text()
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text), headers: response.headers }
}
const bearer = { authorization: 'Bearer tok' }
const assertPath = (object: string, key: string) => `/v2/objects/${object}/records/simple?matching_attribute=${key}&append_to_existing_values=true`

describe('attio', () => {
  test('an assertion matches on its attribute, appends multi-select values, and answers with the record id', async () => {
    const first = await call(attio.url, 'PUT', assertPath('people', 'email_addresses'), { data: { values: { email_addresses: 'ada@example.com', name: 'Ada' } } }, bearer)
    expect(first.status).toBe(200)
    expect(first.body.data.id).toEqual({ workspace_id: expect.any(String), object_id: expect.any(String), record_id: expect.any(String) })
    const second = await call(attio.url, 'PUT', assertPath('people', 'email_addresses'), { data: { values: { email_addresses: ['ADA@example.com', 'ada@work.example'], name: 'Ada L.' } } }, bearer)
    expect(second.body.data.id.record_id).toBe(first.body.data.id.record_id)
    const people = (attio.emulator.state()['objects'] as any).people
    expect(people).toHaveLength(1)
    expect(people[0].values).toEqual({ email_addresses: ['ada@example.com', 'ada@work.example'], name: 'Ada L.' })
  })

  test("errors have Attio's shape: 401, 400 naming the field, 404 for an unknown object, 422 for a non-unique attribute", async () => {
    expect(await call(attio.url, 'PUT', assertPath('people', 'email_addresses'), { data: { values: {} } }, { authorization: 'Bearer wrong' })).toMatchObject({
      status: 401,
      body: { status_code: 401, type: 'auth_error', code: 'error', message: 'Invalid access token' }
    })
    expect((await call(attio.url, 'PUT', assertPath('people', 'email_addresses'), { data: { valuez: {} } }, bearer)).body).toMatchObject({
      status_code: 400,
      type: 'validation_type',
      message: 'body.data.values is required; body.data has an unknown property "valuez"'
    })
    expect((await call(attio.url, 'PUT', assertPath('people', 'email_addresses'), { data: { values: { email_addresses: 'not an email' } } }, bearer)).body.message).toBe('Invalid value for attribute "email_addresses"')
    expect((await call(attio.url, 'PUT', assertPath('planets', 'name'), { data: { values: { name: 'x' } } }, bearer)).body).toMatchObject({ status_code: 404, message: 'Object with slug/ID "planets" not found.' })
    expect((await call(attio.url, 'PUT', assertPath('people', 'name'), { data: { values: { name: 'x' } } }, bearer)).body).toMatchObject({ status_code: 422, message: 'Cannot assert on a non-unique attribute' })
  })

  test('the batch endpoint applies assertions in order, links nested ones, and drops invalid ones as Attio does', async () => {
    const assertion = (object: string, key: string, values: Record<string, unknown>) => ({ object, mode: 'create-or-update', matching_attribute: key, multiselect_values: 'append', values })
    const result = await call(attio.url, 'PUT', '/v2/batch/records', {
      assertions: [
        assertion('users', 'user_id', { user_id: 'u1', person: assertion('people', 'email_addresses', { email_addresses: 'ada@example.com' }) }),
        assertion('workspaces', 'workspace_id', { workspace_id: 'w1', users: ['u1', 'u9'], company: assertion('companies', 'domains', { domains: 'acme.com' }) }),
        assertion('people', 'email_addresses', { email_addresses: 'broken' })
      ]
    }, bearer)
    expect(result).toMatchObject({ status: 200, body: {} })
    const state = attio.emulator.state() as any
    const [person] = state.objects.people
    const [company] = state.objects.companies
    expect(state.objects.users[0].values.person).toEqual({ target_object: 'people', target_record_id: person.id.record_id })
    expect(state.objects.workspaces[0].values.company).toEqual({ target_object: 'companies', target_record_id: company.id.record_id })
    // u9 is not a User (yet): kept, and resolved once it exists.
    expect(state.objects.workspaces[0].values.users).toEqual([
      { target_object: 'users', target_record_id: state.objects.users[0].id.record_id, referenced_as: 'u1' },
      { target_object: 'users', target_record_id: null, referenced_as: 'u9' }
    ])
    expect(state.dropped).toEqual([{ assertion: 2, object: 'people', reason: 'Invalid value for attribute "email_addresses"' }])
  })
})

describe('matilda', () => {
  const key = { 'x-api-key': 'key' }
  const upsert = (object: string, primary: string, values: Record<string, unknown>, secondary?: string) =>
    call(matilda.url, 'PUT', `/v1/objects/${object}/records`, { match: { primary, ...(secondary ? { secondary } : {}) }, values }, key)

  test('users sharing an email are told apart by the secondary key, and link to their person by id', async () => {
    const person = await upsert('people', 'email', { email: 'ada@example.com' })
    expect(person).toMatchObject({ status: 201, body: { data: { object: 'people', created: true } } })
    const personId = person.body.data.id
    const u1 = await upsert('users', 'email', { email: 'ada@example.com', external_id: 'u1', person_id: personId }, 'external_id')
    const u2 = await upsert('users', 'email', { email: 'ada@example.com', external_id: 'u2', person_id: personId }, 'external_id')
    const again = await upsert('users', 'email', { email: 'ada@example.com', external_id: 'u1', plan: 'pro' }, 'external_id')
    expect([u1.status, u2.status, again.status]).toEqual([201, 201, 200])
    expect(again.body.data.id).toBe(u1.body.data.id)
    expect(await upsert('users', 'email', { email: 'ada@example.com' })).toMatchObject({ status: 409, body: { error: { code: 'ambiguous_match' } } })
    expect(await upsert('users', 'email', { email: 'bob@example.com', person_id: 'nope' })).toMatchObject({ status: 422, body: { error: { code: 'invalid_reference', message: 'values.person_id: no people record has the id "nope"' } } })
    expect(await call(matilda.url, 'GET', '/v1/me', undefined, { 'x-api-key': 'other' })).toMatchObject({ status: 401, body: { error: { code: 'unauthorized', message: 'Invalid API key' } } })
  })

  test('the activities batch answers per activity: an invalid one fails alone', async () => {
    const good = { event: 'Signed Up', occurred_at: '2024-05-01T10:00:00.000Z', user: { external_id: 'u1' }, attributes: { message_id: 'm1' } }
    const result = await call(matilda.url, 'POST', '/v1/activities/batch', { activities: [good, { ...good, event: '' }, { ...good, attributes: { message_id: 'm3' } }] }, key)
    expect(result.status).toBe(207)
    expect(result.body.results).toEqual([
      { status: 201, id: expect.any(String) },
      { status: 400, message: 'event must NOT have fewer than 1 characters' },
      { status: 201, id: expect.any(String) }
    ])
    expect(matilda.emulator.state().writes.byMessageId).toEqual({ m1: { activities: 1 }, m3: { activities: 1 } })
  })
})

describe('schematic', () => {
  test('the key must be in the bearer header and the body alike; an identify links its user to its company', async () => {
    const capture = (apiKey: string) => ({ api_key: apiKey, type: 'identify', sent_at: '2024-05-01T10:00:00.000Z', body: { keys: { userId: 'u1' }, company: { keys: { groupId: 'g1' } } } })
    expect(await call(schematic.url, 'POST', '/e', capture('other'), { authorization: 'Bearer skey' })).toMatchObject({ status: 401, body: { error: 'Invalid api key' } })
    expect(await call(schematic.url, 'POST', '/e', capture('skey'), { authorization: 'Bearer skey' })).toMatchObject({ status: 200, body: { ok: true } })
    const state = schematic.emulator.state() as any
    expect(state.users[0].company_id).toBe(state.companies[0].id)
    expect(state.events).toHaveLength(1)
  })
})

describe('faults and the control endpoints', () => {
  const batch = (n: number) => Array.from({ length: n }, (_, i) => call(matilda.url, 'GET', `/v1/me?i=${i}`, undefined, { 'x-api-key': 'key' }).then((r) => r.status, () => 'dropped'))

  test('the same seed meets the same faults; 429s carry Retry-After in seconds or as an HTTP date', async () => {
    const faults = { rateLimited: 0.3, serverErrors: 0.3, dropped: 0.2, retryAfterSeconds: 2, retryAfterFormat: 'mixed', seed: 42 }
    expect((await call(matilda.url, 'PUT', '/__emulator/faults', faults)).status).toBe(200)
    const first = await Promise.all(batch(40))
    matilda.emulator.reset()
    const second = await Promise.all(batch(40))
    expect(second).toEqual(first)
    expect(new Set(first)).toEqual(new Set([200, 429, 500, 502, 503, 'dropped']))
    const state = matilda.emulator.state()
    expect(state.requests.faults.dropped).toBe(first.filter((s) => s === 'dropped').length)
    const retryAfters = new Set<string>()
    for (let i = 0; i < 40 && retryAfters.size < 2; i++) {
      const response = await fetch(`${matilda.url}/v1/me?r=${i}`, { headers: { 'x-api-key': 'key' } }).catch(() => undefined)
      const value = response?.status === 429 ? response.headers.get('retry-after') : null
      if (value !== null && value !== undefined) retryAfters.add(/^\d+$/.test(value) ? 'seconds' : Number.isNaN(Date.parse(value)) ? value : 'date')
    }
    expect(retryAfters).toEqual(new Set(['seconds', 'date']))
  })

  test('a fault configuration that is not one is refused, naming the key; reset empties the state', async () => {
    expect(await call(attio.url, 'PUT', '/__emulator/faults', { rateLimitd: 0.1 })).toMatchObject({ status: 400, body: { error: expect.stringContaining('unknown fault "rateLimitd"') } })
    expect(await call(attio.url, 'PUT', '/__emulator/faults', { rateLimited: 0.7, dropped: 0.5 })).toMatchObject({ status: 400, body: { error: 'the fault rates add up to 1.2, more than 1' } })
    await call(attio.url, 'PUT', assertPath('companies', 'domains'), { data: { values: { domains: 'acme.com' } } }, bearer)
    expect((await call(attio.url, 'GET', '/__emulator/state')).body.objects.companies).toHaveLength(1)
    expect((await call(attio.url, 'POST', '/__emulator/reset')).status).toBe(204)
    expect((await call(attio.url, 'GET', '/__emulator/state')).body).toMatchObject({ objects: { companies: [] }, requests: { total: 0 }, writes: { total: 0 } })
  })
})
