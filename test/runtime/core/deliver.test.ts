/**
 * deliverOne and deliverBatch on the test destination with a recording transport: the requests
 * each event becomes, and the one result each event gets, whatever happens.
 */
import { describe, expect, it } from 'vitest'
import type { CompiledAction, SegmentEvent } from '../../../src/runtime/contract.js'
import { deliverBatch, deliverOne, type DeliveryTarget } from '../../../src/runtime/delivery/deliver.js'
import { defaultMapping } from '../../../src/runtime/delivery/payload.js'
import type { DeliveryResult } from '../../../src/runtime/delivery/results.js'
import { httpErrorForStatus, InternalError, InvalidRequestError, ItemRejectedError, MappingError, PayloadValidationError, ResponseError, ServerError } from '../../../src/runtime/errors/index.js'
import { compileMapping } from '../../../src/configuration/mapping-kit/index.js'
import { createRedactor } from '../../../src/runtime/redaction/index.js'
import { CRM_MAP_PATH, crmAction, crmDestination, lineOf } from './support/crm-destination.js'
import { groupEvent, identifyEvent, trackEvent } from './support/events.js'
import { bodyOf, recordingTransport, type RecordingTransport } from './support/recording-transport.js'

const API_KEY = 'sk_live_5f2b9c0d7e'

function setup(action: CompiledAction, settings: Record<string, unknown> = {}): { target: DeliveryTarget; recorder: RecordingTransport } {
  const recorder = recordingTransport()
  const target: DeliveryTarget = {
    destination: crmDestination(),
    instance: 'crm-test',
    action,
    subscription: 'sub-1',
    mapping: defaultMapping,
    ctx: { settings: { apiKey: API_KEY, ...settings }, auth: {} },
    transport: recorder.transport,
    redactor: createRedactor([API_KEY])
  }
  return { target, recorder }
}

const loc = (text: string, column: number) => ({ file: CRM_MAP_PATH, line: lineOf(text), column })

function failed(result: DeliveryResult | undefined): Extract<DeliveryResult, { status: 'failed' }> {
  if (result?.status !== 'failed') throw new Error(`expected a failed result, got ${JSON.stringify(result)}`)
  return result
}

