/**
 * `node dist/bench/http-clients.js`: the HTTP client choices of the runtime, measured on the
 * bench's loopback API (another process): undici's dispatcher with a handler (what the runtime
 * uses, http/pool-attempt.ts), undici's `Pool.request`, `node:http` with a keep-alive Agent, and
 * fetch. The same PUT with a JSON body, each side in turn for 5 rounds, medians of the client's
 * CPU per request; then the CPU a cold process spends to its first response on each.
 * It informed the choice recorded in docs/runtime.md ("The HTTP client"); nothing asserts it.
 */
import { spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import http from 'node:http'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import type { Dispatcher, Pool } from 'undici'

const require = createRequire(import.meta.url)
const HERE = fileURLToPath(new URL('.', import.meta.url))
type PoolClass = new (origin: string, options: Pool.Options) => Pool

const child = spawn(process.execPath, [join(HERE, 'loopback-server.js')], { stdio: ['pipe', 'pipe', 'inherit'] })
const [line] = (await once(child.stdout, 'data')) as [Buffer]
const origin = line.toString('utf8').trim()
const url = new URL(origin)
const body = JSON.stringify({ data: { values: { email_addresses: 'user.1@example.com', name: 'User 1', description: 'x'.repeat(200) } } })
const headers = { authorization: 'Bearer bench-token', 'content-type': 'application/json' }
const path = '/v2/objects/people/records/simple?matching_attribute=email_addresses'
const poolOptions = { connections: 32, pipelining: 1, keepAliveTimeout: 4000, headersTimeout: 0, bodyTimeout: 0 }

const BarePool = require('undici/lib/dispatcher/pool.js') as PoolClass
const bare = new BarePool(origin, poolOptions)
const FullPool = (require('undici') as { Pool: PoolClass }).Pool
const full = new FullPool(origin, poolOptions)
const agent = new http.Agent({ keepAlive: true, maxSockets: 32, keepAliveMsecs: 4000 })

/** As the runtime does: chunks into a handler, one timer per attempt. */
function dispatchHandler(): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    const timer = setTimeout(() => reject(new Error('timeout')), 30_000)
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart: () => undefined,
      onResponseStart: () => undefined,
      onResponseData: (_c, chunk) => void chunks.push(chunk),
      onResponseEnd: () => {
        clearTimeout(timer)
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')))
      },
      onResponseError: (_c, error) => {
        clearTimeout(timer)
        reject(error)
      }
    }
    bare.dispatch({ origin, path, method: 'PUT', headers, body: Buffer.from(body), headersTimeout: 0, bodyTimeout: 0 }, handler)
  })
}

async function poolRequest(): Promise<unknown> {
  const timer = setTimeout(() => undefined, 30_000)
  const response = await full.request({ path, method: 'PUT', headers, body: Buffer.from(body) })
  const text = await response.body.text()
  clearTimeout(timer)
  return JSON.parse(text)
}

function nodeHttp(): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: url.hostname, port: url.port, path, method: 'PUT', headers: { ...headers, 'content-length': Buffer.byteLength(body) }, agent },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => {
          clearTimeout(timer)
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')))
        })
        response.on('error', reject)
      }
    )
    const timer = setTimeout(() => request.destroy(new Error('timeout')), 30_000)
    request.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    request.end(body)
  })
}

async function viaFetch(): Promise<unknown> {
  const response = await fetch(`${origin}${path}`, { method: 'PUT', headers, body, redirect: 'manual', signal: AbortSignal.timeout(30_000) })
  return JSON.parse(await response.text())
}

const sides: Record<string, () => Promise<unknown>> = {
  'undici dispatch + handler (runtime)': dispatchHandler,
  'undici Pool.request': poolRequest,
  'node:http + keep-alive Agent': nodeHttp,
  fetch: viaFetch
}

async function measure(send: () => Promise<unknown>, count: number, concurrency: number): Promise<{ cpuUs: number; rate: number }> {
  const cpu = process.cpuUsage()
  const start = performance.now()
  let next = 0
  await Promise.all(Array.from({ length: concurrency }, async () => { while (next++ < count) await send() }))
  const used = process.cpuUsage(cpu)
  return { cpuUs: (used.user + used.system) / count, rate: (count * 1000) / (performance.now() - start) }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number

console.log(`HTTP clients on the loopback API — node ${process.version}; client CPU per request, median of 5 interleaved rounds`)
for (const concurrency of [1, 64]) {
  const count = concurrency === 1 ? 2000 : 8000
  for (const send of Object.values(sides)) await measure(send, count / 4, concurrency)
  const seen: Record<string, { cpuUs: number; rate: number }[]> = {}
  for (let r = 0; r < 5; r++) for (const [name, send] of Object.entries(sides)) (seen[name] ??= []).push(await measure(send, count, concurrency))
  for (const [name, runs] of Object.entries(seen)) {
    console.log(`  c=${String(concurrency).padEnd(3)} ${name.padEnd(36)} ${median(runs.map((m) => m.cpuUs)).toFixed(1).padStart(6)} µs CPU/request  ${Math.round(median(runs.map((m) => m.rate))).toLocaleString('en-US').padStart(7)}/s`)
  }
}
await bare.close()
await full.close()
agent.destroy()

// A cold process's CPU from the first line of its work to its first response (module loading included).
const firstResponse = (client: 'http' | 'undici') => `
const t = process.cpuUsage()
const done = () => { const u = process.cpuUsage(t); process.stdout.write(String((u.user + u.system) / 1000)); process.exit(0) }
if (${JSON.stringify(client)} === 'http') {
  const http = require('node:http')
  const req = http.request(${JSON.stringify(origin)} + '/v2/x', { method: 'PUT', headers: { 'content-length': 2 }, agent: new http.Agent({ keepAlive: true }) }, (res) => { res.resume(); res.on('end', done) })
  req.end('{}')
} else {
  const Pool = require(${JSON.stringify(require.resolve('undici/lib/dispatcher/pool.js'))})
  new Pool(${JSON.stringify(origin)}).dispatch({ origin: ${JSON.stringify(origin)}, path: '/v2/x', method: 'PUT', body: Buffer.from('{}') }, { onRequestStart() {}, onResponseStart() {}, onResponseData() {}, onResponseEnd: done, onResponseError: (_c, e) => { throw e } })
}`
for (const client of ['http', 'undici'] as const) {
  const runs = Array.from({ length: 5 }, () => Number(spawnSync(process.execPath, ['-e', firstResponse(client)], { encoding: 'utf8' }).stdout))
  console.log(`  cold process to its first response, ${client === 'http' ? 'node:http' : 'undici Pool (lib/dispatcher/pool.js)'}: ${median(runs).toFixed(1)} ms CPU`)
}
child.stdin.end()
