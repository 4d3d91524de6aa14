/**
 * A client no one here wrote, Segment's own `@segment/analytics-node`, pointed at `mapc ingest
 * --nats`: its identify, track and group calls go through a real nats-server's JetStream to two
 * `mapc worker` processes and on to the emulators, whose state shows every event applied once.
 * And a client's retry of a request whose answer was lost (a proxy cuts the connection after
 * ingest answered) is one event, not two: the stream deduplicates on the messageId.
 */
import { Analytics } from '@segment/analytics-node'
import { connect } from '@nats-io/transport-node'
import { jetstreamManager } from '@nats-io/jetstream'
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startNatsServer, type NatsServer } from '../support/nats-server.js'
import { startRunSuite, type RunSuite } from '../run/run-support.js'
import { expectedWrites, startIngest, startWorker, stopWorker, waitUntil, WRITE_KEY, writeScaleOutConfig } from './scale-out-support.js'

let suite: RunSuite
let nats: NatsServer
beforeAll(async () => {
  ;[suite, nats] = await Promise.all([startRunSuite('scale-out-client'), startNatsServer()])
}, 120_000)
afterAll(async () => {
  await nats?.stop()
  await suite?.stop()
})

test('analytics-node → mapc ingest → JetStream → two workers → emulators: each event applied once', async () => {
  const config = writeScaleOutConfig(suite, 'client.yaml', '  stream: CLIENT\n  subject: client.events\n  consumer: client-workers\n  deadLetterStream: CLIENT_DEAD\n  ledgerBucket: client_ledger\n  ackWaitMs: 5000\n')
  const env = suite.env()
  const ingest = await startIngest(config, nats.url, env)
  const workers = await Promise.all([startWorker(config, nats.url, env, ['--concurrency', '4']), startWorker(config, nats.url, env, ['--concurrency', '4'])])

  const analytics = new Analytics({ writeKey: WRITE_KEY, host: ingest.url, flushAt: 10, flushInterval: 50, maxRetries: 3 })
  const failures: unknown[] = []
  analytics.on('error', (error) => failures.push(error))
  const sent: Record<string, unknown>[] = []
  analytics.on('track', (ctx) => sent.push(ctx as unknown as Record<string, unknown>))
  const users = 20
  for (let i = 0; i < users; i++) {
    analytics.identify({ userId: `user-${i}`, traits: { email: `person-${i}@example.com` } })
    analytics.group({ userId: `user-${i}`, groupId: `ws-${i}`, traits: { website: `company-${i}.example.com` } })
    analytics.track({ userId: `user-${i}`, event: i % 2 === 0 ? 'Order Completed' : 'Product Viewed', properties: { i }, context: { traits: { email: `person-${i}@example.com` } } })
  }
  await analytics.closeAndFlush({ timeout: 20_000 })
  expect(failures).toEqual([])

  const { attio, matilda, schematic } = suite.emulators
  await waitUntil(() => {
    const a = attio.emulator.state() as any
    return Object.keys(a.objects.workspaces ?? {}).length === users && Object.keys(a.objects.people ?? {}).length === users && (matilda.emulator.state() as any).activities.length === users && (schematic.emulator.state() as any).events.length === users / 2
  }, 30_000, 'every event at the emulators')

  const summaries = await Promise.all(workers.map(stopWorker))
  ingest.signal('SIGTERM')
  const ingested = JSON.parse((await ingest.result).stdout.trim()) as { events: number; published: number; duplicates: number }
  expect(ingested).toMatchObject({ events: users * 3, published: users * 3, duplicates: 0 })
  // Both workers took part, and between them settled every event exactly once.
  for (const s of summaries) expect(s.received).toBeGreaterThan(0)
  expect(summaries.reduce((n, s) => n + s.delivered, 0)).toBe(users * 3)
  expect(summaries.reduce((n, s) => n + s.deadLettered + s.retried + s.alreadyDone + s.uncertain, 0)).toBe(0)

  // The emulators' records: one person per email, a workspace per group, every write once, each carrying a messageId the client made.
  const a = attio.emulator.state() as any
  const emails = Object.values(a.objects.people as Record<string, any>).map((p) => p.values.email_addresses[0].email_address ?? p.values.email_addresses[0]).sort()
  expect(emails).toEqual(Array.from({ length: users }, (_, i) => `person-${i}@example.com`).sort())
  for (const api of ['attio', 'matilda', 'schematic'] as const) {
    const state = suite.emulators[api].emulator.state()
    expect(Object.entries(state.writes.byRecord).filter(([, n]) => n !== 1)).toEqual([])
    const perMessage = Object.values(state.writes.byMessageId)
    expect(perMessage.length).toBeGreaterThan(0)
    for (const writes of perMessage) for (const n of Object.values(writes)) expect(n).toBe(1)
  }
  const tracked = (matilda.emulator.state() as any).activities as any[]
  expect(tracked.length).toBe(users)
  expect(expectedWrites({ type: 'track', event: 'Order Completed' }).schematic).toEqual({ events: 1 })
}, 90_000)

/** Forwards to ingest, and for the first `cut` requests destroys the client's connection once ingest has answered: the answer is lost, the event is not. */
async function answerLosingProxy(target: string, cut: number): Promise<{ url: string; forwarded: () => number; server: Server }> {
  let forwarded = 0
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const n = ++forwarded
      const upstream = request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
        const body: Buffer[] = []
        answer.on('data', (c: Buffer) => body.push(c))
        answer.on('end', () => {
          if (n <= cut) return void req.socket.destroy()
          res.writeHead(answer.statusCode ?? 502, answer.headers)
          res.end(Buffer.concat(body))
        })
      })
      upstream.end(Buffer.concat(chunks))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, forwarded: () => forwarded, server }
}

test("a client's retry after a lost answer is one event: JetStream deduplicates on the messageId", async () => {
  const config = writeScaleOutConfig(suite, 'retry.yaml', '  stream: RETRY\n  subject: retry.events\n  consumer: retry-workers\n  deadLetterStream: RETRY_DEAD\n  ledgerBucket: retry_ledger\n')
  const ingest = await startIngest(config, nats.url, suite.env())
  const proxy = await answerLosingProxy(ingest.url, 2)
  const analytics = new Analytics({ writeKey: WRITE_KEY, host: proxy.url, flushAt: 5, flushInterval: 50, maxRetries: 5, httpRequestTimeout: 2000 })
  for (let i = 0; i < 5; i++) analytics.track({ userId: `retry-${i}`, event: 'Product Viewed' })
  await analytics.closeAndFlush({ timeout: 20_000 })
  proxy.server.close()
  // The same batch reached ingest three times: twice its answer was cut, the third it arrived.
  expect(proxy.forwarded()).toBe(3)
  ingest.signal('SIGTERM')
  const ingested = JSON.parse((await ingest.result).stdout.trim()) as { events: number; published: number; duplicates: number }
  expect(ingested).toMatchObject({ events: 15, published: 5, duplicates: 10 })
  const nc = await connect({ servers: nats.url })
  const jsm = await jetstreamManager(nc)
  expect((await jsm.streams.info('RETRY')).state.messages).toBe(5)
  await nc.close()
}, 60_000)
