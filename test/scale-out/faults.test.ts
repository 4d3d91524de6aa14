/**
 * 10,000 events through `mapc ingest --nats` → JetStream (file storage) → three `mapc worker`
 * processes → the emulators, which answer 10% of requests 5xx, 5% 429 and cut 3% of
 * connections. Mid-stream the nats-server is restarted on its store (ingest answers 503 while it
 * is away, and the client sends those batches again with the same messageIds), and one worker
 * is SIGKILLed and replaced. At the end:
 *
 * - every event has a settled ledger entry with nothing pending, and is delivered (its records
 *   at the emulators) or dead-lettered (a letter in the dead-letter stream): delivered + skipped
 *   + dead-lettered = input;
 * - no event was applied twice, except those the ledger marks `uncertain` (an attempt whose
 *   worker was killed mid-request, taken over), and those at most twice; as docs/scale-out.md
 *   documents.
 */
import { jetstreamManager } from '@nats-io/jetstream'
import { Kvm, type KV } from '@nats-io/kv'
import { connect } from '@nats-io/transport-node'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { listDeadLetters } from '../../src/scale-out/dead-letter-stream.js'
import { ledgerKey, type LedgerEntry } from '../../src/scale-out/delivered-ledger.js'
import { scaleOutSettings } from '../../src/scale-out/settings.js'
import { startRunSuite, type RunSuite } from '../run/run-support.js'
import { startNatsServer, type NatsServer } from '../support/nats-server.js'
import { expectedWrites, startIngest, startWorker, stopWorker, tracedEvent, waitUntil, WRITE_KEY, writeScaleOutConfig, type MapcProcess } from './scale-out-support.js'

const EVENTS = 10_000
const BATCH = 100
const FAULTS = { serverErrors: 0.1, rateLimited: 0.05, dropped: 0.03, retryAfterSeconds: 1, seed: 11 } as const

let suite: RunSuite
let nats: NatsServer
const processes: MapcProcess[] = []
beforeAll(async () => {
  ;[suite, nats] = await Promise.all([startRunSuite('scale-out-faults'), startNatsServer()])
  for (const served of Object.values(suite.emulators)) served.emulator.setFaults(FAULTS)
}, 120_000)
afterAll(async () => {
  for (const p of processes) p.signal('SIGKILL')
  await Promise.all(processes.map((p) => p.result))
  await nats?.stop()
  await suite?.stop()
})

/** A client that sends each batch until ingest answers 200, with the same messageIds every time, as Segment's libraries do. */
async function publish(url: string, events: readonly Record<string, unknown>[], progress: { batches: number; retries: number }): Promise<void> {
  const authorization = `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`
  const batches: Record<string, unknown>[][] = []
  for (let i = 0; i < events.length; i += BATCH) batches.push(events.slice(i, i + BATCH))
  let next = 0
  const sender = async (): Promise<void> => {
    while (next < batches.length) {
      const batch = batches[next++] as Record<string, unknown>[]
      for (;;) {
        const answer = await fetch(`${url}/v1/batch`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify({ batch }) }).catch(() => undefined)
        await answer?.arrayBuffer()
        if (answer?.status === 200) break
        progress.retries++
        await new Promise((r) => setTimeout(r, 200))
      }
      progress.batches++
    }
  }
  await Promise.all([sender(), sender(), sender()])
}

async function allEntries(kv: KV, ids: readonly string[]): Promise<Map<string, LedgerEntry | undefined>> {
  const out = new Map<string, LedgerEntry | undefined>()
  for (let i = 0; i < ids.length; i += 250) {
    const chunk = ids.slice(i, i + 250)
    const entries = await Promise.all(chunk.map((id) => kv.get(ledgerKey(id))))
    chunk.forEach((id, j) => out.set(id, entries[j] ? (JSON.parse(entries[j]!.string()) as LedgerEntry) : undefined))
  }
  return out
}

