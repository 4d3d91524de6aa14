/**
 * The delivered ledger across a nats-server that dies with an attempt's settlement in flight, as
 * in the faults test: worker A has finished sending and writes its outcome the moment the server
 * stops answering (paused, then killed and started again on its store), while a redelivery of the
 * same message on worker B waits on A's claim. The request A sent is never answered.
 *
 * A is alive and knows its outcome, so the event must not be sent a second time: A's settlement
 * is written once the server is back, and B, which counts none of the outage towards the claim's
 * staleness, finds the message settled and sends nothing. Before this was fixed, A's write waited
 * for JetStream's 5 s request timeout, longer than its retry budget, and gave up (the claim then
 * looked dead and B took it over: the event sent twice, in the faults test up to three times).
 */
import type { NatsConnection } from '@nats-io/transport-node'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { connectNats } from '../../src/scale-out/connection.js'
import { targetKey, type Begun, type Claim } from '../../src/scale-out/delivered-ledger.js'
import { scaleOutSettings } from '../../src/scale-out/settings.js'
import { openLedger } from '../../src/scale-out/topology.js'
import { startNatsServer, type NatsServer } from '../support/nats-server.js'

let nats: NatsServer
const connections: NatsConnection[] = []
beforeAll(async () => {
  nats = await startNatsServer()
}, 60_000)
afterAll(async () => {
  for (const nc of connections) await nc.close().catch(() => {})
  await nats?.stop()
})

const settings = scaleOutSettings({ ledgerBucket: 'restart_ledger', ackWaitMs: 2000, claimTimeoutMs: 4000 })

/** A worker's ledger: its own connection, made as `mapc worker` makes it. */
async function workerLedger(name: string) {
  const nc = await connectNats({ url: nats.url, name, log: () => {} })
  connections.push(nc)
  return openLedger(nc, settings)
}

function claimOf(begun: Begun): Claim {
  if (begun.kind !== 'claimed') throw new Error(`expected a claim, got ${JSON.stringify(begun)}`)
  return begun.claim
}

test('a settlement in flight when nats-server dies is written after the restart; the waiting redelivery sends nothing', async () => {
  const [a, b] = [await workerLedger('worker A'), await workerLedger('worker B')]
  const id = 'restart-1'
  const claim = claimOf(await a.begin(id, 'A/1/7/1', { first: true, replay: false, staleAfterMs: settings.claimTimeoutMs }))
  let waiting!: () => void
  const waits = new Promise<void>((resolve) => (waiting = resolve))
  const redelivery = b.begin(id, 'B/1/7/2', { first: false, replay: false, staleAfterMs: settings.claimTimeoutMs, onWait: () => waiting() })
  await waits

  // A's requests went out and succeeded; it writes its outcome just as the server stops answering.
  nats.pause()
  const outcome = { state: 'settled' as const, done: [targetKey({ destination: 'matilda', subscription: 'track#0' })], pending: [], deadLettered: [] }
  const settling = a.settle(claim, outcome)
  await sleep(200)
  await nats.kill()
  await sleep(2000)
  await nats.start()

  expect(await settling).toBe('settled')
  const found = await redelivery
  expect(found).toEqual({ kind: 'done', previous: { ...outcome, attempt: 'A/1/7/1' } })
  expect(await b.read(id)).toEqual({ ...outcome, attempt: 'A/1/7/1' })
}, 60_000)
