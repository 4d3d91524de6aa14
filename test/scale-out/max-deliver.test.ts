/**
 * A destination that always fails with a 5xx: each message is retried (nak with the retry
 * policy's delay) until `jetstream.maxDeliver` deliveries are used up, then dead-lettered to the
 * dead-letter stream with its reason (`max_deliver`), code, deliveries and event, redacted with
 * the destination's secrets (an event that carries the API key shows it masked), and the
 * message terminated. Once the destination is well again, `mapc dead-letter replay --all` puts
 * the events back and a worker delivers them, once each.
 */
import { jetstream } from '@nats-io/jetstream'
import { Kvm } from '@nats-io/kv'
import { expect, test } from 'vitest'
import { REDACTED } from '../../src/runtime/redaction/index.js'
import { listDeadLetters } from '../../src/scale-out/dead-letter-stream.js'
import { ledgerKey } from '../../src/scale-out/delivered-ledger.js'
import { scaleOutSettings } from '../../src/scale-out/settings.js'
import { runMapc } from '../support/cli-process.js'
import { CREDENTIALS, writeConfig } from '../run/run-support.js'
import { scaleOutFixture, testStream, trackEvent, TRACK_SUBSCRIPTION } from './scale-out-fixture.js'
import { startWorker, stopWorker, waitUntil } from './scale-out-support.js'

const fixture = scaleOutFixture('scale-out-max-deliver')

test('a 5xx on every delivery: dead-lettered after maxDeliver with reason, code and event, the key masked; replayed once fixed', async () => {
  const { suite, nats, nc, jsm } = fixture
  const names = testStream('maxd', { ackWaitMs: 2000, maxDeliver: 3 })
  const config = writeConfig(suite, 'max-deliver.yaml', [{ api: 'matilda', extra: TRACK_SUBSCRIPTION }], `${names.yaml}http:\n  timeoutMs: 10000\n  retry: { maxAttempts: 1, baseDelayMs: 5, maxDelayMs: 20 }\n`)
  const matilda = suite.emulators.matilda.emulator
  matilda.setFaults({ serverErrors: 1, seed: 3 })
  const env = suite.env()
  const worker = await startWorker(config, nats.url, env)
  const js = jetstream(nc)
  const ids = ['maxd-1', 'maxd-2', 'maxd-3']
  // The second event carries the destination's API key by mistake: no dead letter may show it.
  for (const [i, messageId] of ids.entries()) {
    const properties = i === 1 ? { note: `key is ${CREDENTIALS.matilda}` } : {}
    await js.publish(`${names.subject}.track`, JSON.stringify(trackEvent(messageId, `u-${i}`, properties)), { msgID: messageId })
  }
  const settings = scaleOutSettings({ deadLetterStream: 'MAXD_DEAD', subject: 'maxd.events', stream: 'MAXD' })
  await waitUntil(async () => (await jsm.streams.info('MAXD_DEAD')).state.messages === 3, 60_000, 'three dead letters')
  await waitUntil(async () => (await jsm.streams.info('MAXD')).state.messages === 0, 30_000, 'the messages terminated')
  const summary = await stopWorker(worker)
  // Three deliveries each: two naks, then the dead letter and a term.
  expect(summary).toMatchObject({ received: 9, retried: 6, deadLettered: 3, delivered: 0 })
  expect(matilda.state().requests.faults.serverErrors).toBe(9)

  const { letters } = await listDeadLetters(jsm, settings, 10)
  expect(letters.map(({ letter }) => letter.messageId).sort()).toEqual(ids)
  for (const { letter } of letters) {
    expect(letter).toMatchObject({ reason: 'max_deliver', code: 'SERVER_ERROR', retryable: true, deliveries: 3, destination: 'matilda', subscription: 'track#0', stream: 'MAXD', event: { messageId: letter.messageId } })
    expect(letter.message).toMatch(/^gave up after 3 deliveries \(jetstream\.maxDeliver\): \S+matilda\.map:\d+:\d+ POST http:\/\/127\.0\.0\.1:\d+\/v1\/activities: 50\d /)
  }
  const raw = JSON.stringify(letters)
  expect(raw).not.toContain(CREDENTIALS.matilda)
  const leaky = letters.find(({ letter }) => letter.messageId === 'maxd-2')!.letter as { event: { properties: { note: string } } }
  expect(leaky.event.properties.note).toBe(`key is ${REDACTED}`)
  // The ledger remembers the target as dead-lettered, nothing pending.
  const ledger = await new Kvm(nc).open('maxd_ledger')
  expect(JSON.parse((await ledger.get(ledgerKey('maxd-1')))!.string())).toMatchObject({ state: 'settled', pending: [], deadLettered: ['["matilda","track#0"]'] })

  // Fixed: replay every letter; a worker delivers each once, and the dead-letter stream is empty.
  matilda.setFaults({})
  const replayed = await runMapc(['dead-letter', 'replay', '--all', '--config', config, '--nats', nats.url], { env })
  expect(replayed.code).toBe(0)
  expect(replayed.stdout.trim().split('\n')).toHaveLength(3)
  const again = await startWorker(config, nats.url, env)
  await waitUntil(() => ids.every((id) => (matilda.state().writes.byMessageId[id] as Record<string, number> | undefined)?.['activities'] === 1), 30_000, 'the replayed events delivered')
  const after = await stopWorker(again)
  expect(after).toMatchObject({ delivered: 3, deadLettered: 0 })
  expect((await jsm.streams.info('MAXD_DEAD')).state.messages).toBe(0)
}, 120_000)
