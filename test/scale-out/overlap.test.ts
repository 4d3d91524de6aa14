/**
 * Two `mapc worker` processes and one message that JetStream hands to both: worker A takes it
 * and sends its request (held by a proxy in front of the Matilda emulator), then loses its
 * connection to NATS (a proxy in front of nats-server cuts it), so its ack wait runs out and the
 * message is redelivered to worker B while A is still sending.
 *
 * - A comes back within the claim timeout: B waits, sends nothing, and acks once A has settled.
 *   The emulator holds one activity for the message: exactly once, as docs/scale-out.md says.
 * - A stays away longer than the claim timeout: B takes over and sends again (the documented
 *   at-least-once case, marked `uncertain` in the ledger); A, back late, is superseded: it does
 *   not settle the message, and its delivery is merged into B's entry, not written over it.
 */
import { jetstream } from '@nats-io/jetstream'
import { Kvm } from '@nats-io/kv'
import { expect, test } from 'vitest'
import { ledgerKey } from '../../src/scale-out/delivered-ledger.js'
import { writeConfig } from '../run/run-support.js'
import { cuttableProxy, holdingProxy } from './proxies.js'
import { activitiesOf as activities, scaleOutFixture, testStream, trackEvent, TRACK_SUBSCRIPTION } from './scale-out-fixture.js'
import { startWorker, stopWorker, waitUntil } from './scale-out-support.js'

const fixture = scaleOutFixture('scale-out-overlap')

const HTTP = 'http:\n  timeoutMs: 60000\n  retry: { maxAttempts: 1 }\n'

async function scenario(name: string, claimTimeoutMs: number) {
  const { suite, nats, nc, jsm } = fixture
  const names = testStream(name, { ackWaitMs: 1000, claimTimeoutMs })
  const stream = names.stream
  const config = writeConfig(suite, `${name}.yaml`, [{ api: 'matilda', extra: TRACK_SUBSCRIPTION }], `${names.yaml}${HTTP}`)
  const natsProxy = await cuttableProxy(nats.port)
  const httpProxy = await holdingProxy(suite.emulators.matilda.url)
  const env = suite.env({ MATILDA_ENDPOINT: httpProxy.url })
  const a = await startWorker(config, natsProxy.url, env, ['--concurrency', '1', '--verbose'])
  const messageId = `${name}-1`
  await jetstream(nc).publish(`${names.subject}.track`, JSON.stringify(trackEvent(messageId, 'u-1')), { msgID: messageId })
  // A sends its request; the proxy holds it. Then A loses NATS: its pull requests and renewals are gone, its ack wait runs out.
  await waitUntil(() => httpProxy.held() === 1, 30_000, "A's request at the proxy")
  natsProxy.cut()
  const b = await startWorker(config, nats.url, env, ['--concurrency', '1', '--verbose'])
  const redelivered = async (): Promise<boolean> => (await jsm.consumers.info(stream, `${name}-workers`)).delivered.consumer_seq >= 2
  await waitUntil(redelivered, 30_000, 'the redelivery to B')
  return { a, b, natsProxy, httpProxy, messageId, ledger: await new Kvm(nc).open(`${name}_ledger`), stream }
}

const activitiesOf = (messageId: string): number => activities(fixture.suite, messageId)

test('A stalled past its ack wait but back within the claim timeout: B waits, sends nothing; one activity', async () => {
  const { jsm } = fixture
  const { a, b, natsProxy, httpProxy, messageId, ledger, stream } = await scenario('alive', 60_000)
  await b.waitFor(/another attempt holds it/)
  natsProxy.restore()
  httpProxy.release()
  await b.waitFor(/the attempt it waited for settled it; acked without sending/)
  expect((await jsm.streams.info(stream)).state.messages).toBe(0)
  const [sa, sb] = [await stopWorker(a), await stopWorker(b)]
  expect(sa).toMatchObject({ delivered: 1, superseded: 0 })
  expect(sb).toMatchObject({ waited: 1, alreadyDone: 1, delivered: 0, uncertain: 0 })
  expect(activitiesOf(messageId)).toBe(1)
  expect(JSON.parse((await ledger.get(ledgerKey(messageId)))!.string())).toMatchObject({ state: 'settled', pending: [] })
  expect(JSON.parse((await ledger.get(ledgerKey(messageId)))!.string())).not.toHaveProperty('uncertain')
  await natsProxy.close()
  httpProxy.server.close()
}, 90_000)

test('A away longer than the claim timeout: B takes over (uncertain, two activities, as documented); A back late is superseded', async () => {
  const { jsm } = fixture
  const { a, b, natsProxy, httpProxy, messageId, ledger, stream } = await scenario('dead', 1500)
  await b.waitFor(/sending again \(it may be applied twice\)/)
  await waitUntil(async () => (await jsm.streams.info(stream)).state.messages === 0, 30_000, "B's ack")
  expect(activitiesOf(messageId)).toBe(1)
  natsProxy.restore()
  httpProxy.release()
  await a.waitFor(/another worker took it over/)
  const [sa, sb] = [await stopWorker(a), await stopWorker(b)]
  expect(sa).toMatchObject({ delivered: 0, superseded: 1 })
  expect(sb).toMatchObject({ waited: 1, uncertain: 1, delivered: 1 })
  // A's request did arrive: the one duplicate the documentation allows, and the ledger says so.
  expect(activitiesOf(messageId)).toBe(2)
  const entry = JSON.parse((await ledger.get(ledgerKey(messageId)))!.string())
  expect(entry).toMatchObject({ state: 'settled', uncertain: true, pending: [], done: ['["matilda","track#0"]'] })
  expect(entry.attempt).toMatch(/\/2$/)
  await natsProxy.close()
  httpProxy.server.close()
}, 90_000)