describe('deliverOne', () => {
  it('sends the key-matching request, then the note that reads its response', async () => {
    const { target, recorder } = setup(crmAction('identifyContact'))
    recorder.script({ status: 200, body: { data: { id: 'c/42' } } })
    const result = await deliverOne(target, identifyEvent({ traits: { tags: ['vip'], attributes: { tier: 'gold' } } }))
    expect(result).toEqual({ destination: 'crm-test', action: 'identifyContact', subscription: 'sub-1', messageId: 'msg-identify-1', status: 'delivered', requests: 2 })
    const [upsert, note] = recorder.requests
    expect(upsert?.request).toEqual({
      method: 'PUT',
      url: 'https://api.crm.test/v1/objects/contacts/records?matching_attribute=email',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: '{"values":{"email":"ada@example.com","external_id":"user-1","name":"Ada Lovelace","tags":["vip"],"seen_at":"2024-03-01T10:00:00.000Z","tier":"gold"}}'
    })
    expect(upsert?.meta.location).toEqual(loc('let contact = upsert', 21))
    expect(note?.request).toEqual({
      method: 'POST',
      url: 'https://api.crm.test/v1/contacts/c%2F42/notes',
      headers: { authorization: `Bearer ${API_KEY}`, 'x-crm-source': 'mapc', 'content-type': 'application/json' },
      body: '{"text":"identified as user-1"}'
    })
  })

  it('puts an optional setting into the query when it is set', async () => {
    const { target, recorder } = setup(crmAction('identifyContact'), { region: 'eu' })
    recorder.script({ status: 200, body: { data: { id: 'c1' } } })
    await deliverOne(target, identifyEvent())
    expect(recorder.requests[0]?.request.url).toBe('https://api.crm.test/v1/objects/contacts/records?matching_attribute=email&region=eu')
  })

  it('fails a request that cannot be built as an invalid request, counting nothing sent', async () => {
    const { target, recorder } = setup(crmAction('identifyContact'), { region: 'eu\uD800' })
    const result = failed(await deliverOne(target, identifyEvent()))
    expect(result.error).toBeInstanceOf(InvalidRequestError)
    expect(result.error.message).toMatch(/cannot be sent: the query parameter "region" is not well-formed Unicode/)
    expect(result.requests).toBe(0)
    expect(recorder.requests).toHaveLength(0)
  })

  it('redacts a secret from the error of a request that cannot be built', async () => {
    const hook: CompiledAction = {
      ...crmAction('groupAccount'),
      perform: async (_payload, ctx) => ctx.send({ method: 'POST', url: `https://api.crm.test/v1/hooks/${API_KEY}`, query: [['q', '\uDC00']], loc: loc('send PUT', 7) })
    }
    const { target } = setup(hook)
    const result = failed(await deliverOne(target, groupEvent()))
    expect(result.error.message).toBe(
      `${CRM_MAP_PATH}:${lineOf('send PUT')}:7 POST https://api.crm.test/v1/hooks/[REDACTED]: cannot be sent: the query parameter "q" is not well-formed Unicode (it holds a lone surrogate)`
    )
    expect(JSON.stringify(result.error.toJSON())).not.toContain(API_KEY)
  })

  it('fails, naming the value and the line that read it, when a response lacks it', async () => {
    const { target, recorder } = setup(crmAction('identifyContact'))
    recorder.script({ status: 200, body: { data: {} } })
    const result = failed(await deliverOne(target, identifyEvent()))
    expect(result.requests).toBe(1)
    expect(result.error).toBeInstanceOf(ResponseError)
    expect(result.error.message).toMatch(new RegExp(`^${CRM_MAP_PATH}:${lineOf('/v1/contacts/{contact.data.id}')}:\\d+ contact\\.data\\.id is missing$`))
    expect(recorder.requests).toHaveLength(1)
  })

  it('fails with the transport\'s error after the request that failed, and sends nothing more', async () => {
    const { target, recorder } = setup(crmAction('identifyContact'))
    const unauthorized = httpErrorForStatus({ method: 'PUT', url: 'https://api.crm.test/v1/objects/contacts/records', status: 401 })
    recorder.script({ throws: unauthorized })
    const result = failed(await deliverOne(target, identifyEvent()))
    expect(result.error).toBe(unauthorized)
    expect(result.error.code).toBe('AUTHENTICATION')
    expect(result.requests).toBe(1)
    expect(recorder.requests).toHaveLength(1)
  })

  it('turns anything else thrown into a redacted internal error', async () => {
    const { target, recorder } = setup(crmAction('identifyContact'))
    recorder.script({ throws: new TypeError(`socket broke while sending ${API_KEY}`) }, { throws: 'a string' })
    const first = failed(await deliverOne(target, identifyEvent()))
    expect(first.error).toBeInstanceOf(InternalError)
    expect(first.error.message).toBe('internal error: socket broke while sending [REDACTED]')
    expect(failed(await deliverOne(target, identifyEvent())).error.message).toBe('internal error: a string')
  })

  it('fails an event whose mapping throws on its data, sending nothing', async () => {
    const { target, recorder } = setup(crmAction('trackEvent'))
    // A path taken from the event must be text: an object there fails this event.
    const read = compileMapping({ '@path': { '@path': '$.properties.raw' } }, 'segmentMapping.properties', { subscription: 'sub-1' })
    target.mapping = { overrides: new Map([['properties', (event: SegmentEvent) => read(event)]]), useDefaults: true }
    const result = failed(await deliverOne(target, trackEvent({ properties: { raw: { not: 'a path' } } })))
    expect(result.error).toBeInstanceOf(MappingError)
    expect(result.requests).toBe(0)
    expect(recorder.requests).toHaveLength(0)
  })

  it('skips with the rule\'s reason and location, sending nothing', async () => {
    const { target, recorder } = setup(crmAction('trackEvent'))
    const result = await deliverOne(target, trackEvent({ event: 'Test Event' }))
    expect(result).toEqual({
      destination: 'crm-test',
      action: 'trackEvent',
      subscription: 'sub-1',
      messageId: 'msg-track-1',
      status: 'skipped',
      reason: 'test events are not recorded',
      location: loc('skip "test events', 5)
    })
    expect(recorder.requests).toHaveLength(0)
  })

  it('fails an invalid payload before sending anything', async () => {
    const { target, recorder } = setup(crmAction('trackEvent'))
    const result = failed(await deliverOne(target, trackEvent({ event: '' })))
    expect(result.error).toBeInstanceOf(PayloadValidationError)
    expect(result.requests).toBe(0)
    expect(recorder.requests).toHaveLength(0)
  })

  it('sends an action with only a batch block as a batch of one, and honours the API\'s report on it', async () => {
    const batchOnly: CompiledAction = { ...crmAction('trackEvent'), perform: undefined }
    const { target, recorder } = setup(batchOnly)
    recorder.script({ status: 207, body: { results: [{ status: 200 }] } }, { status: 207, body: { results: [{ status: 422, message: 'unknown user' }] } })
    expect((await deliverOne(target, trackEvent())).status).toBe('delivered')
    const result = failed(await deliverOne(target, trackEvent()))
    expect(result.error).toBeInstanceOf(ItemRejectedError)
    expect(result.error.message).toBe(`${CRM_MAP_PATH}:${lineOf('    batch {')}:5 batch item 0 rejected with status 422: unknown user`)
    expect(recorder.requests.map((r) => r.request.url)).toEqual(['https://api.crm.test/v1/events/batch', 'https://api.crm.test/v1/events/batch'])
  })

  it('names the destination itself when no instance name is given, and leaves out a messageId that is not a string', async () => {
    const { target } = setup(crmAction('groupAccount'))
    delete target.instance
    const result = await deliverOne(target, groupEvent({ messageId: 7 }))
    expect(result).toEqual({ destination: 'crm', action: 'groupAccount', subscription: 'sub-1', status: 'delivered', requests: 1 })
  })
})

