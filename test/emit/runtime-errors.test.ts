/**
 * Errors raised while a generated module runs name the `.map` line the author wrote: a response
 * without a value a later step reads, a payload that fails validation, a `reject` rule, a URL
 * part that cannot be sent, a batch response without per-item results. Compiled and interpreted
 * destinations raise the same errors; secrets never appear in them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SegmentEvent } from '../../src/runtime/contract.js'
import type { DeliveryResult } from '../../src/runtime/delivery/results.js'
import { comparable, deliverEvents, type DeliveryOptions } from './support/deliver-events.js'
import { answersInOrder, type ScriptedAnswer } from '../../src/conformance/scripted-transport.js'
import { loadBoth, removeBuilds, type LoadedBoth } from '../support/build-destination.js'
import { TINY_FIXTURE } from './support/map-files.js'

const SUITE = 'runtime-errors'
const API_KEY = 'sk_live_5f2b9c0e7a1d'
const ACCESS_TOKEN = 'oauth-token-3c1f7e9a'

interface Loaded extends LoadedBoth {
  file: string
}

const loaded = new Map<string, Loaded>()

beforeAll(async () => {
  for (const file of ['mappings/attio.map', 'mappings/matilda.map', TINY_FIXTURE]) {
    loaded.set(file, { file, ...(await loadBoth(file, SUITE)) })
  }
})

afterAll(() => removeBuilds(SUITE))

/** `file:line:column` of the first occurrence of `needle` in the source, after `after` if given. */
function locate(l: Loaded, needle: string, after?: string): string {
  const from = after === undefined ? 0 : l.text.indexOf(after)
  const offset = l.text.indexOf(needle, from)
  if (from < 0 || offset < 0) throw new Error(`${l.file} does not contain ${needle}`)
  const before = l.text.slice(0, offset).split('\n')
  return `${l.file}:${before.length}:${(before[before.length - 1] as string).length + 1}`
}

const answers = (...responses: ScriptedAnswer[]) => answersInOrder(responses)

type Kind = 'compiled' | 'interpreted'

/** Delivers through the compiled module and the interpreter; they must agree; returns the compiled run. */
async function deliverBoth(file: string, action: string, events: SegmentEvent[], options: DeliveryOptions): Promise<DeliveryResult[]> {
  const l = loaded.get(file) as Loaded
  const runs = {} as Record<Kind, Awaited<ReturnType<typeof deliverEvents>>>
  for (const kind of ['compiled', 'interpreted'] as const) runs[kind] = await deliverEvents(l[kind], action, events, options)
  expect(runs.compiled.results.map(comparable)).toEqual(runs.interpreted.results.map(comparable))
  expect(runs.compiled.requests).toEqual(runs.interpreted.requests)
  for (const result of runs.compiled.results) {
    const text = JSON.stringify(comparable(result))
    expect(text).not.toContain(API_KEY)
    expect(text).not.toContain(ACCESS_TOKEN)
  }
  return runs.compiled.results
}

function failure(result: DeliveryResult | undefined): { code: string; message: string; location?: unknown } {
  if (result?.status !== 'failed') throw new Error(`expected a failed delivery, got ${JSON.stringify(result)}`)
  return result.error.toJSON()
}

const attioGroup: SegmentEvent = {
  type: 'group',
  messageId: 'm-1',
  groupId: 'w-1',
  userId: 'u-1',
  traits: { website: 'example.com' },
  receivedAt: '2024-05-01T10:00:00Z'
}

