/**
 * Schematic, as Segment's docs describe it (test/fixtures/seeds/schematic-actions-destination.md).
 * Each `describe` quotes the sentence of the seed it proves.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CompiledDestination } from '../../src/runtime/contract.js'
import { AuthenticationError, PayloadValidationError } from '../../src/runtime/errors/index.js'
import { createRuntime } from '../../src/runtime/runtime.js'
import { buildAndLoad, compileMap, removeBuilds } from '../support/build-destination.js'
import { deliverWithRetries, errorOf, event, runOne } from '../support/harness.js'

const apiKey = 'sk_test_4f9c2e71b0a84d55'
const settings = { apiKey }
let schematic: CompiledDestination

const SUITE = 'destination-schematic'

beforeAll(async () => {
  schematic = (await buildAndLoad(compileMap('mappings/schematic.map'), SUITE)).destination
}, 60_000)

afterAll(() => removeBuilds(SUITE))

const track = (name: unknown, extra: Record<string, unknown> = {}) => event('track', { event: name, userId: 'u_1', properties: {}, ...extra })

describe('"the Schematic destination automatically snake_cases the event name before passing to Schematic"', () => {
  it.each([
    ['Order Completed', 'order_completed'],
    ['OrderCompleted', 'order_completed'],
    ['Add to Cart / Wishlist', 'add_to_cart_wishlist'],
    ['Step2Completed', 'step_2_completed'],
    ['Ünïcödé Évent', 'unicode_event'],
    ['kebab-case-event', 'kebab_case_event']
  ])('%j is sent as %j', async (name, sent) => {
    const { requests, result } = await runOne(schematic, 'trackEvent', track(name), { settings })
    expect(result.status).toBe('delivered')
    expect(requests).toHaveLength(1)
    expect((requests[0]?.body as { body: { event: string } }).body.event).toBe(sent)
  })

  it('for any ASCII name the sent name is made of lower-case letters, digits and underscores, and snake_case is idempotent', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: fc.constantFrom(...'aZ09 _-./&!()AbcDEf'.split('')), minLength: 1, maxLength: 30 }), async (name) => {
        const { requests, result } = await runOne(schematic, 'trackEvent', track(name), { settings })
        if (result.status === 'failed') {
          // Only names without a letter or digit are refused, by the destination's `reject` rule.
          expect(name).not.toMatch(/[A-Za-z0-9]/)
          return
        }
        const sent = (requests[0]?.body as { body: { event: string } }).body.event
        expect(sent).toMatch(/^[a-z0-9_]+$/)
        const again = await runOne(schematic, 'trackEvent', track(sent), { settings })
        expect((again.requests[0]?.body as { body: { event: string } }).body.event).toBe(sent)
      }),
      { numRuns: 200 }
    )
  })
})

describe('"Segment passes the raw event name as an event trait"', () => {
  it('sends the name as written in traits.raw_event_name', async () => {
    const { requests } = await runOne(schematic, 'trackEvent', track('Sign Up & Pay'), { settings })
    expect(requests[0]?.body).toEqual({
      api_key: apiKey,
      type: 'track',
      sent_at: '2024-05-24T09:59:59.000Z',
      body: { traits: { raw_event_name: 'Sign Up & Pay' }, user: { userId: 'u_1' }, event: 'sign_up_pay' }
    })
  })
})

describe('"Schematic only accepts Track event names that contain alphanumeric characters, dashes, and underscores"', () => {
  it('an event name of only punctuation is refused with a validation error on event_name, and nothing is sent', async () => {
    const { requests, result } = await runOne(schematic, 'trackEvent', track('!!! ???'), { settings })
    expect(requests).toEqual([])
    expect(result.status).toBe('failed')
    const error = errorOf(result, PayloadValidationError)
    expect(error).toBeInstanceOf(PayloadValidationError)
    expect((error as PayloadValidationError).issues.map((i) => i.field)).toEqual(['event_name'])
    expect((error as PayloadValidationError).message).toMatch(/^mappings\/schematic\.map:\d+:5 field event_name \(Event name\): has no letters or digits/)
  })
})

describe('"On the destination\'s Settings tab, input your Schematic API Key"', () => {
  it('sends the key as a bearer token and in the body', async () => {
    const { requests } = await runOne(schematic, 'trackEvent', track('Signed Up'), { settings })
    expect(requests[0]?.headers).toEqual({ authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' })
    expect((requests[0]?.body as { api_key: string }).api_key).toBe(apiKey)
  })

  it('the API Key setting is required, a secret, and checked before anything is sent', () => {
    expect(schematic.settings).toEqual([expect.objectContaining({ name: 'apiKey', label: 'API Key', type: 'password', required: true, secret: true })])
    expect(schematic.validateSettings({})).toBe(false)
    expect(() => createRuntime([{ destination: schematic, settings: {} }])).toThrow(/apiKey/)
  })

  it('a 401 from Schematic is an authentication failure that never shows the key', async () => {
    const { requests, result } = await runOne(schematic, 'trackEvent', track('Signed Up'), {
      settings,
      responses: [{ status: 401, body: { error: `invalid api key ${apiKey}` } }]
    })
    expect(requests).toHaveLength(1)
    expect(result.status).toBe('failed')
    const error = errorOf(result, AuthenticationError)
    expect(error).toBeInstanceOf(AuthenticationError)
    expect(error.status).toBe(401)
    expect(JSON.stringify(error.toJSON())).not.toContain(apiKey)
    expect(error.message).not.toContain(apiKey)
  })

  it('a 429 is retried and then delivered', async () => {
    const { results, delays, unanswered } = await deliverWithRetries(schematic, { settings }, track('Order Completed'), [
      new Response('{"error":"slow down"}', { status: 429, headers: { 'retry-after': '1' } }),
      new Response('{"ok":true}', { status: 200 })
    ])
    expect(results.map((r) => r.status)).toEqual(['delivered'])
    expect(delays).toEqual([1000])
    expect(unanswered).toBe(0)
  })
})

describe('"Identify User … Send identify events to Schematic"', () => {
  it('sends the user and company keys, names and traits', async () => {
    const { requests } = await runOne(
      schematic,
      'identifyUser',
      event('identify', { userId: 'si_1', traits: { name: 'Grace Hopper', company_name: 'Navy' }, context: { groupId: 'g_1' } }),
      { settings, mapping: { user_traits: { '@path': '$.traits' } } }
    )
    expect(requests[0]?.body).toEqual({
      api_key: apiKey,
      type: 'identify',
      sent_at: '2024-05-24T09:59:59.000Z',
      body: {
        keys: { userId: 'si_1' },
        name: 'Grace Hopper',
        traits: { name: 'Grace Hopper', company_name: 'Navy' },
        company: { keys: { groupId: 'g_1' }, name: 'Navy' }
      }
    })
  })

  it('a malformed timestamp is a validation error naming the field, and nothing is sent', async () => {
    const { requests, result } = await runOne(schematic, 'identifyUser', event('identify', { userId: 'si_1', timestamp: '31/12/2024 25:61' }), { settings })
    expect(requests).toEqual([])
    const error = errorOf(result, PayloadValidationError)
    expect(error).toBeInstanceOf(PayloadValidationError)
    expect(error.issues).toEqual([expect.objectContaining({ field: 'timestamp', label: 'Timestamp', message: expect.stringContaining('a date or datetime') })])
  })
})

describe('"Schematic has the following presets"', () => {
  it('Identify User on type = "identify" and Track Event on type = "track"', () => {
    expect(schematic.presets.map((p) => [p.title, p.fql, p.action])).toEqual([
      ['Identify User', 'type = "identify"', 'identifyUser'],
      ['Track Event', 'type = "track"', 'trackEvent']
    ])
    expect(schematic.presets.map((p) => p.trigger({ type: 'identify' }))).toEqual([true, false])
    expect(schematic.presets.map((p) => p.trigger({ type: 'track', event: 'x' }))).toEqual([false, true])
  })

  it('"Accepts Page, Alias, Group, Identify, Track calls"', () => {
    expect([...schematic.accepts].sort()).toEqual(['alias', 'group', 'identify', 'page', 'track'])
  })
})
