/**
 * A whole-event ("unsent") dead letter and its replay. The message's first delivery is taken by a
 * client that never settles it (a worker that died mid-attempt), after a ledger entry that left
 * Matilda's target pending; the worker then gets delivery maxDeliver + 1, has no attempt left,
 * dead-letters the event unsent and records the pending target as dead-lettered. A replay whose
 * publish finds no stream keeps the letter; `mapc dead-letter replay` then republishes it with
 * `Mapc-Replay`, deletes the letter once the publish was acked, and a worker delivers the event
 * exactly once, although the ledger has it settled.
 */
import { jetstream } from '@nats-io/jetstream'
import { expect, test } from 'vitest'
import { listDeadLetters, readDeadLetter, REPLAY_HEADER, replayDeadLetter } from '../../src/scale-out/dead-letter-stream.js'
import { ledgerKey, targetKey } from '../../src/scale-out/delivered-ledger.js'
import { scaleOutSettings } from '../../src/scale-out/settings.js'
import { ensureConsumer, ensureStream, eventStreamConfig, deadLetterStreamConfig, openLedgerBucket } from '../../src/scale-out/topology.js'
import { runMapc } from '../support/cli-process.js'
import { writeConfig } from '../run/run-support.js'
import { activitiesOf, scaleOutFixture, testStream, trackEvent, TRACK_SUBSCRIPTION } from './scale-out-fixture.js'
import { startWorker, stopWorker, waitUntil } from './scale-out-support.js'

const fixture = scaleOutFixture('scale-out-unsent-replay')

test('an unsent dead letter records the pending target as dead-lettered; its replay is delivered exactly once, the letter deleted after the republish', async () => {
  const { suite, nats, nc, jsm } = fixture
  const names = testStream('unsent', { ackWaitMs: 2000, maxDeliver: 1 })
  const settings = scaleOutSettings({ stream: names.stream, subject: names.subject, consumer: names.consumer, deadLetterStream: names.deadLetterStream, ledgerBucket: names.ledgerBucket, ackWaitMs: 2000, maxDeliver: 1 })
  const config = writeConfig(suite, 'unsent-replay.yaml', [{ api: 'matilda', extra: TRACK_SUBSCRIPTION }], `${names.yaml}http:\n  retry: { maxAttempts: 1, baseDelayMs: 5, maxDelayMs: 20 }\n`)
  const env = suite.env()
  const js = jetstream(nc)
  for (const stream of [eventStreamConfig(settings), deadLetterStreamConfig(settings)]) await ensureStream(jsm, stream)
  await ensureConsumer(jsm, settings)
  const id = 'unsent-1'
  const matilda = { destination: 'matilda', subscription: 'track#0' }
  // What an earlier attempt left: Matilda's target failed retryably and is pending.
  const bucket = await openLedgerBucket(nc, settings)
  await bucket.put(ledgerKey(id), JSON.stringify({ state: 'settled', done: [], pending: [matilda], deadLettered: [], attempt: 'gone/1/1/1' }))
  await js.publish(`${names.subject}.track`, JSON.stringify(trackEvent(id, 'u-1')), { msgID: id })
  // The first (and, with maxDeliver 1, only) attempt's delivery goes to a worker that never settles it.
  const consumer = await js.consumers.get(names.stream, names.consumer)
  const lost = await consumer.next({ expires: 5000 })
  expect(lost?.info.deliveryCount).toBe(1)
  lost!.nak()

  const worker = await startWorker(config, nats.url, env)
  await waitUntil(async () => (await jsm.streams.info(names.deadLetterStream)).state.messages === 1, 30_000, 'the unsent dead letter')
  await waitUntil(async () => (await jsm.streams.info(names.stream)).state.messages === 0, 30_000, 'the message terminated')
  expect(await stopWorker(worker)).toMatchObject({ received: 1, deadLettered: 1, delivered: 0 })
  expect(activitiesOf(suite, id)).toBe(0)
  const { letters } = await listDeadLetters(jsm, settings, 10)
  expect(letters).toHaveLength(1)
  const [{ seq, letter }] = letters as [(typeof letters)[number]]
  expect(letter).toMatchObject({ reason: 'unsent', code: 'MAX_DELIVER', messageId: id, deliveries: 2, event: { messageId: id } })
  expect(letter.destination === undefined || letter.destination === '').toBe(true)
  // The target that was pending is dead-lettered now, nothing pending.
  expect(JSON.parse((await bucket.get(ledgerKey(id)))!.string())).toMatchObject({ state: 'settled', pending: [], deadLettered: [targetKey(matilda)] })

  // A republish that no stream acks (its subject is captured by none) fails, and the letter stays.
  await expect(replayDeadLetter(js, jsm, { ...settings, subject: 'unsent-nowhere' }, seq)).rejects.toThrow()
  expect(await readDeadLetter(jsm, settings, seq)).toMatchObject({ reason: 'unsent', messageId: id })
  expect((await jsm.streams.info(names.stream)).state.messages).toBe(0)

  const replayed = await runMapc(['dead-letter', 'replay', String(seq), '--config', config, '--nats', nats.url], { env })
  expect(replayed.code).toBe(0)
  expect(await readDeadLetter(jsm, settings, seq)).toBeUndefined()
  const info = await jsm.streams.info(names.stream)
  expect(info.state.messages).toBe(1)
  const republished = (await jsm.streams.getMessage(names.stream, { seq: info.state.last_seq }))!
  expect(republished.header.get(REPLAY_HEADER)).toBe('1')
  expect(republished.json()).toMatchObject({ messageId: id })

  const again = await startWorker(config, nats.url, env)
  await waitUntil(async () => (await jsm.streams.info(names.stream)).state.messages === 0, 30_000, 'the replayed message acked')
  expect(await stopWorker(again)).toMatchObject({ received: 1, delivered: 1, deadLettered: 0, alreadyDone: 0 })
  expect(activitiesOf(suite, id)).toBe(1)
  expect((await jsm.streams.info(names.deadLetterStream)).state.messages).toBe(0)
  expect(JSON.parse((await bucket.get(ledgerKey(id)))!.string())).toMatchObject({ state: 'settled', pending: [], done: [targetKey(matilda)] })
}, 120_000)