describe('a response without a value a later step reads', () => {
  const attio = { settings: {}, auth: { accessToken: ACCESS_TOKEN } }

  it.each([
    ['without the record id', { data: { id: { workspace_id: 'x' } } }, 'is missing'],
    ['without data at all', {}, 'is missing'],
    ['with a null record id', { data: { id: { record_id: null } } }, 'is null'],
    ['that is not JSON', 'Service Unavailable', 'is missing']
  ])('names the value and the line that reads it (%s)', async (_, body, problem) => {
    const [result] = await deliverBoth('mappings/attio.map', 'groupWorkspace', [attioGroup], { ...attio, script: answers({ status: 200, body }) })
    const l = loaded.get('mappings/attio.map') as Loaded
    const at = locate(l, 'company.data.id.record_id')
    expect(at).toBe('mappings/attio.map:167:18')
    expect(failure(result)).toMatchObject({ code: 'RESPONSE_VALUE_MISSING', message: `${at} company.data.id.record_id ${problem}` })
    expect(result).toMatchObject({ requests: 1 })
  })

  it('sends the second request with the id when the response has it', async () => {
    const l = loaded.get('mappings/attio.map') as Loaded
    const run = await deliverEvents(l.compiled, 'groupWorkspace', [attioGroup], { ...attio, script: answers({ status: 200, body: { data: { id: { record_id: 'rec-9' } } } }) })
    expect(run.results[0]).toMatchObject({ status: 'delivered', requests: 2 })
    expect(JSON.parse(run.requests[1]?.body ?? '')).toEqual({ data: { values: { workspace_id: 'w-1', company: 'rec-9', users: ['u-1'] } } })
  })
})

describe('a payload that fails validation', () => {
  it('names each failing field at its declaration', async () => {
    const event: SegmentEvent = { type: 'identify', userId: 42, traits: { email: 'not an email' }, receivedAt: 'last tuesday' }
    const [result] = await deliverBoth('mappings/attio.map', 'identifyUser', [event], { settings: {}, auth: { accessToken: ACCESS_TOKEN }, script: answers() })
    const l = loaded.get('mappings/attio.map') as Loaded
    const email = locate(l, 'field email_address')
    const receivedAt = locate(l, 'field received_at')
    expect(failure(result)).toMatchObject({ code: 'PAYLOAD_VALIDATION' })
    // userId 42 is coerced to "42", which is valid: only the two others fail.
    expect(failure(result).message.split('\n').sort()).toEqual(
      [
        `${email} field email_address (Email address): must be a valid email address`,
        `${receivedAt} field received_at (Received at): must be a date or datetime (ISO-8601, a zone-less time is UTC) or epoch milliseconds`
      ].sort()
    )
  })

  it('names a missing required field at its declaration', async () => {
    const [result] = await deliverBoth('mappings/matilda.map', 'identify', [{ type: 'identify', userId: 'u-1' }], { settings: { apiKey: API_KEY }, script: answers() })
    const at = locate(loaded.get('mappings/matilda.map') as Loaded, 'field email')
    expect(failure(result).message).toBe(`${at} field email (Email address): is required but missing (absent, null or empty)`)
  })

  it('names the reject rule that refused the payload', async () => {
    const event: SegmentEvent = { type: 'track', event: 'Signed Up', timestamp: '2024-05-01T10:00:00Z', properties: {} }
    const [result] = await deliverBoth('mappings/matilda.map', 'track', [event], { settings: { apiKey: API_KEY }, script: answers() })
    const at = locate(loaded.get('mappings/matilda.map') as Loaded, 'reject user_id')
    expect(failure(result).message).toBe(`${at} field user_id (User ID): or an email address is needed to attribute the activity to a User`)
  })

  it('reports a skip rule with its reason and line, and sends nothing', async () => {
    const [result] = await deliverBoth('mappings/matilda.map', 'group', [{ type: 'group', groupId: 'g-1', traits: {} }], { settings: { apiKey: API_KEY }, script: answers() })
    const at = locate(loaded.get('mappings/matilda.map') as Loaded, 'skip "no domain')
    const [file, line, column] = at.split(':')
    expect(result).toMatchObject({ status: 'skipped', location: { file, line: Number(line), column: Number(column) } })
    expect((result as { reason: string }).reason).toMatch(/^no domain: Matilda ignores/)
  })
})

