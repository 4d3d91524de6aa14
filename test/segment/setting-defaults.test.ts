/**
 * The Segment target and an optional defaulted setting, run by actions-core's own Destination:
 * actions-core does not fill a field's `default` into `settings` (Segment's settings page
 * pre-fills it), so the build fills it in, as `mapc run` does — the auth header from
 * `extendRequest` and the action's header and body carry the default when the settings leave the
 * setting out, and the given value when they set it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { compileOrThrow, removeBuilds, withInlineApi } from '../support/build-destination.js'
import { DEFAULT_KEY, apiSchema, mapSource } from '../runtime/settings/support/defaults-destination.js'
import { actionsCore, stubFetch, type CoreDestination, type WireRequest } from './support/actions-core.js'
import { buildSegment } from './support/build-segment.js'
import { subscriptionMapping } from './support/segment-replay.js'

const SUITE = 'segment-setting-defaults'
const ORIGIN = 'https://api.defaults.test'
let destination: CoreDestination
let mapping: Record<string, unknown>
let sent: WireRequest[]
let restore: () => void

beforeAll(async () => {
  const file = 'mappings/defaults.map'
  const ir = compileOrThrow(mapSource(ORIGIN), file, withInlineApi(file, apiSchema(ORIGIN)))
  const built = await buildSegment(ir, SUITE)
  destination = new actionsCore.Destination(built.definition)
  mapping = subscriptionMapping(built.definition, 'trackEvent', {}, true)
  const stub = stubFetch(() => ({ status: 200, body: {} }))
  sent = stub.sent
  restore = stub.restore
}, 180_000)

afterAll(() => {
  restore()
  removeBuilds(SUITE)
})

beforeEach(() => {
  sent.length = 0
})

const event = { type: 'track', event: 'Signed Up', userId: 'u1', messageId: 'm1', timestamp: '2026-01-01T00:00:00.000Z' }

describe('Segment target: optional setting defaults', () => {
  it('fills a left-out setting in: the auth header, the request header and the body carry the defaults', async () => {
    const settings = {}
    await destination.executeAction('trackEvent', { event, mapping, settings })
    expect(sent).toHaveLength(1)
    expect(sent[0]?.url).toBe(`${ORIGIN}/v1/events`)
    expect(sent[0]?.headers.authorization).toBe(`Bearer ${DEFAULT_KEY}`)
    expect(sent[0]?.headers['x-region']).toBe('eu')
    expect(JSON.parse(sent[0]?.body ?? 'null')).toEqual({ name: 'Signed Up', region: 'eu' })
    expect(settings).toEqual({})
  })

  it('sends the configured values when the settings set them', async () => {
    await destination.executeAction('trackEvent', { event, mapping, settings: { apiKey: 'sk_given_Other-Key-98765', region: 'us' } })
    expect(sent[0]?.headers.authorization).toBe('Bearer sk_given_Other-Key-98765')
    expect(sent[0]?.headers['x-region']).toBe('us')
    expect(JSON.parse(sent[0]?.body ?? 'null')).toEqual({ name: 'Signed Up', region: 'us' })
  })
})
