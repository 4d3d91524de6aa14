/**
 * Segment's HTTP Tracking API as a pure function of one request: the paths it answers, the write
 * key (Basic user or body), the size limits, the events it refuses and why, and how each accepted
 * event is completed (messageId kept or made, receivedAt, sentAt, timestamp corrected for the
 * client's clock skew, the write key removed).
 */
import { describe, expect, test } from 'vitest'
import { basicUser, bodyLimitOf, callOf, MAX_BATCH_BYTES, MAX_EVENT_BYTES, parseCall, writeKeyAccepted, type ParseOptions } from '../../src/ingest/tracking-api.js'

const KEY = 'wk_live_abc123'
const NOW = new Date('2024-05-01T12:00:00.000Z')
const basic = (user: string, password = ''): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`
const options = (overrides: Partial<ParseOptions> = {}): ParseOptions => {
  let n = 0
  return { writeKeys: [KEY], authorization: basic(KEY), now: NOW, newMessageId: () => `made-${++n}`, ...overrides }
}
const body = (value: unknown): Buffer => Buffer.from(JSON.stringify(value))

describe('callOf and bodyLimitOf', () => {
  test('each single call, batch and its alias import; anything else is no call', () => {
    for (const call of ['identify', 'track', 'page', 'screen', 'group', 'alias']) expect(callOf(`/v1/${call}`)).toBe(call)
    expect(callOf('/v1/track/')).toBe('track')
    expect(callOf('/v1/batch')).toBe('batch')
    expect(callOf('/v1/import')).toBe('batch')
    for (const path of ['/v1/tracks', '/v2/track', '/track', '/v1/', '/v1/Track', '/v1/track/extra', '/v1/track?x']) expect(callOf(path)).toBeUndefined()
  })

  test("Segment's limits: 32 KB a call, 500 KB a batch", () => {
    expect(bodyLimitOf('track')).toBe(32 * 1024)
    expect(bodyLimitOf('batch')).toBe(500 * 1024)
  })
})

describe('the write key', () => {
  test('is the Basic user; the password part is ignored; other schemes and garbage give none', () => {
    expect(basicUser(basic(KEY))).toBe(KEY)
    expect(basicUser(basic(KEY, 'ignored'))).toBe(KEY)
    expect(basicUser(`Basic ${Buffer.from(KEY).toString('base64')}`)).toBe(KEY)
    expect(basicUser(`Bearer ${KEY}`)).toBeUndefined()
    expect(basicUser('Basic !!!')).toBeUndefined()
    expect(basicUser(undefined)).toBeUndefined()
  })

  test('is accepted only when it equals one of the keys exactly', () => {
    expect(writeKeyAccepted(KEY, ['other', KEY])).toBe(true)
    expect(writeKeyAccepted(`${KEY}x`, [KEY])).toBe(false)
    expect(writeKeyAccepted(KEY.slice(0, -1), [KEY])).toBe(false)
    expect(writeKeyAccepted('', [''])).toBe(false)
    expect(writeKeyAccepted(undefined, [KEY])).toBe(false)
    expect(writeKeyAccepted(KEY, [])).toBe(false)
  })

  test('a missing key is 401 asking for it; a wrong one is 401 without echoing it', () => {
    const missing = parseCall('track', body({ userId: 'u', event: 'E' }), options({ authorization: undefined }))
    expect(missing).toEqual({ ok: false, status: 401, message: 'no write key: send it as the Basic auth user' })
    const wrong = parseCall('track', body({ userId: 'u', event: 'E' }), options({ authorization: basic('wk_guess') }))
    expect(wrong).toEqual({ ok: false, status: 401, message: 'the write key is not valid' })
    expect(JSON.stringify(wrong)).not.toContain('wk_guess')
  })

  test("in the body is accepted (as Segment does) and removed from the stored event: it is a credential", () => {
    const parsed = parseCall('track', body({ writeKey: KEY, userId: 'u', event: 'E' }), options({ authorization: undefined }))
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(parsed.events[0]).not.toHaveProperty('writeKey')
    expect(JSON.stringify(parsed.events)).not.toContain(KEY)
    const batch = parseCall('batch', body({ writeKey: KEY, batch: [{ type: 'track', userId: 'u', event: 'E', writeKey: KEY }] }), options({ authorization: undefined }))
    expect(batch.ok && JSON.stringify(batch.events)).not.toContain(KEY)
  })
})

describe('refused requests', () => {
  test('a body over the limit is 400 naming the limit, before the key is even read', () => {
    const big = Buffer.alloc(MAX_EVENT_BYTES + 1, 0x20)
    expect(parseCall('track', big, options({ authorization: undefined }))).toEqual({ ok: false, status: 400, message: `the request is ${MAX_EVENT_BYTES + 1} bytes, more than Segment's limit of ${MAX_EVENT_BYTES} for a call` })
    const bigBatch = Buffer.alloc(MAX_BATCH_BYTES + 1, 0x20)
    expect(parseCall('batch', bigBatch, options())).toMatchObject({ ok: false, status: 400, message: expect.stringContaining(`limit of ${MAX_BATCH_BYTES} for a batch`) })
    // At the limit exactly it is read.
    const padded = JSON.stringify({ userId: 'u', event: 'E', properties: { pad: '' } })
    const exact = Buffer.from(padded.replace('"pad":""', `"pad":"${'x'.repeat(MAX_EVENT_BYTES - padded.length)}"`))
    expect(exact.length).toBe(MAX_EVENT_BYTES)
    expect(parseCall('track', exact, options()).ok).toBe(true)
  })

  test('a body that is not JSON, or not an object, is 400', () => {
    expect(parseCall('track', Buffer.from('{"userId":'), options())).toMatchObject({ ok: false, status: 400, message: expect.stringMatching(/^the body is not JSON: /) })
    for (const value of [[], 'text', 3, null]) expect(parseCall('track', body(value), options())).toEqual({ ok: false, status: 400, message: 'the body must be a JSON object' })
  })

  test('events Segment refuses: no identity, a track without a name, a group without groupId, an alias without both ids', () => {
    const refuse = (call: Parameters<typeof parseCall>[0], value: unknown): unknown => parseCall(call, body(value), options())
    expect(refuse('identify', { traits: {} })).toEqual({ ok: false, status: 400, message: 'a identify needs `userId` or `anonymousId`' })
    expect(refuse('page', { userId: '' })).toEqual({ ok: false, status: 400, message: 'a page needs `userId` or `anonymousId`' })
    expect(refuse('track', { userId: 'u' })).toEqual({ ok: false, status: 400, message: 'a track needs `event`' })
    expect(refuse('track', { userId: 'u', event: '' })).toEqual({ ok: false, status: 400, message: 'a track needs `event`' })
    expect(refuse('group', { anonymousId: 'a' })).toEqual({ ok: false, status: 400, message: 'a group needs `groupId`' })
    expect(refuse('alias', { userId: 'u' })).toEqual({ ok: false, status: 400, message: 'an alias needs `userId` and `previousId`' })
    // A numeric id counts, as Segment's libraries send them.
    expect(parseCall('identify', body({ userId: 42 }), options()).ok).toBe(true)
    expect(parseCall('alias', body({ userId: 'u', previousId: 'anon' }), options()).ok).toBe(true)
  })

  test('a batch: no array, an item that is no object, of no known type, too large, or refused, names the item', () => {
    const refuse = (value: unknown): unknown => parseCall('batch', body(value), options())
    expect(refuse({ events: [] })).toEqual({ ok: false, status: 400, message: 'a batch must have a `batch` array' })
    expect(refuse({ batch: [{ type: 'track', userId: 'u', event: 'E' }, 7] })).toEqual({ ok: false, status: 400, message: 'batch[1] must be a JSON object' })
    expect(refuse({ batch: [{ type: 'purchase', userId: 'u' }] })).toEqual({ ok: false, status: 400, message: 'batch[0].type must be one of identify, track, page, screen, group, alias' })
    expect(refuse({ batch: [{ userId: 'u', event: 'E' }] })).toMatchObject({ ok: false, message: expect.stringMatching(/^batch\[0\]\.type must be/) })
    expect(refuse({ batch: [{ type: 'track', userId: 'u', event: 'E' }, { type: 'track', userId: 'u' }] })).toEqual({ ok: false, status: 400, message: 'batch[1]: a track needs `event`' })
    const large = { type: 'track', userId: 'u', event: 'E', properties: { pad: 'x'.repeat(MAX_EVENT_BYTES) } }
    expect(refuse({ batch: [large] })).toMatchObject({ ok: false, status: 400, message: expect.stringMatching(new RegExp(`^batch\\[0\\] is \\d+ bytes, more than Segment's limit of ${MAX_EVENT_BYTES} for an event$`)) })
  })
})

