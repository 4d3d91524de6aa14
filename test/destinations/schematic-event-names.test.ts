/**
 * "Schematic only accepts Track event names that contain alphanumeric characters, dashes, and
 * underscores." (test/fixtures/seeds/schematic-actions-destination.md)
 *
 * The rule is the `pattern` of `body.event` in mappings/apis/schematic.schema.json, and
 * schematic.map refuses with it (`matches`) a name whose snake_cased form breaks it. For every
 * string — ASCII, unicode, emoji, lone surrogates — either what is sent matches the API schema's
 * pattern, or the event fails with a validation error on `event_name` and nothing is sent.
 */
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CompiledDestination } from '../../src/runtime/contract.js'
import { PayloadValidationError } from '../../src/runtime/errors/index.js'
import { eventNameArbitrary } from '../../src/testing/index.js'
import { buildAndLoad, compileMap, removeBuilds } from '../support/build-destination.js'
import { event, runOne } from '../support/harness.js'

const SUITE = 'schematic-event-names'
const settings = { apiKey: 'sk_test_event_names' }
let schematic: CompiledDestination

/** The API schema's rule for a track event's name. */
function apiPattern(): RegExp {
  const schema = JSON.parse(readFileSync('mappings/apis/schematic.schema.json', 'utf8')) as Record<string, unknown>
  const found: string[] = []
  const visit = (node: unknown, key?: string): void => {
    if (node === null || typeof node !== 'object') return
    const record = node as Record<string, unknown>
    if (key === 'event' && typeof record.pattern === 'string') found.push(record.pattern)
    for (const [k, v] of Object.entries(record)) visit(v, k)
  }
  visit(schema)
  expect(found, 'the API schema states the event-name rule once').toHaveLength(1)
  return new RegExp(found[0] as string, 'u')
}

beforeAll(async () => {
  schematic = (await buildAndLoad(compileMap('mappings/schematic.map'), SUITE)).destination
}, 60_000)

afterAll(() => removeBuilds(SUITE))

const track = (name: string) => event('track', { event: name, userId: 'u_1', properties: {} })

async function outcome(name: string): Promise<{ sent?: string; error?: unknown; requests: number }> {
  const { requests, result } = await runOne(schematic, 'trackEvent', track(name), { settings })
  if (result.status === 'delivered') return { sent: (requests[0]?.body as { body: { event: string } }).body.event, requests: requests.length }
  return { error: result.status === 'failed' ? result.error : result, requests: requests.length }
}

describe('"Schematic only accepts Track event names that contain alphanumeric characters, dashes, and underscores"', () => {
  const pattern = apiPattern()

  it('the API schema holds the rule as a pattern', () => {
    expect(pattern.source).toBe('^[A-Za-z0-9_-]+$')
  })

  it.each([
    ['Order Completed', 'order_completed'],
    ['Ünïcödé Évent', 'unicode_event'],
    ['Order—Completed', 'order_completed']
  ])('%j is sent as %j', async (name, sent) => {
    expect(await outcome(name)).toEqual({ sent, requests: 1 })
  })

  it.each(['🚀 Launch', '日本語 イベント', 'Заказ оформлен', '!!!', ''])('%j fails before anything is sent, naming the field', async (name) => {
    const { error, requests } = await outcome(name)
    expect(requests).toBe(0)
    expect(error).toBeInstanceOf(PayloadValidationError)
    expect((error as PayloadValidationError).message).toContain('event_name')
  })

  it('for every string, what is sent matches the API schema, or the event fails on event_name unsent', async () => {
    const names = fc.oneof(
      eventNameArbitrary(),
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.string({ unit: fc.constantFrom(...'aZ09 _-./&!()😀é日'.split('')), maxLength: 12 })
    )
    await fc.assert(
      fc.asyncProperty(names, async (name) => {
        const { sent, error, requests } = await outcome(name)
        if (sent !== undefined) {
          expect(sent).toMatch(pattern)
          expect(requests).toBe(1)
          return
        }
        expect(requests).toBe(0)
        expect(error).toBeInstanceOf(PayloadValidationError)
        expect((error as PayloadValidationError).message).toContain('event_name')
      }),
      { numRuns: 300, seed: 41 }
    )
  })
})