describe('a request that cannot be built', () => {
  const tinyIdentify: SegmentEvent = { type: 'identify', userId: 'u-1', traits: { email: 'ada@example.com' } }
  const tiny = { settings: { apiKey: API_KEY, region: 'eu' } }

  it.each([
    ['an object', { data: { id: { nested: true } } }, 'contact.data.id is not a string or number'],
    ['a lone surrogate', { data: { id: 'a\uD800b' } }, 'contact.data.id is not well-formed Unicode (it holds a lone surrogate)'],
    ['a dot segment', { data: { id: '..' } }, 'contact.data.id is "..", a dot segment that would move the URL path'],
    ['empty', { data: { id: '' } }, 'contact.data.id is empty, which would join the path segments around it']
  ])('names the request when a URL part from a response is %s', async (_, body, reason) => {
    const [result] = await deliverBoth(TINY_FIXTURE, 'identifyContact', [tinyIdentify], { ...tiny, script: answers({ status: 200, body }) })
    const at = locate(loaded.get(TINY_FIXTURE) as Loaded, "POST `https://api.tiny.test/v1/contacts/")
    expect(failure(result)).toMatchObject({
      code: 'INVALID_REQUEST',
      // The template as written, its part named, not parsed into `%7B…%7D`.
      message: `${at} POST https://api.tiny.test/v1/contacts/{contact.data.id}/events: cannot be sent: ${reason}`
    })
  })

  it('builds both requests, auth header first, when the response has the id', async () => {
    const l = loaded.get(TINY_FIXTURE) as Loaded
    const event: SegmentEvent = { type: 'identify', userId: 'u-1', traits: { email: 'ada@example.com', name: 'x' } }
    const run = await deliverEvents(l.compiled, 'identifyContact', [event], { ...tiny, script: answers({ status: 200, body: { data: { id: 'c-1' } } }) })
    expect(run.results[0]).toMatchObject({ status: 'delivered', requests: 2 })
    expect(run.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'PUT https://api.tiny.test/v1/lists/people/contacts?match=email',
      'POST https://api.tiny.test/v1/contacts/c-1/events'
    ])
    expect(run.requests[0]?.headers).toEqual({ authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' })
    expect(run.requests[1]?.headers).toEqual({ authorization: `Bearer ${API_KEY}`, 'x-tiny-region': 'eu', 'content-type': 'application/json' })
  })
})

describe('a batch response without per-item results', () => {
  const events: SegmentEvent[] = [
    { type: 'track', event: 'A', timestamp: '2024-05-01T10:00:00Z', properties: {} },
    { type: 'track', event: 'B', timestamp: '2024-05-01T10:00:01Z', properties: {} }
  ]
  const options = { settings: { apiKey: API_KEY }, batchSize: 10 }

  it.each([
    ['one result for two items', { results: [{ status: 200 }] }, 'results has 1 entries for 2 items'],
    ['no results', {}, 'results is not an array of per-item results'],
    ['a result without a status', { results: [{ status: 200 }, { message: 'x' }] }, 'results[1].status is not a number']
  ])('fails every item at the `results` line (%s)', async (_, body, problem) => {
    const results = await deliverBoth(TINY_FIXTURE, 'trackEvent', events, { ...options, script: answers({ status: 200, body }) })
    const at = locate(loaded.get(TINY_FIXTURE) as Loaded, 'response.results')
    for (const result of results) expect(failure(result)).toMatchObject({ code: 'RESPONSE_VALUE_MISSING', message: `${at} ${problem}` })
  })

  it('fails only the items the API rejected, at the batch block', async () => {
    const results = await deliverBoth(TINY_FIXTURE, 'trackEvent', events, {
      ...options,
      script: answers({ status: 207, body: { results: [{ status: 201 }, { status: 422, message: 'name taken' }] } })
    })
    const at = locate(loaded.get(TINY_FIXTURE) as Loaded, 'batch {', 'action trackEvent')
    expect(results[0]).toMatchObject({ status: 'delivered' })
    expect(failure(results[1])).toMatchObject({ code: 'ITEM_REJECTED' })
    expect(failure(results[1]).message.startsWith(`${at} `)).toBe(true)
    expect(failure(results[1]).message).toContain('name taken')
  })
})
