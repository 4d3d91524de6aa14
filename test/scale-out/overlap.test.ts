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
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream'
import { Kvm } from '@nats-io/kv'
import { connect, type NatsConnection } from '@nats-io/transport-node'
import { jetstream } from '@nats-io/jetstream'
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createTcpServer, connect as tcpConnect, type Server as TcpServer, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { ledgerKey } from '../../src/scale-out/delivered-ledger.js'
import { startRunSuite, writeConfig, type RunSuite } from '../run/run-support.js'
import { startNatsServer, type NatsServer } from '../support/nats-server.js'
import { startWorker, stopWorker, waitUntil } from './scale-out-support.js'

let suite: RunSuite
let nats: NatsServer
let nc: NatsConnection
let jsm: JetStreamManager
beforeAll(async () => {
  ;[suite, nats] = await Promise.all([startRunSuite('scale-out-overlap'), startNatsServer()])
  nc = await connect({ servers: nats.url })
  jsm = await jetstreamManager(nc)
}, 120_000)
afterAll(async () => {
  await nc?.close()
  await nats?.stop()
  await suite?.stop()
})

/** A TCP proxy to nats-server that can cut every connection through it and refuse new ones until restored. */
async function cuttableProxy(port: number): Promise<{ url: string; cut(): void; restore(): void; close(): Promise<void> }> {
  const sockets = new Set<Socket>()
  let refusing = false
  const server: TcpServer = createTcpServer((client) => {
    if (refusing) return void client.destroy()
    const upstream = tcpConnect(port, '127.0.0.1')
    for (const s of [client, upstream]) {
      sockets.add(s)
      s.on('close', () => sockets.delete(s))
      s.on('error', () => {})
    }
    client.pipe(upstream).pipe(client)
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  return {
    url: `nats://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cut() {
      refusing = true
      for (const s of sockets) s.destroy()
    },
    restore() {
      refusing = false
    },
    close: () => {
      for (const s of sockets) s.destroy()
      return new Promise((resolve) => server.close(() => resolve()))
    }
  }
}

/** An HTTP proxy to the emulator that holds the first request until released and forwards the rest. */
async function holdingProxy(target: string): Promise<{ url: string; held: () => number; release(): void; server: Server }> {
  const waiting: (() => void)[] = []
  let first = true
  const forward = (req: IncomingMessage, body: Buffer, res: ServerResponse): void => {
    const upstream = request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    upstream.end(body)
  }
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const go = (): void => forward(req, Buffer.concat(chunks), res)
      if (first) {
        first = false
        waiting.push(go)
      } else go()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, held: () => waiting.length, release: () => waiting.splice(0).forEach((go) => go()), server }
}

const track = `    subscriptions:
      - trigger: type = "track"
        action: track
        mapping: { attributes: '{ message_id: $.messageId }' }
`
const HTTP = 'http:\n  timeoutMs: 60000\n  retry: { maxAttempts: 1 }\n'

async function scenario(name: string, claimTimeoutMs: number) {
  const stream = `OVERLAP_${name}`
  const config = writeConfig(suite, `${name}.yaml`, [{ api: 'matilda', extra: track }], `jetstream:\n  stream: ${stream}\n  subject: ${name}.events\n  consumer: ${name}-workers\n  deadLetterStream: ${stream}_DEAD\n  ledgerBucket: ${name}_ledger\n  ackWaitMs: 1000\n  claimTimeoutMs: ${claimTimeoutMs}\n${HTTP}`)
  const natsProxy = await cuttableProxy(nats.port)
  const httpProxy = await holdingProxy(suite.emulators.matilda.url)
  const env = suite.env({ MATILDA_ENDPOINT: httpProxy.url })
  const a = await startWorker(config, natsProxy.url, env, ['--concurrency', '1', '--verbose'])
  const messageId = `${name}-1`
  await jetstream(nc).publish(`${name}.events.track`, JSON.stringify({ type: 'track', messageId, userId: 'u-1', event: 'Product Viewed', properties: {}, timestamp: '2024-05-01T10:00:00.000Z' }), { msgID: messageId })
  // A sends its request; the proxy holds it. Then A loses NATS: its pull requests and renewals are gone, its ack wait runs out.
  await waitUntil(() => httpProxy.held() === 1, 30_000, "A's request at the proxy")
  natsProxy.cut()
  const b = await startWorker(config, nats.url, env, ['--concurrency', '1', '--verbose'])
  const redelivered = async (): Promise<boolean> => (await jsm.consumers.info(stream, `${name}-workers`)).delivered.consumer_seq >= 2
  await waitUntil(redelivered, 30_000, 'the redelivery to B')
  return { a, b, natsProxy, httpProxy, messageId, ledger: await new Kvm(nc).open(`${name}_ledger`), stream }
}

const activitiesOf = (messageId: string): number => (suite.emulators.matilda.emulator.state().writes.byMessageId[messageId] as Record<string, number> | undefined)?.['activities'] ?? 0

test('A stalled past its ack wait but back within the claim timeout: B waits, sends nothing; one activity', async () => {
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