test('10,000 events, 3 workers (one SIGKILLed and replaced), nats-server restarted, emulator faults: each delivered or dead-lettered, counts add up, no undocumented duplicate', async () => {
  // The claim timeout is three ack waits: on the shared 2-core machine a live worker can stall for seconds, and a takeover of a
  // stalled worker's claim is the documented at-least-once case, which this test bounds to the killed worker's window.
  const jetstream = '  stream: FAULTS\n  subject: faults.events\n  consumer: faults-workers\n  deadLetterStream: FAULTS_DEAD\n  ledgerBucket: faults_ledger\n  ackWaitMs: 2000\n  claimTimeoutMs: 6000\n  maxDeliver: 5\n'
  const config = writeScaleOutConfig(suite, 'faults.yaml', jetstream, 'http:\n  timeoutMs: 10000\n  retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 50, maxRetryAfterMs: 50 }\n')
  const env = suite.env()
  const ingest = await startIngest(config, nats.url, env)
  processes.push(ingest)
  const workers = await Promise.all([0, 1, 2].map(() => startWorker(config, nats.url, env, ['--concurrency', '100'])))
  processes.push(...workers)

  const events = Array.from({ length: EVENTS }, (_, i) => tracedEvent(i, 'fault'))
  const progress = { batches: 0, retries: 0 }
  const publishing = publish(ingest.url, events, progress)

  // The server goes away while the client is still sending: ingest answers 503, the client sends those batches again.
  await waitUntil(() => progress.batches >= 30, 60_000, '30 batches accepted')
  await nats.restart({ downMs: 500 })
  await publishing
  expect(progress.retries).toBeGreaterThan(0)

  // One worker dies mid-stream, whatever it had in flight; a new one takes its place.
  const written = (): number => Object.keys(suite.emulators.matilda.emulator.state().writes.byMessageId).length
  await waitUntil(() => written() >= 1500, 60_000, 'deliveries under way')
  const killed = workers[1] as MapcProcess
  killed.signal('SIGKILL')
  expect((await killed.result).signal).toBe('SIGKILL')
  const replacement = await startWorker(config, nats.url, env, ['--concurrency', '100'])
  processes.push(replacement)

  const nc = await connect({ servers: nats.url })
  try {
    const jsm = await jetstreamManager(nc)
    // Work-queue retention: a message leaves the stream once acked or terminated.
    await waitUntil(async () => (await jsm.streams.info('FAULTS')).state.messages === 0, 240_000, 'every message settled')
    const summaries = await Promise.all([workers[0], workers[2], replacement].map((w) => stopWorker(w as MapcProcess)))
    ingest.signal('SIGTERM')
    const ingested = JSON.parse((await ingest.result).stdout.trim()) as { published: number; duplicates: number }
    // What entered the stream. JetStream keeps one message per Nats-Msg-Id within the duplicate window; but a restarted server
    // rebuilds that window from the messages still stored, and with work-queue retention an event already delivered and acked is
    // gone, so the client's repeat of a batch answered 503 in the restart stores such an event a second time (its redelivery
    // finds the ledger settled and sends nothing). So: every event stored at least once, extra copies only from repeated batches,
    // each store acked as published unless its ack was lost in the restart, and every event acked once in the end.
    const stored = (await jsm.streams.info('FAULTS')).state.last_seq
    console.log(`scale-out faults: stream stored ${stored}, ingest ${JSON.stringify(ingested)}, client retries ${progress.retries}`)
    expect(stored).toBeGreaterThanOrEqual(EVENTS)
    expect(stored - EVENTS).toBeLessThanOrEqual(progress.retries * BATCH)
    expect(ingested.published).toBeLessThanOrEqual(stored)
    expect(stored - ingested.published).toBeLessThanOrEqual(progress.retries * BATCH)
    expect(ingested.published + ingested.duplicates).toBeGreaterThanOrEqual(EVENTS)

    const settings = scaleOutSettings({ deadLetterStream: 'FAULTS_DEAD', subject: 'faults.events' })
    const { letters } = await listDeadLetters(jsm, settings, 100_000)
    for (const { letter } of letters) {
      expect(['max_deliver', 'unsent', 'permanent']).toContain(letter.reason)
      expect(JSON.stringify(letter)).not.toContain(suite.env()['ATTIO_ACCESS_TOKEN'] as string)
    }
    // A letter for one target, or for every target (`unsent`: the last attempt's worker stopped, so none was left).
    const deadAt = new Set(letters.flatMap(({ letter }) => (letter.reason === 'unsent' ? ['attio', 'matilda', 'schematic'] : [letter.destination ?? '']).map((d) => `${letter.messageId}@${d}`)))
    const deadIds = new Set(letters.map(({ letter }) => letter.messageId))

    const ledger = await new Kvm(nc).open('faults_ledger')
    const entries = await allEntries(ledger, events.map((e) => e['messageId'] as string))
    let delivered = 0
    let deadLettered = 0
    let uncertain = 0
    const states = suite.emulators
    const byApi = { attio: states.attio.emulator.state(), matilda: states.matilda.emulator.state(), schematic: states.schematic.emulator.state() }
    for (const e of events) {
      const id = e['messageId'] as string
      const entry = entries.get(id)
      // Nothing lost: a settled entry, nothing left pending.
      expect({ id, state: entry?.state, pending: entry?.pending }).toEqual({ id, state: 'settled', pending: [] })
      if (entry?.uncertain) uncertain++
      for (const api of ['attio', 'matilda', 'schematic'] as const) {
        const expected = expectedWrites(e)[api]
        const got = byApi[api].writes.byMessageId[id] ?? {}
        if (deadAt.has(`${id}@${api}`)) {
          for (const [object, n] of Object.entries(got)) expect(n).toBeLessThanOrEqual((expected[object] ?? 0) * (entry?.uncertain ? 2 : 1))
        } else if (entry?.uncertain) {
          // The documented exception: a killed attempt's request may have arrived; sent again once, so at most twice.
          for (const [object, n] of Object.entries(expected)) expect({ id, object, within: (got[object] ?? 0) >= n && (got[object] ?? 0) <= 2 * n }).toEqual({ id, object, within: true })
        } else {
          expect({ id, api, got }).toEqual({ id, api, got: expected })
        }
      }
      if (deadIds.has(id)) deadLettered++
      else delivered++
    }
    // Every trace event delivers somewhere; none is skipped here, so delivered + skipped + dead-lettered is the input.
    const skipped = summaries.reduce((n, s) => n + s.skipped, 0)
    expect(skipped).toBe(0)
    expect(delivered + skipped + deadLettered).toBe(EVENTS)
    // Only attempts in flight when their worker was killed can be uncertain: at most the killed worker's window (--concurrency 100).
    // The server's restart makes none: an attempt whose settlement was in flight writes it once the server is back.
    expect(uncertain).toBeLessThanOrEqual(100)
    for (const api of ['attio', 'matilda', 'schematic'] as const) {
      const faults = byApi[api].requests.faults
      expect(faults.serverErrors + faults.rateLimited + faults.dropped).toBeGreaterThan(0)
    }
    console.log(`scale-out faults: ${delivered} delivered, ${deadLettered} dead-lettered, ${uncertain} uncertain; ingest ${JSON.stringify(ingested)}, client retries ${progress.retries}; workers ${JSON.stringify(summaries)}`)
  } finally {
    await nc.close()
  }
}, 400_000)
