/**
 * A takeover sends only what is still owed. The ledger holds a claim left by an attempt whose
 * worker died after one of Matilda's two subscriptions was delivered (recorded in `done`, as a
 * late owner's merge leaves it) and before the other was: the claim stays unchanged for the claim
 * timeout, the worker takes it over, and writes to the second subscription alone.
 */
import { jetstream } from '@nats-io/jetstream'
import { expect, test } from 'vitest'
import { ledgerKey, targetKey } from '../../src/scale-out/delivered-ledger.js'
import { scaleOutSettings } from '../../src/scale-out/settings.js'
import { ensureStream, eventStreamConfig, openLedgerBucket } from '../../src/scale-out/topology.js'
import { writeConfig } from '../run/run-support.js'
import { scaleOutFixture, testStream, trackEvent } from './scale-out-fixture.js'
import { startWorker, stopWorker, waitUntil } from './scale-out-support.js'

const fixture = scaleOutFixture('scale-out-takeover-skips-done')

/** Two subscriptions to every track event, each writing an activity with its own `via`. */
const TWO_SUBSCRIPTIONS = `    subscriptions:
      - trigger: type = "track"
        action: track
        mapping: { attributes: '{ message_id: $.messageId, via: "first" }' }
      - trigger: type = "track"
        action: track
        mapping: { attributes: '{ message_id: $.messageId, via: "second" }' }
`

test('a takeover of an expired claim writes only to the target not done yet', async () => {
  const { suite, nats, nc, jsm } = fixture
  const names = testStream('takeover', { ackWaitMs: 2000, claimTimeoutMs: 1000 })
  const settings = scaleOutSettings({ stream: names.stream, subject: names.subject, consumer: names.consumer, deadLetterStream: names.deadLetterStream, ledgerBucket: names.ledgerBucket, ackWaitMs: 2000, claimTimeoutMs: 1000 })
  const config = writeConfig(suite, 'takeover.yaml', [{ api: 'matilda', extra: TWO_SUBSCRIPTIONS }], names.yaml)
  const env = suite.env()
  const matilda = suite.emulators.matilda.emulator
  const first = { destination: 'matilda', subscription: 'track#0' }
  const second = { destination: 'matilda', subscription: 'track#1' }
  await ensureStream(jsm, eventStreamConfig(settings))
  const bucket = await openLedgerBucket(nc, settings)
  const id = 'takeover-1'
  // A dead worker's claim: the first subscription delivered, the second not yet, nothing pending (the attempt was under way).
  await bucket.put(ledgerKey(id), JSON.stringify({ state: 'sending', done: [targetKey(first)], pending: [], deadLettered: [], attempt: 'dead/1/1/1' }))
  await jetstream(nc).publish(`${names.subject}.track`, JSON.stringify(trackEvent(id, 'u-1')), { msgID: id })

  const worker = await startWorker(config, nats.url, env)
  await waitUntil(async () => (await jsm.streams.info(names.stream)).state.messages === 0, 30_000, 'the message acked')
  const summary = await stopWorker(worker)
  expect(summary).toMatchObject({ received: 1, waited: 1, delivered: 1, deadLettered: 0 })
  // One write for the message id, and it is the second subscription's.
  expect((matilda.state().writes.byMessageId[id] as Record<string, number> | undefined)?.['activities']).toBe(1)
  const vias = JSON.stringify(matilda.state()).match(/"via":"(first|second)"/g)
  expect(vias).toEqual(['"via":"second"'])
  const entry = JSON.parse((await bucket.get(ledgerKey(id)))!.string())
  expect(entry).toMatchObject({ state: 'settled', pending: [], deadLettered: [], uncertain: true })
  expect([...entry.done].sort()).toEqual([targetKey(first), targetKey(second)].sort())
}, 120_000)
