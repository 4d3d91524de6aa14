/**
 * Matilda (Actions), as Segment's docs describe it (test/fixtures/seeds/matilda-actions-destination.md),
 * against the API mapc defines for it (mappings/apis/matilda.schema.json). Each `describe` quotes the
 * sentence of the seed it proves. Every request sent here is also validated against the API schema.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiSchemaOf } from '../../src/compiler/compile.js'
import type { CompiledDestination } from '../../src/runtime/contract.js'
import { apiRequestCheck } from '../../src/testing/property/api-requests.js'
import { AuthenticationError, ItemRejectedError, PayloadValidationError } from '../../src/runtime/errors/index.js'
import { buildAndLoad, compileMap, removeBuilds } from '../support/build-destination.js'
import { deliverWithRetries, errorOf, event, runBatch, runOne, type SentRequest } from '../support/harness.js'

const settings = { apiKey: 'mk_live_8d2f61a0' }
const base = 'https://api.matilda.io/v1'
let matilda: CompiledDestination

const api = apiSchemaOf('mappings/matilda.map', 'matilda')
if (!api) throw new Error('mappings/apis/matilda.schema.json is missing')
// The check `mapc test` applies to every request: the endpoint's schema, by method and URL.
const problemsOf = apiRequestCheck(api)

function fitsApi(request: SentRequest): boolean {
  const problems = problemsOf({ ...request, body: request.body === null ? undefined : JSON.stringify(request.body) })
  if (problems.length > 0) throw new Error(`${request.method} ${request.url} does not fit the API schema: ${problems.join('; ')}`)
  return true
}

const SUITE = 'destination-matilda'

beforeAll(async () => {
  matilda = (await buildAndLoad(compileMap('mappings/matilda.map'), SUITE)).destination
}, 60_000)

afterAll(() => removeBuilds(SUITE))

const created = (id: string) => ({ status: 201, body: { data: { id, object: 'x', created: true } } })

describe('"When an Identify call includes an email address, Matilda: creates or updates the User …, links the User to that Person …, creates a new Person if Matilda doesn\'t find a matching Person"', () => {
  it('matches or creates the Person by email, then upserts the User by email with the Person linked by id', async () => {
    const { requests, result } = await runOne(matilda, 'identify', event('identify', { userId: 'usr_9', traits: { email: 'kim@example.com' } }), {
      settings,
      responses: [created('per_1'), created('usr_rec_1')]
    })
    expect(result.status).toBe('delivered')
    expect(requests.map((r) => [r.method, r.url, r.body])).toEqual([
      ['PUT', `${base}/objects/people/records`, { match: { primary: 'email' }, values: { email: 'kim@example.com' } }],
      [
        'PUT',
        `${base}/objects/users/records`,
        { match: { primary: 'email', secondary: 'external_id' }, values: { email: 'kim@example.com', external_id: 'usr_9', person_id: 'per_1' } }
      ]
    ])
    expect(requests.every(fitsApi)).toBe(true)
    expect(requests.every((r) => r.headers['x-api-key'] === settings.apiKey)).toBe(true)
  })

  it('"You can map extra fields from your Segment event to Matilda attributes": user and person attributes', async () => {
    const { requests } = await runOne(matilda, 'identify', event('identify', { userId: 'usr_9', traits: { email: 'kim@example.com', plan: 'pro', name: 'Kim' } }), {
      settings,
      responses: [created('per_1'), created('u')],
      mapping: { user_attributes: { plan: { '@path': '$.traits.plan' } }, person_attributes: { name: { '@path': '$.traits.name' } } }
    })
    expect((requests[0]?.body as { values: unknown }).values).toEqual({ email: 'kim@example.com', name: 'Kim' })
    expect((requests[1]?.body as { values: unknown }).values).toEqual({ email: 'kim@example.com', external_id: 'usr_9', person_id: 'per_1', plan: 'pro' })
  })

  it('"This mapping assumes your Identify call includes: Email address …": without one, a validation error and nothing sent', async () => {
    const { requests, result } = await runOne(matilda, 'identify', event('identify', { userId: 'usr_9', traits: {} }), { settings })
    expect(requests).toEqual([])
    expect(errorOf(result, PayloadValidationError).issues.map((i) => i.field)).toEqual(['email'])
  })

  it('"By default, this mapping runs on Identify events"', () => {
    expect(matilda.presets.find((p) => p.action === 'identify')?.fql).toBe('type = "identify"')
  })
})

describe('"Creates or updates the workspace or company record using domain as the primary unique key. If you include groupId or workspaceId, Matilda uses it as a secondary key"', () => {
  it('upserts the Company by domain, then the Workspace by domain and external id, linked to the Company', async () => {
    const { requests } = await runOne(matilda, 'group', event('group', { userId: 'usr_9', groupId: 'grp_1', traits: { domain: 'acme.com', plan: 'team' } }), {
      settings,
      responses: [created('cmp_1'), created('wsp_1')],
      mapping: { workspace_attributes: { plan: { '@path': '$.traits.plan' } } }
    })
    expect(requests.map((r) => [r.url, r.body])).toEqual([
      [`${base}/objects/companies/records`, { match: { primary: 'domain' }, values: { domain: 'acme.com' } }],
      [
        `${base}/objects/workspaces/records`,
        { match: { primary: 'domain', secondary: 'external_id' }, values: { domain: 'acme.com', external_id: 'grp_1', company_id: 'cmp_1', plan: 'team' } }
      ]
    ])
    expect(requests.every(fitsApi)).toBe(true)
  })

  it('takes workspaceId when there is no groupId', async () => {
    const { requests } = await runOne(matilda, 'group', event('group', { traits: { website: 'acme.com', workspaceId: 'ws_77' } }), {
      settings,
      responses: [created('cmp_1'), created('wsp_1')]
    })
    expect((requests[1]?.body as { values: { external_id: string } }).values.external_id).toBe('ws_77')
  })

  it('"If you don\'t include a domain, Matilda ignores workspace or company updates or creation for that Group event"', async () => {
    const { requests, result } = await runOne(matilda, 'group', event('group', { groupId: 'grp_1', traits: { name: 'No Domain' } }), { settings })
    expect(requests).toEqual([])
    expect(result).toMatchObject({ status: 'skipped', reason: expect.stringContaining('no domain') })
    expect((result as { location: { file: string } }).location.file).toBe('mappings/matilda.map')
  })

  it('"By default, this mapping runs on Group events"', () => {
    expect(matilda.presets.find((p) => p.action === 'group')?.fql).toBe('type = "group"')
  })
})

describe('"The destination accepts Track calls and can map attributes for downstream activity and enrichment flows"', () => {
  const track = (i: number, extra: Record<string, unknown> = {}) =>
    event('track', { event: 'Report Exported', userId: `usr_${i}`, properties: { format: 'csv', rows: i }, ...extra })

  it('sends the activity with the user and the mapped attributes', async () => {
    const { requests } = await runOne(matilda, 'track', track(1, { context: { groupId: 'grp_1' } }), { settings })
    expect(requests.map((r) => [r.method, r.url, r.body])).toEqual([
      [
        'POST',
        `${base}/activities`,
        {
          event: 'Report Exported',
          occurred_at: '2024-05-24T09:59:59.000Z',
          user: { external_id: 'usr_1' },
          workspace: { external_id: 'grp_1' },
          attributes: { format: 'csv', rows: 1 }
        }
      ]
    ])
    expect(requests.every(fitsApi)).toBe(true)
  })

  it('an activity nobody can be attributed to is refused', async () => {
    const anonymous = event('track', { event: 'Viewed', properties: {} })
    delete anonymous.userId
    const { requests, result } = await runOne(matilda, 'track', anonymous, { settings })
    expect(requests).toEqual([])
    expect(errorOf(result, PayloadValidationError).issues.map((i) => i.field)).toEqual(['user_id'])
  })

  it('batches activities and maps the per-activity results back: one rejected activity fails alone', async () => {
    const { requests, results } = await runBatch(matilda, 'track', [track(1), track(2), track(3)], {
      settings,
      responses: [{ status: 207, body: { results: [{ status: 202 }, { status: 422, message: 'unknown attribute rows' }, { status: 202 }] } }]
    })
    expect(requests).toHaveLength(1)
    expect(requests.every(fitsApi)).toBe(true)
    expect((requests[0]?.body as { activities: unknown[] }).activities).toHaveLength(3)
    expect(results.map((r) => r.status)).toEqual(['delivered', 'failed', 'delivered'])
    const error = errorOf(results[1], ItemRejectedError)
    expect(error).toBeInstanceOf(ItemRejectedError)
    expect(error.status).toBe(422)
    expect(error.message).toContain('unknown attribute rows')
  })

  it('a batch response that does not report every activity fails them all rather than guessing', async () => {
    const { results } = await runBatch(matilda, 'track', [track(1), track(2)], { settings, responses: [{ status: 207, body: { results: [{ status: 202 }] } }] })
    expect(results.map((r) => r.status)).toEqual(['failed', 'failed'])
  })

  it('a malformed timestamp is a validation error on timestamp', async () => {
    const { result } = await runOne(matilda, 'track', track(1, { timestamp: 'yesterday' }), { settings })
    expect(errorOf(result, PayloadValidationError).issues.map((i) => i.field)).toEqual(['timestamp'])
  })
})

describe('rate limits', () => {
  it('a 429 is retried after Retry-After and the Group call then goes through', async () => {
    const json = (body: unknown) => new Response(JSON.stringify(body), { status: 201, headers: { 'content-type': 'application/json' } })
    const answers = [new Response('{}', { status: 429, headers: { 'retry-after': '1' } }), json(created('cmp_1').body), json(created('wsp_1').body)]
    const { results, delays, unanswered } = await deliverWithRetries(matilda, { settings }, event('group', { groupId: 'g', traits: { domain: 'acme.com' } }), answers)
    expect(results.map((r) => [r.subscription, r.status])).toEqual([['Group', 'delivered']])
    expect(delays).toEqual([1000])
    expect(unanswered).toBe(0)
  })
})

describe('"paste your Matilda API key into the API Key field"', () => {
  it('the key is a required secret string setting, sent as x-api-key and never shown in errors', async () => {
    expect(matilda.settings).toEqual([expect.objectContaining({ name: 'apiKey', label: 'API Key', type: 'string', required: true, secret: true })])
    const { result } = await runOne(matilda, 'identify', event('identify', { userId: 'u', traits: { email: 'a@example.com' } }), {
      settings,
      responses: [{ status: 401, body: { error: `bad key ${settings.apiKey}` } }]
    })
    const error = errorOf(result, AuthenticationError)
    expect(error).toBeInstanceOf(AuthenticationError)
    expect(JSON.stringify(error)).not.toContain(settings.apiKey)
  })
})