describe('deliverBatch', () => {
  const events = (n: number, prefix = 'm'): SegmentEvent[] =>
    Array.from({ length: n }, (_, i) => trackEvent({ messageId: `${prefix}${i}`, event: `Event ${i}` }))

  it('fails an invalid event alone, with its reason, and leaves it and skipped ones out of the request', async () => {
    const { target, recorder } = setup(crmAction('trackEvent'))
    recorder.script({ status: 207, body: { results: [{ status: 200 }, { status: 200 }] } })
    const batch = [
      trackEvent({ messageId: 'ok-1', event: 'Signed Up' }),
      trackEvent({ messageId: 'bad', userId: undefined }),
      trackEvent({ messageId: 'skip', event: 'Test Event' }),
      trackEvent({ messageId: 'ok-2', event: 'Logged In', properties: { plan: 'pro' } })
    ]
    const results = await deliverBatch(target, batch, 10)
    expect(results.map((r) => [r.messageId, r.status])).toEqual([
      ['ok-1', 'delivered'],
      ['bad', 'failed'],
      ['skip', 'skipped'],
      ['ok-2', 'delivered']
    ])
    expect(failed(results[1]).error.message).toBe(
      `${CRM_MAP_PATH}:${lineOf('reject user_id')}:5 field user_id (User ID): or an email address is needed to attribute the event`
    )
    expect(failed(results[1]).requests).toBe(0)
    expect(recorder.requests).toHaveLength(1)
    expect(bodyOf(recorder.requests[0]?.request)).toEqual({
      events: [
        { name: 'Signed Up', user: { id: 'user-1' }, occurred_at: '2024-03-01T10:00:00.000Z', properties: { total: 42.5, currency: 'EUR' } },
        { name: 'Logged In', user: { id: 'user-1' }, occurred_at: '2024-03-01T10:00:00.000Z', properties: { plan: 'pro' } }
      ]
    })
  })

  it('maps per-item statuses back to their events', async () => {
    const { target, recorder } = setup(crmAction('trackEvent'))
    recorder.script({ status: 207, body: { results: [{ status: 201 }, { status: 422, message: `invalid event for ${API_KEY}` }, { status: 503 }] } })
    const results = await deliverBatch(target, events(3), 10)
    expect(results.map((r) => r.status)).toEqual(['delivered', 'failed', 'failed'])
    const rejected = failed(results[1]).error
    expect(rejected).toBeInstanceOf(ItemRejectedError)
    expect(rejected.toJSON()).toMatchObject({ code: 'ITEM_REJECTED', status: 422, index: 1, reason: 'invalid event for [REDACTED]', retryable: false })
    expect(failed(results[2]).error.toJSON()).toMatchObject({ status: 503, index: 2, retryable: true })
    expect(results.every((r) => r.status === 'skipped' || r.requests === 1)).toBe(true)
  })

  it('counts only a 2xx item status as delivered', async () => {
    const { target, recorder } = setup(crmAction('trackEvent'))
    recorder.script({ status: 207, body: { results: [{ status: 199 }, { status: 200 }, { status: 299 }, { status: 300 }] } })
    const results = await deliverBatch(target, events(4), 10)
    expect(results.map((r) => r.status)).toEqual(['failed', 'delivered', 'delivered', 'failed'])
    expect(failed(results[0]).error.toJSON()).toMatchObject({ code: 'ITEM_REJECTED', status: 199, index: 0, retryable: false })
    expect(failed(results[3]).error.toJSON()).toMatchObject({ code: 'ITEM_REJECTED', status: 300, index: 3, retryable: false })
  })

  it('sends chunks of at most maxSize, each reporting on its own items', async () => {
    const { target, recorder } = setup(crmAction('trackEvent'))
    recorder.script(
      { status: 207, body: { results: [{ status: 200 }, { status: 200 }] } },
      { status: 207, body: { results: [{ status: 200 }, { status: 400, message: 'no' }] } },
      { status: 207, body: { results: [{ status: 200 }] } }
    )
    const results = await deliverBatch(target, events(5), 2)
    expect(recorder.requests.map((r) => (bodyOf(r.request) as { events: unknown[] }).events.length)).toEqual([2, 2, 1])
    expect(results.map((r) => r.status)).toEqual(['delivered', 'delivered', 'delivered', 'failed', 'delivered'])
    expect(failed(results[3]).error.toJSON()).toMatchObject({ index: 1, status: 400 })
  })

  it('fails every item of a chunk whose request throws, and only those', async () => {
    const { target, recorder } = setup(crmAction('trackEvent'))
    const outage = new ServerError({ method: 'POST', url: 'https://api.crm.test/v1/events/batch', status: 503, attempts: 3 })
    recorder.script({ status: 207, body: { results: [{ status: 200 }, { status: 200 }] } }, { throws: outage }, { status: 207, body: { results: [{ status: 200 }] } })
    const results = await deliverBatch(target, events(5), 2)
    expect(results.map((r) => r.status)).toEqual(['delivered', 'delivered', 'failed', 'failed', 'delivered'])
    expect(failed(results[2]).error).toBe(outage)
    expect(failed(results[3]).error).toBe(outage)
    // The failed chunk's one request was sent (and retried by the client), so it counts.
    expect(results.map((r) => (r.status === 'skipped' ? undefined : r.requests))).toEqual([1, 1, 1, 1, 1])
  })

  it('fails the whole chunk when the per-item results cannot be paired with the items', async () => {
    const { target, recorder } = setup(crmAction('trackEvent'))
    recorder.script({ status: 207, body: { results: [{ status: 200 }] } })
    const results = await deliverBatch(target, events(2), 10)
    expect(results.map((r) => failed(r).error.message)).toEqual([
      `${CRM_MAP_PATH}:${lineOf('results response.results')}:15 results has 1 entries for 2 items`,
      `${CRM_MAP_PATH}:${lineOf('results response.results')}:15 results has 1 entries for 2 items`
    ])
  })

  it('gives a whole-batch outcome to every item when the API reports no per-item results', async () => {
    const { target, recorder } = setup(crmAction('groupAccount'))
    const results = await deliverBatch(target, [groupEvent({ messageId: 'g1', groupId: 'a1' }), groupEvent({ messageId: 'g2', groupId: 'a2' })], 2)
    expect(results.map((r) => [r.messageId, r.status])).toEqual([['g1', 'delivered'], ['g2', 'delivered']])
    expect(recorder.requests.map((r) => bodyOf(r.request))).toEqual([
      { accounts: [{ id: 'a1', name: 'Analytical Engines Ltd' }, { id: 'a2', name: 'Analytical Engines Ltd' }] }
    ])
  })

  it('validates "" in a batch as the value it is, where a single event drops it', async () => {
    const { target, recorder } = setup(crmAction('trackEvent'))
    recorder.script({ status: 207, body: { results: [{ status: 200 }] } })
    const event = trackEvent({ context: { traits: { email: '' } } })
    const [batched] = await deliverBatch(target, [event], 10)
    expect(failed(batched).error.message).toBe(`${CRM_MAP_PATH}:${lineOf('field email: string(email) {')}:5 field email (Email address): must be a valid email address`)
    expect(recorder.requests).toHaveLength(0)
    expect(await deliverOne(target, event)).toMatchObject({ status: 'delivered', requests: 1 })
  })

  it('sends nothing when no event is valid', async () => {
    const { target, recorder } = setup(crmAction('trackEvent'))
    const results = await deliverBatch(target, [trackEvent({ event: undefined }), trackEvent({ timestamp: 'never' })], 10)
    expect(results.map((r) => r.status)).toEqual(['failed', 'failed'])
    expect(recorder.requests).toHaveLength(0)
  })

  it('delivers the events one by one for an action without a batch block', async () => {
    const { target, recorder } = setup(crmAction('identifyContact'))
    const record = { status: 200, body: { data: { id: 'c1' } } }
    recorder.script(record, record, record, record)
    const results = await deliverBatch(target, [identifyEvent({ messageId: 'i1' }), identifyEvent({ messageId: 'i2' })], 10)
    expect(results.map((r) => [r.messageId, r.status])).toEqual([['i1', 'delivered'], ['i2', 'delivered']])
    expect(recorder.requests).toHaveLength(4)
  })

  it('reads a size of Infinity as one request for all, and a size below 1 as 1', async () => {
    const all = setup(crmAction('groupAccount'))
    await deliverBatch(all.target, [groupEvent(), groupEvent(), groupEvent()], Number.POSITIVE_INFINITY)
    expect(all.recorder.requests).toHaveLength(1)
    for (const size of [0, -3, Number.NaN]) {
      const one = setup(crmAction('groupAccount'))
      const results = await deliverBatch(one.target, [groupEvent(), groupEvent()], size)
      expect(one.recorder.requests).toHaveLength(2)
      expect(results.map((r) => r.status)).toEqual(['delivered', 'delivered'])
    }
  })
})
