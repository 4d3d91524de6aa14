/**
 * examples/hubspot built with `--target segment`, run by actions-core's own Destination: a batch
 * HubSpot answers with 207 Multi-Status becomes a MultiStatusResponse with one entry per event at
 * its index — 200 for the inputs no error names, HubSpot's rejection for those it names, 500
 * (which Segment retries) for every input when an error names none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compileMap, removeBuilds } from '../support/build-destination.js'
import { actionsCore, stubFetch, type CoreDestination, type FetchAnswer, type WireRequest } from '../segment/support/actions-core.js'
import { buildSegment, type BuiltSegment } from '../segment/support/build-segment.js'
import { subscriptionMapping } from '../segment/support/segment-replay.js'

const SUITE = 'examples-hubspot-segment'
const TOKEN = 'pat-na1-99999999-8888-7777-6666-555555555555'
let built: BuiltSegment
let destination: CoreDestination
let answer: (request: WireRequest) => FetchAnswer = () => ({ status: 200, body: {} })
let sent: WireRequest[]
let restore: () => void

beforeAll(async () => {
  built = await buildSegment(compileMap('examples/hubspot/hubspot.map'), SUITE)
  destination = new actionsCore.Destination(built.definition)
  const stub = stubFetch((request) => answer(request))
  sent = stub.sent
  restore = stub.restore
}, 120_000)

afterAll(() => {
  restore()
  removeBuilds(SUITE)
})

const identify = (id: string, email: string) => ({ type: 'identify', messageId: id, userId: `u-${id}`, timestamp: '2024-05-24T10:00:00.000Z', traits: { email } })
const events = [identify('s1', 'ada@example.com'), identify('s2', 'not an email'), identify('s3', 'cy@example.com'), identify('s4', 'dee@example.com')]

type Status = { status: number; errortype?: string; errormessage?: string }

async function batch(reply: FetchAnswer): Promise<Status[]> {
  sent.length = 0
  answer = () => reply
  const mapping = subscriptionMapping(built.definition, 'upsertContact', {}, true)
  return (await destination.executeBatch('upsertContact', { events, mapping, settings: { accessToken: TOKEN } })) as Status[]
}

const error = (traceId: string | undefined, message: string) => ({
  status: 'error',
  category: 'VALIDATION_ERROR',
  message,
  context: traceId === undefined ? {} : { objectWriteTraceId: [traceId] }
})

describe('examples/hubspot under actions-core', () => {
  it('answers a 207 per index: delivered, refused by mapc before sending, rejected by HubSpot', async () => {
    const statuses = await batch({ status: 207, body: { status: 'COMPLETE', results: [{ id: '1' }], numErrors: 1, errors: [error('s4', 'Contact is being merged')] } })
    expect(statuses.map((s) => s.status)).toEqual([200, 400, 200, 400])
    expect(statuses[1]).toMatchObject({ errortype: 'PAYLOAD_VALIDATION_FAILED' })
    expect(statuses[3]?.errormessage).toMatch(/batch item 2 rejected with status 400: Contact is being merged$/)
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual(['POST https://api.hubapi.com/crm/v3/objects/contacts/batch/upsert'])
    expect(sent[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`)
    expect(JSON.parse(sent[0]?.body ?? '')).toEqual({
      inputs: [
        { idProperty: 'email', id: 'ada@example.com', objectWriteTraceId: 's1', properties: { email: 'ada@example.com' } },
        { idProperty: 'email', id: 'cy@example.com', objectWriteTraceId: 's3', properties: { email: 'cy@example.com' } },
        { idProperty: 'email', id: 'dee@example.com', objectWriteTraceId: 's4', properties: { email: 'dee@example.com' } }
      ]
    })
  })

  it('answers 500 for every input an error does not name when one names none, never 200', async () => {
    const statuses = await batch({ status: 207, body: { status: 'COMPLETE', results: [], numErrors: 2, errors: [error('s1', 'Invalid email'), error(undefined, 'Duplicate IDs')] } })
    expect(statuses.map((s) => s.status)).toEqual([400, 400, 500, 500])
    expect(statuses[2]?.errormessage).toMatch(/batch item 1 not attributed, retried: the response reports failures it does not attribute to items \(1 of its 2 failures names no item of the batch\)$/)
  })
})
