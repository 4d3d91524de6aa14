/**
 * Per-user ordering (`ordering: user` on a destination) with two `mapc worker` processes: the
 * Matilda emulator, behind a proxy, rate-limits (429, Retry-After: 1) the first request for user
 * A's first event. With ordering on, A's later events wait for it: the emulator records A's
 * activities in the order they were published, while user B's events are not held up. With
 * ordering off (the default), A's later events are delivered while the first one waits for its
 * retry, so the first one lands last: the check the ordered run passes can fail.
 */
import { jetstream } from '@nats-io/jetstream'
import { expect, test } from 'vitest'
import { eventSubject, scaleOutSettings } from '../../src/scale-out/settings.js'
import { writeConfig } from '../run/run-support.js'
import { rateLimitingProxy } from './proxies.js'
import { scaleOutFixture, testStream, trackEvent, TRACK_SUBSCRIPTION } from './scale-out-fixture.js'
import { startWorker, stopWorker, waitUntil } from './scale-out-support.js'

const fixture = scaleOutFixture('scale-out-ordering')

const HTTP = 'http:\n  timeoutMs: 10000\n  retry: { maxAttempts: 1 }\n'

/** The message ids of Matilda's activities carrying `prefix`, in the order the emulator recorded them. */
function activityOrder(prefix: string): string[] {
  const activities = fixture.suite.emulators.matilda.emulator.state()['activities'] as { attributes: { message_id?: string } }[]
  return activities.map((a) => a.attributes.message_id ?? '').filter((id) => id.startsWith(prefix))
}

async function run(name: string, ordering: string) {
  const { suite, nats, nc, jsm } = fixture
  const names = testStream(name, { ackWaitMs: 5000 })
  const stream = names.stream
  const config = writeConfig(suite, `${name}.yaml`, [{ api: 'matilda', extra: `${ordering}${TRACK_SUBSCRIPTION}` }], `${names.yaml}${HTTP}`)
  const proxy = await rateLimitingProxy(suite.emulators.matilda.url, `"${name}-a-1"`)
  const env = suite.env({ MATILDA_ENDPOINT: proxy.url })
  const workers = [await startWorker(config, nats.url, env, ['--concurrency', '10']), await startWorker(config, nats.url, env, ['--concurrency', '10'])]
  const settings = scaleOutSettings({ subject: names.subject })
  const js = jetstream(nc)
  // Stream order: a-1, b-1, a-2, b-2, a-3. User A's first event meets the 429.
  for (const [user, n] of [['a', 1], ['b', 1], ['a', 2], ['b', 2], ['a', 3]] as const) {
    const event = trackEvent(`${name}-${user}-${n}`, `${name}-user-${user}`)
    await js.publish(eventSubject(settings, event), JSON.stringify(event), { msgID: event['messageId'] as string })
  }
  await waitUntil(() => activityOrder(`${name}-`).length === 5, 60_000, 'five activities')
  await waitUntil(async () => (await jsm.streams.info(stream)).state.messages === 0, 30_000, 'every message acked')
  const summaries = await Promise.all(workers.map((w) => stopWorker(w)))
  await proxy.close()
  expect(proxy.limited()).toBe(1)
  return { a: activityOrder(`${name}-a-`), b: activityOrder(`${name}-b-`), all: activityOrder(`${name}-`), summaries }
}

test('ordering: user — a 429 on user A\'s first event holds A\'s later events back until it is delivered; user B is not held up', async () => {
  const { a, b, all, summaries } = await run('ordon', '    ordering: user\n')
  expect(a).toEqual(['ordon-a-1', 'ordon-a-2', 'ordon-a-3'])
  expect(b).toEqual(['ordon-b-1', 'ordon-b-2'])
  // B's events went while A's first one waited for its retry (Retry-After: 1 s).
  expect(all.indexOf('ordon-b-2')).toBeLessThan(all.indexOf('ordon-a-1'))
  expect(summaries.reduce((n, s) => n + s.orderWaits, 0)).toBeGreaterThan(0)
  expect(summaries.reduce((n, s) => n + s.delivered, 0)).toBe(5)
}, 120_000)

test('ordering off (the default) — the same 429 lets A\'s later events overtake the first one', async () => {
  const { a, summaries } = await run('ordoff', '')
  expect(a).toHaveLength(3)
  expect(a[2]).toBe('ordoff-a-1')
  expect(summaries.reduce((n, s) => n + s.orderWaits, 0)).toBe(0)
}, 120_000)
