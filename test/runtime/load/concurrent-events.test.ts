/**
 * The load test: 10,000 events sent at once through the runtime's real HTTP client to an API in
 * another process, batched and not. Every event gets one result, no fault is injected so (almost)
 * none fails, and the client's open file descriptors and heap stay under the bounds docs/runtime.md
 * states: connections per origin are bounded and events beyond `maxInFlight` wait their turn.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRuntime, type DestinationInstance } from '../../../src/runtime/runtime.js'
import { DEFAULT_CONNECTIONS_PER_ORIGIN } from '../../../src/runtime/http/connection-pools.js'
import { crmDestination } from '../core/support/crm-destination.js'
import { loadConfigurationCompiler } from '../../../src/runtime/configuration-compiler.js'
import { trackEvent } from '../core/support/events.js'

// Subscriptions given in code are compiled by the configuration compiler, which the runtime loads only on demand.
await loadConfigurationCompiler()

// More than the default maxInFlight (4,096), so that most events wait for a slot: batched, that
// used to send each event let in alone and hold a flush promise per event (+2.1 GiB of heap).
const EVENTS = Number(process.env.MAPC_LOAD_EVENTS ?? 10_000)
/** Descriptors beyond those open before the run: the pool's sockets and a few of Node's own. */
const FD_SLACK = 16
/** Heap growth over the run, in MiB: far above what 10,000 held events need, far below a leak. */
const HEAP_GROWTH_MIB = 256

let api: ChildProcess
let origin = ''

beforeAll(async () => {
  api = spawn(process.execPath, [fileURLToPath(new URL('./canned-api.mjs', import.meta.url))], { stdio: ['pipe', 'pipe', 'inherit'] })
  const [line] = (await once(api.stdout!, 'data')) as [Buffer]
  origin = line.toString('utf8').trim()
})
afterAll(() => {
  api.stdin?.end()
})

const openFds = () => readdirSync('/proc/self/fd').length

async function deliverAll(batch: boolean) {
  const instance: DestinationInstance = {
    destination: crmDestination(),
    settings: { apiKey: 'sk_live_0a1b2c3d4e' },
    endpoint: origin,
    subscriptions: [{ name: 'track', trigger: 'type = "track"', action: 'trackEvent', ...(batch ? { batch: { size: 100, maxAgeMs: 50 } } : {}) }]
  }
  const runtime = createRuntime([instance], { http: { timeoutMs: 20_000 } })
  global.gc?.()
  const fdsBefore = openFds()
  const heapBefore = process.memoryUsage().heapUsed
  let mostFds = fdsBefore
  let mostHeap = heapBefore
  const sampler = setInterval(() => {
    mostFds = Math.max(mostFds, openFds())
    mostHeap = Math.max(mostHeap, process.memoryUsage().heapUsed)
  }, 10)
  const sends = Array.from({ length: EVENTS }, (_, i) => runtime.send(trackEvent({ messageId: `load-${i}`, userId: `user-${i % 500}` })))
  const results = await Promise.all(sends)
  await runtime.close()
  clearInterval(sampler)
  return { results, fdsBefore, mostFds, heapGrowthMiB: (mostHeap - heapBefore) / 2 ** 20 }
}

describe(`${EVENTS} concurrent events against an API in another process`, () => {
  for (const batch of [false, true]) {
    it(`each get one result, almost none fail, and sockets and heap stay bounded (batching ${batch ? 'on' : 'off'})`, async () => {
      const { results, fdsBefore, mostFds, heapGrowthMiB } = await deliverAll(batch)
      const events = EVENTS
      expect(results).toHaveLength(events)
      expect(results.every((r) => r.length === 1)).toBe(true)
      const ids = new Set(results.map((r) => r[0]?.messageId))
      expect(ids.size).toBe(events)
      const failed = results.filter((r) => r[0]?.status !== 'delivered')
      expect(failed.length).toBeLessThan(Math.max(1, events / 1000))
      expect(mostFds - fdsBefore).toBeLessThanOrEqual(DEFAULT_CONNECTIONS_PER_ORIGIN + FD_SLACK)
      expect(heapGrowthMiB).toBeLessThan(HEAP_GROWTH_MIB)
      console.log(`batching ${batch ? 'on' : 'off'}: ${failed.length} failed, fds +${mostFds - fdsBefore}, heap +${heapGrowthMiB.toFixed(0)} MiB`)
    }, 180_000)
  }
})
