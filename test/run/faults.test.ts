/**
 * 10,000 events through `mapc run` against emulators that answer 20% of requests 5xx, 10% 429
 * (Retry-After in seconds or as an HTTP date) and cut 5% of connections: every line ends
 * delivered, skipped, firing nothing or dead-lettered with its reason, the counts add up to the
 * input, and no record was written twice. Each event touches records of its own (unique ids,
 * emails, domains) and carries its messageId into every write, so the emulators' write counts
 * per record and per message id prove there are no duplicates.
 *
 * Attio's two actions and Matilda's Track go in batches (a batch that fails after its last
 * attempt dead-letters all its events); Schematic gets one request per "Order Completed" (a tenth
 * of the events); Matilda's Identify, for a tenth, makes two requests in a row (a Person, then a
 * User linked to it), so a failure between them leaves a Person without a User, never two. The
 * mix keeps the number of requests (and the test's time) modest while every path meets faults.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { runMapc, writeText } from '../support/cli-process.js'
import { ndjson, startRunSuite, T, writeConfig, type RunSuite } from './run-support.js'

const EVENTS = 10_000
const FAULTS = { serverErrors: 0.2, rateLimited: 0.1, dropped: 0.05, retryAfterSeconds: 1, retryAfterFormat: 'mixed', latencyJitterMs: 2, seed: 7 } as const

let suite: RunSuite
beforeAll(async () => {
  suite = await startRunSuite('faults')
  for (const served of Object.values(suite.emulators)) served.emulator.setFaults(FAULTS)
}, 120_000)
afterAll(() => suite.stop())

const trace = "message_id: $.messageId"
const config = {
  attio: `    subscriptions:
      - trigger: type = "identify"
        action: identifyUser
        mapping: { user_attributes: '{ ${trace} }', person_attributes: '{ ${trace} }' }
        batch: { size: 50, maxAgeMs: 50 }
      - trigger: type = "group"
        action: groupWorkspace
        mapping: { company_attributes: '{ ${trace} }', workspace_attributes: '{ ${trace} }' }
        batch: { size: 50, maxAgeMs: 50 }
`,
  matilda: `    subscriptions:
      - trigger: type = "identify" and traits.plan = "pro"
        action: identify
        mapping: { user_attributes: '{ ${trace} }', person_attributes: '{ ${trace} }' }
      - trigger: type = "track"
        action: track
        mapping: { attributes: '{ ${trace} }' }
        batch: { size: 50, maxAgeMs: 50 }
`,
  schematic: `    subscriptions:
      - trigger: type = "track" and event = "Order Completed"
        action: trackEvent
        mapping: { traits: '{ raw_event_name: $.event, ${trace} }' }
`
}

function event(i: number): Record<string, unknown> {
  const messageId = `msg-${i}`
  const kind = i % 10
  if (kind < 3) return { type: 'identify', messageId, userId: `user-${i}`, traits: { email: `person-${i}@example.com`, plan: kind === 0 ? 'pro' : 'free' }, ...T }
  if (kind < 5) return { type: 'group', messageId, userId: `user-${i}`, groupId: `ws-${i}`, traits: { website: `company-${i}.example.com` }, ...T }
  return { type: 'track', messageId, userId: `user-${i}`, event: kind === 5 ? 'Order Completed' : 'Product Viewed', properties: {}, context: { traits: { email: `person-${i}@example.com` } }, ...T }
}

/** The writes an event makes at each emulator when it is delivered there. */
function expectedWrites(e: Record<string, unknown>): Record<keyof RunSuite['emulators'], Record<string, number>> {
  const traits = e['traits'] as { plan?: string } | undefined
  if (e['type'] === 'identify') return { attio: { people: 1, users: 1 }, matilda: traits?.plan === 'pro' ? { people: 1, users: 1 } : {}, schematic: {} }
  if (e['type'] === 'group') return { attio: { companies: 1, workspaces: 1 }, matilda: {}, schematic: {} }
  return { attio: {}, matilda: { activities: 1 }, schematic: e['event'] === 'Order Completed' ? { events: 1 } : {} }
}

test('10,000 events against 20% 5xx, 10% 429 and 5% dropped connections: each delivered or dead-lettered with its reason, counts add up, no duplicates', async () => {
  writeConfig(suite, 'faults.yaml', [
    { api: 'attio', extra: config.attio },
    { api: 'matilda', extra: config.matilda },
    { api: 'schematic', extra: config.schematic }
  ], 'http:\n  timeoutMs: 30000\n  retry: { maxAttempts: 4, baseDelayMs: 2, maxDelayMs: 10, maxRetryAfterMs: 5 }\n')
  const events = Array.from({ length: EVENTS }, (_, i) => event(i))
  const input = writeText(join(suite.dir, 'faults.ndjson'), ndjson(events))
  const deadLetters = join(suite.dir, 'faults.dead.ndjson')
  const result = await runMapc(['run', '--config', join(suite.dir, 'faults.yaml'), '--input', input, '--dead-letter', deadLetters, '--json', '--quiet', '--concurrency', '300'], { env: suite.env() })
  expect(result.stderr).not.toMatch(/internal error|\n\s+at /)
  const summary = JSON.parse(result.stdout.trim()) as { lines: { read: number; delivered: number; skipped: number; deadLettered: number; firedNothing: number; blank: number } }
  const { lines } = summary
  expect(lines.read).toBe(EVENTS)
  expect(lines.delivered + lines.skipped + lines.deadLettered + lines.firedNothing + lines.blank).toBe(EVENTS)
  expect(lines.skipped + lines.firedNothing + lines.blank).toBe(0)

  // Every dead letter has its reason: one of the injected faults, after every attempt.
  const letters = readFileSync(deadLetters, 'utf8').trim().split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, any>)
  for (const letter of letters) {
    expect(['SERVER_ERROR', 'RATE_LIMIT', 'NETWORK']).toContain(letter.code)
    expect(letter.attempts).toBe(4)
    expect(letter.event.messageId).toBe(letter.messageId)
  }
  const deadLettered = new Set(letters.map((l) => l.messageId as string))
  expect(deadLettered.size).toBe(lines.deadLettered)
  expect(result.code).toBe(lines.deadLettered > 0 ? 1 : 0)
  // Which (event, destination) pairs failed: those may have written part of their records, never more.
  const failedAt = new Set(letters.map((l) => `${l.messageId}@${l.destination}`))

  for (const api of ['attio', 'matilda', 'schematic'] as const) {
    const state = suite.emulators[api].emulator.state()
    // The faults happened, all three kinds.
    expect(state.requests.faults.serverErrors).toBeGreaterThan(0)
    expect(state.requests.faults.rateLimited).toBeGreaterThan(0)
    expect(state.requests.faults.dropped).toBeGreaterThan(0)
    // No record was written twice: every event has records of its own.
    const twice = Object.entries(state.writes.byRecord).filter(([, n]) => n !== 1)
    expect(twice).toEqual([])
    for (const e of events) {
      const id = e['messageId'] as string
      const written = state.writes.byMessageId[id] ?? {}
      const expected = expectedWrites(e)[api]
      if (failedAt.has(`${id}@${api}`)) {
        for (const [object, n] of Object.entries(written)) expect(n).toBeLessThanOrEqual(expected[object] ?? 0)
      } else {
        expect({ id, written }).toEqual({ id, written: expected })
      }
    }
  }
}, 900_000)