describe('accepted events, completed as Segment completes them', () => {
  test("the path gives a single call's type (a type in the body is overridden); the client's messageId is kept", () => {
    const parsed = parseCall('identify', body({ type: 'track', userId: 'u', messageId: 'client-1' }), options())
    expect(parsed).toMatchObject({ ok: true, events: [{ type: 'identify', userId: 'u', messageId: 'client-1', receivedAt: NOW.toISOString() }] })
  })

  test('an event without a messageId (or an empty one) gets a fresh one each', () => {
    const parsed = parseCall('batch', body({ batch: [{ type: 'track', userId: 'u', event: 'A' }, { type: 'track', userId: 'u', event: 'B', messageId: '' }, { type: 'page', anonymousId: 'a', messageId: 'kept' }] }), options())
    expect(parsed.ok && parsed.events.map((e) => e.messageId)).toEqual(['made-1', 'made-2', 'kept'])
    const random = parseCall('track', body({ userId: 'u', event: 'E' }), { writeKeys: [KEY], authorization: basic(KEY), now: NOW })
    expect(random.ok && random.events[0]!.messageId).toMatch(/^ingest-[0-9a-f-]{36}$/)
  })

  test('timestamp is moved by the clock skew: receivedAt − (sentAt − timestamp); the original is kept', () => {
    // The client's clock is 10 minutes ahead: it sent at 12:10 (its time) an event it stamped 12:05.
    const parsed = parseCall('track', body({ userId: 'u', event: 'E', timestamp: '2024-05-01T12:05:00.000Z', sentAt: '2024-05-01T12:10:00.000Z' }), options())
    expect(parsed).toMatchObject({ ok: true, events: [{ timestamp: '2024-05-01T11:55:00.000Z', originalTimestamp: '2024-05-01T12:05:00.000Z', sentAt: '2024-05-01T12:10:00.000Z', receivedAt: '2024-05-01T12:00:00.000Z' }] })
  })

  test('without sentAt the timestamp stays (normalised); without a timestamp it is receivedAt; an unreadable sentAt is kept as sent and not used', () => {
    const noSent = parseCall('track', body({ userId: 'u', event: 'E', timestamp: '2024-05-01T08:00:00Z' }), options())
    expect(noSent.ok && noSent.events[0]).toMatchObject({ timestamp: '2024-05-01T08:00:00.000Z', originalTimestamp: '2024-05-01T08:00:00Z' })
    expect(noSent.ok && noSent.events[0]).not.toHaveProperty('sentAt')
    const noTimestamp = parseCall('track', body({ userId: 'u', event: 'E', sentAt: 'not a date' }), options())
    expect(noTimestamp.ok && noTimestamp.events[0]).toMatchObject({ timestamp: NOW.toISOString(), sentAt: 'not a date' })
    expect(noTimestamp.ok && noTimestamp.events[0]).not.toHaveProperty('originalTimestamp')
  })

  test("a batch item without its own sentAt takes the batch's; one with its own keeps it", () => {
    const parsed = parseCall('batch', body({ sentAt: '2024-05-01T12:00:30.000Z', batch: [
      { type: 'track', userId: 'u', event: 'A', timestamp: '2024-05-01T12:00:00.000Z' },
      { type: 'track', userId: 'u', event: 'B', timestamp: '2024-05-01T12:00:00.000Z', sentAt: '2024-05-01T12:01:00.000Z' }
    ] }), options())
    expect(parsed.ok && parsed.events.map((e) => [e['sentAt'], e['timestamp']])).toEqual([
      ['2024-05-01T12:00:30.000Z', '2024-05-01T11:59:30.000Z'],
      ['2024-05-01T12:01:00.000Z', '2024-05-01T11:59:00.000Z']
    ])
  })

  test('an empty batch is accepted with no events', () => {
    expect(parseCall('batch', body({ batch: [] }), options())).toEqual({ ok: true, events: [] })
  })
})
