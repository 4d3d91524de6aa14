/**
 * `npm run bench` (`-- --json` for the figures as JSON): mapc against `@segment/actions-core`
 * 3.170.0 running equivalent destinations (bench/actions-core/), in one run, on this machine.
 *
 * Before anything is timed, both sides are shown to send byte-identical requests for every
 * action (request-identity.ts). Then, with the two sides' rounds interleaved:
 *   1. mapping path in-process: mapc's payload preparation (generated field defaults, cleaning,
 *      coercion, validation, rules) against mapping-kit `transform` + removeEmptyValues +
 *      schema validation of the same fields;
 *   2. whole path through each side's real HTTP client, against one loopback API in another
 *      process, at concurrency 1 and 64: events/s and the client process's CPU per event;
 *   3. batches of 100 and 1000;
 *   4. the floor: JSON.parse of the event and JSON.stringify of its request bodies, against
 *      mapc's whole path in-process (a transport that answers at once);
 *   5. start-up: a cold process to its first delivered event, both sides, and `node -e 0`;
 *   6. memory: heap after GC and peak RSS over 1M events (mapc, in-process);
 *   7. scale: build of a generated 50-action × 30-field destination, and `mapc check` of the
 *      three `.map` files after start-up.
 * Figures are ratios from one run, never asserted in tests: shared machines vary.
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { compileText } from '../src/compiler/compile.js'
import { emitDestination } from '../src/compiler/emit/mapc/build.js'
import type { CompiledDestination, SegmentEvent } from '../src/runtime/contract.js'
import { defaultMapping, preparePayload } from '../src/runtime/delivery/payload.js'
import type { Transport } from '../src/runtime/delivery/deliver.js'
import { createRedactor } from '../src/runtime/redaction/index.js'
import type { Runtime } from '../src/runtime/runtime.js'
import { CREDENTIALS, WORKLOADS, type Workload } from './events.js'
import { startLoopbackApi, type RecordedRequest } from './loopback-api.js'
import { compareRequests } from './request-identity.js'
import { scaleApiSchema, scaleDestination } from './scale-destination.js'
import { actionsCore, actionsCoreBatch, actionsCoreSettings, BATCH_LIMIT, DEFINITIONS, mapcBatch, mapcDestinations, mapcRuntime, removeEmptyValues } from './sides.js'

const JSON_OUTPUT = process.argv.includes('--json')
const ROUNDS = 3
const HERE = fileURLToPath(new URL('.', import.meta.url))
const figures: Record<string, unknown> = {}
const lines: string[] = []
const say = (...text: string[]) => {
  for (const line of text) {
    lines.push(line)
    if (!JSON_OUTPUT) process.stdout.write(`${line}\n`)
  }
}
const progress = (text: string) => process.stderr.write(`${text}\n`)

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}
const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
const cpuMs = (used: NodeJS.CpuUsage) => (used.user + used.system) / 1000
const ratio = (n: number) => (n >= 10 ? n.toFixed(0) : n.toFixed(2)) + '×'
const name = (w: Workload) => `${w.destination} ${w.action}`

interface Measure {
  /** events per second (wall) */
  rate: number
  /** client CPU (user + system) per event, µs */
  cpuUs: number
}

/** One timed run of `run` (which handles `units` events): wall rate and CPU per event. */
async function timed(run: () => Promise<void> | void, units: number): Promise<Measure> {
  const cpu = process.cpuUsage()
  const start = performance.now()
  await run()
  const ms = performance.now() - start
  const used = process.cpuUsage(cpu)
  return { rate: (units * 1000) / ms, cpuUs: (used.user + used.system) / units }
}

/** Rounds of each side in turn (a warm-up first), medians per side. */
async function interleaved(sides: Record<string, () => Promise<Measure>>): Promise<Record<string, Measure>> {
  for (const run of Object.values(sides)) await run()
  const seen: Record<string, Measure[]> = {}
  for (let r = 0; r < ROUNDS; r++) for (const [side, run] of Object.entries(sides)) (seen[side] ??= []).push(await run())
  return Object.fromEntries(
    Object.entries(seen).map(([side, ms]) => [side, { rate: median(ms.map((m) => m.rate)), cpuUs: median(ms.map((m) => m.cpuUs)) }])
  )
}

/** Loops over `fn` for about `ms` milliseconds; `fn` handles one event. */
function forAbout(fn: (i: number) => void, ms: number): () => Promise<Measure> {
  return async () => {
    let n = 0
    const cpu = process.cpuUsage()
    const start = performance.now()
    while (performance.now() - start < ms) for (let k = 0; k < 50; k++) fn(n++)
    const elapsed = performance.now() - start
    const used = process.cpuUsage(cpu)
    return { rate: (n * 1000) / elapsed, cpuUs: (used.user + used.system) / n }
  }
}

/** `count` sends with at most `concurrency` in flight. */
async function withConcurrency(count: number, concurrency: number, send: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < count) await send(next++)
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker))
}

const POOL = 512
const eventsOf = (w: Workload) => Array.from({ length: POOL }, (_, i) => w.event(i) as SegmentEvent)

// -- 1. mapping path --------------------------------------------------------------------------

async function mappingPath(destinations: Record<Workload['destination'], CompiledDestination>): Promise<void> {
  say('', '1. mapping path in-process (payload from the field defaults, cleaned, coerced, validated): events per CPU-second')
  const redactor = createRedactor([])
  const rows: Record<string, unknown> = {}
  for (const w of WORKLOADS) {
    const action = destinations[w.destination].actions[w.action]
    if (!action) throw new Error(`no action ${name(w)}`)
    const ctx = { settings: { ...CREDENTIALS[w.destination].settings }, auth: 'accessToken' in CREDENTIALS[w.destination] ? { accessToken: 'x' } : {} }
    const fields = DEFINITIONS[w.destination]().actions[w.action]?.fields
    if (!fields) throw new Error(`no actions-core action ${name(w)}`)
    const mapping = actionsCore.defaultValues(fields)
    const schema = actionsCore.fieldsToJsonSchema(fields)
    const schemaKey = `bench-${w.destination}-${w.action}`
    const events = eventsOf(w)
    // Both must accept the events: a side that fails fast would look fast.
    if (preparePayload(action, events[0] as SegmentEvent, defaultMapping, ctx, 'single', redactor).kind !== 'ready') throw new Error(`mapc refuses the ${name(w)} event`)
    actionsCore.validateSchema(removeEmptyValues(actionsCore.transform(mapping, events[0]), schema, true), schema, { schemaKey })
    const m = await interleaved({
      mapc: forAbout((i) => void preparePayload(action, events[i % POOL] as SegmentEvent, defaultMapping, ctx, 'single', redactor), 250),
      core: forAbout((i) => actionsCore.validateSchema(removeEmptyValues(actionsCore.transform(mapping, events[i % POOL]), schema, true), schema, { schemaKey }), 250)
    })
    // Events per CPU-second: on a shared machine a wall-clock rate measures the scheduler as much as the code.
    const mapc = 1e6 / (m.mapc as Measure).cpuUs
    const core = 1e6 / (m.core as Measure).cpuUs
    const r = mapc / core
    rows[name(w)] = { mapc, actionsCore: core, mapcWall: (m.mapc as Measure).rate, actionsCoreWall: (m.core as Measure).rate, ratio: r }
    say(`  ${name(w).padEnd(26)} mapc ${fmt(mapc).padStart(10)}  actions-core ${fmt(core).padStart(9)}  → ${ratio(r)} (target ≥ 50×)`)
  }
  figures.mappingPath = rows
}

// -- 2. whole path over loopback ----------------------------------------------------------------

async function startServer(): Promise<{ origin: string; stop: () => void }> {
  const child = spawn(process.execPath, [join(HERE, 'loopback-server.js')], { stdio: ['pipe', 'pipe', 'inherit'] })
  const [line] = (await once(child.stdout, 'data')) as [Buffer]
  return { origin: line.toString('utf8').trim(), stop: () => child.stdin.end() }
}

async function wholePath(destinations: Record<Workload['destination'], CompiledDestination>, origin: string): Promise<void> {
  say('', '2. whole path through each side\'s real HTTP client, one loopback API in another process: events/s, client CPU µs/event')
  const rows: Record<string, unknown> = {}
  for (const w of WORKLOADS) {
    const runtime = await mapcRuntime(destinations[w.destination], w, origin)
    const definition = DEFINITIONS[w.destination](origin)
    const core = new actionsCore.Destination(definition)
    const settings = actionsCoreSettings(definition, w)
    const events = eventsOf(w)
    for (const concurrency of [1, 64]) {
      const count = concurrency === 1 ? 200 : 1000
      const m = await interleaved({
        mapc: () =>
          timed(
            () =>
              withConcurrency(count, concurrency, async (i) => {
                const [result] = await runtime.send(events[i % POOL])
                if (result?.status !== 'delivered') throw new Error(`mapc: ${JSON.stringify(result)}`)
              }),
            count
          ),
        core: () => timed(() => withConcurrency(count, concurrency, (i) => core.onEvent(events[i % POOL], settings)), count)
      })
      const mapc = m.mapc as Measure
      const theirs = m.core as Measure
      rows[`${name(w)} c${concurrency}`] = { mapc, actionsCore: theirs, throughput: mapc.rate / theirs.rate, cpu: mapc.cpuUs / theirs.cpuUs }
      say(
        `  ${name(w).padEnd(26)} c=${String(concurrency).padEnd(3)} mapc ${fmt(mapc.rate).padStart(6)}/s ${mapc.cpuUs.toFixed(0).padStart(5)} µs   actions-core ${fmt(theirs.rate).padStart(6)}/s ${theirs.cpuUs.toFixed(0).padStart(5)} µs` +
          `  → throughput ${ratio(mapc.rate / theirs.rate)}${concurrency === 64 ? ' (target ≥ 5×)' : ''}, CPU/event ${(mapc.cpuUs / theirs.cpuUs).toFixed(2)} (target ≤ 0.10)`
      )
    }
    await runtime.close()
  }
  figures.wholePath = rows
}

// -- 3. batches ---------------------------------------------------------------------------------

async function batches(destinations: Record<Workload['destination'], CompiledDestination>, origin: string): Promise<void> {
  say('', '3. batches through the real HTTP clients (split by the action\'s batch size on both sides): events/s, client CPU µs/event')
  const rows: Record<string, unknown> = {}
  for (const w of WORKLOADS.filter((x) => x.batches)) {
    for (const size of [100, 1000]) {
      const runtime: Runtime = await mapcRuntime(destinations[w.destination], w, origin, Math.min(size, BATCH_LIMIT[w.destination]))
      const definition = DEFINITIONS[w.destination](origin)
      const core = new actionsCore.Destination(definition)
      const settings = actionsCoreSettings(definition, w, Math.min(size, BATCH_LIMIT[w.destination]))
      const events = Array.from({ length: size }, (_, i) => w.event(i) as SegmentEvent)
      const repeat = size === 100 ? 5 : 1
      const m = await interleaved({
        mapc: () => timed(async () => { for (let k = 0; k < repeat; k++) await mapcBatch(runtime, events) }, size * repeat),
        core: () => timed(async () => { for (let k = 0; k < repeat; k++) await actionsCoreBatch(core, settings, events, BATCH_LIMIT[w.destination]) }, size * repeat)
      })
      await runtime.close()
      const mapc = m.mapc as Measure
      const theirs = m.core as Measure
      rows[`${name(w)} ×${size}`] = { mapc, actionsCore: theirs, throughput: mapc.rate / theirs.rate, cpu: mapc.cpuUs / theirs.cpuUs }
      say(
        `  ${name(w).padEnd(26)} ×${String(size).padEnd(4)} mapc ${fmt(mapc.rate).padStart(7)}/s ${mapc.cpuUs.toFixed(1).padStart(6)} µs   actions-core ${fmt(theirs.rate).padStart(7)}/s ${theirs.cpuUs.toFixed(1).padStart(6)} µs` +
          `  → throughput ${ratio(mapc.rate / theirs.rate)}, CPU/event ${(mapc.cpuUs / theirs.cpuUs).toFixed(2)} (target ≤ 0.33)`
      )
    }
  }
  figures.batches = rows
}

// -- 4. the floor -------------------------------------------------------------------------------

/** Answers at once, as the loopback API would: record ids, per-item results. */
function instantTransport(): Transport {
  const attio = { status: 200, statusText: 'OK', headers: {}, body: { data: { id: { record_id: 'rec-1' } } }, text: '' }
  const matilda = { status: 200, statusText: 'OK', headers: {}, body: { data: { id: 'mat-1' } }, text: '' }
  const ok = { status: 200, statusText: 'OK', headers: {}, body: { ok: true }, text: '' }
  return async (request) => (request.url.includes('/v2/') ? attio : request.url.includes('/v1/objects/') ? matilda : ok)
}

async function floor(destinations: Record<Workload['destination'], CompiledDestination>): Promise<void> {
  say('', '4. floor: JSON.parse of the event + JSON.stringify of its request bodies, against mapc\'s whole path in-process (a transport that answers at once): events per CPU-second')
  const rows: Record<string, unknown> = {}
  for (const w of WORKLOADS) {
    const recorded: RecordedRequest[] = []
    const { origin, server } = await startLoopbackApi(recorded)
    const probe = await mapcRuntime(destinations[w.destination], w, origin)
    await probe.send(w.event(0))
    await probe.close()
    server.closeAllConnections()
    server.close()
    const bodies = recorded.map((r) => JSON.parse(r.body) as unknown)
    const eventTexts = eventsOf(w).map((e) => JSON.stringify(e))
    const runtime = await mapcRuntime(destinations[w.destination], w, origin, undefined, { transport: () => instantTransport() })
    const events = eventsOf(w)
    const m = await interleaved({
      mapc: () => timed(async () => { for (let i = 0; i < 2000; i++) await runtime.send(events[i % POOL]) }, 2000),
      floor: forAbout((i) => {
        JSON.parse(eventTexts[i % POOL] as string)
        for (const body of bodies) JSON.stringify(body)
      }, 250)
    })
    await runtime.close()
    const mapc = 1e6 / (m.mapc as Measure).cpuUs
    const floorRate = 1e6 / (m.floor as Measure).cpuUs
    const r = mapc / floorRate
    rows[name(w)] = { mapc, floor: floorRate, mapcWall: (m.mapc as Measure).rate, floorWall: (m.floor as Measure).rate, ratio: r }
    say(`  ${name(w).padEnd(26)} mapc ${fmt(mapc).padStart(8)}/s  floor ${fmt(floorRate).padStart(9)}/s  → ${ratio(r)} of the floor (target ≥ 0.5×)`)
  }
  figures.floor = rows
}

// -- 5. start-up --------------------------------------------------------------------------------

/** A whole process: its wall time, and the CPU it reports for itself at its end (getrusage: bootstrap included). */
async function processRun(args: string[]): Promise<{ wallMs: number; cpuMs: number }> {
  const start = performance.now()
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')))
  const [code] = (await once(child, 'exit')) as [number]
  if (code !== 0) throw new Error(`${args.join(' ')} exited with ${code}`)
  const wallMs = performance.now() - start
  const used = JSON.parse(out.trim().split('\n').pop() ?? '{}') as Partial<NodeJS.CpuUsage>
  if (typeof used.user !== 'number' || typeof used.system !== 'number') throw new Error(`${args.join(' ')} did not report its CPU`)
  return { wallMs, cpuMs: cpuMs(used as NodeJS.CpuUsage) }
}

/** What `node -e 0` is, reporting its CPU the way the two start-up scripts do. */
const NODE_ZERO = 'process.stdout.write(JSON.stringify(process.cpuUsage()))'

async function startUp(origin: string): Promise<void> {
  say('', '5. start-up: a cold process to its first delivered event (Attio identify over loopback), median of 5: wall, and the process\'s own CPU')
  const attio = join('.tmp', 'bench', 'attio')
  const runs: Record<'node' | 'mapc' | 'core', { wallMs: number; cpuMs: number }[]> = { node: [], mapc: [], core: [] }
  for (let i = 0; i < 5; i++) {
    runs.node.push(await processRun(['-e', NODE_ZERO]))
    runs.mapc.push(await processRun([join(HERE, 'startup', 'mapc-first-event.js'), attio, origin]))
    runs.core.push(await processRun([join(HERE, 'startup', 'actions-core-first-event.js'), origin]))
  }
  const wall = (k: keyof typeof runs) => median(runs[k].map((r) => r.wallMs))
  const cpu = (k: keyof typeof runs) => median(runs[k].map((r) => r.cpuMs))
  const [node, mapc, core] = [wall('node'), wall('mapc'), wall('core')]
  const [nodeCpu, mapcCpu, coreCpu] = [cpu('node'), cpu('mapc'), cpu('core')]
  figures.startUp = {
    nodeMs: node, mapcMs: mapc, actionsCoreMs: core, mapcOverActionsCore: mapc / core, mapcOverNode: mapc / node,
    nodeCpuMs: nodeCpu, mapcCpuMs: mapcCpu, actionsCoreCpuMs: coreCpu, cpuMapcOverActionsCore: mapcCpu / coreCpu, cpuMapcOverNode: mapcCpu / nodeCpu
  }
  say(`  wall: node -e 0 ${node.toFixed(0)} ms   mapc ${mapc.toFixed(0)} ms   actions-core ${core.toFixed(0)} ms`)
  say(`  → mapc / actions-core ${(mapc / core).toFixed(2)} (target ≤ 1), mapc / node -e 0 ${(mapc / node).toFixed(2)} (target ≤ 3)`)
  say(`  CPU:  node -e 0 ${nodeCpu.toFixed(0)} ms   mapc ${mapcCpu.toFixed(0)} ms   actions-core ${coreCpu.toFixed(0)} ms`)
  say(`  → mapc / actions-core ${(mapcCpu / coreCpu).toFixed(2)}, mapc / node -e 0 ${(mapcCpu / nodeCpu).toFixed(2)}`)
}

// -- 6. memory ----------------------------------------------------------------------------------

async function memory(destinations: Record<Workload['destination'], CompiledDestination>): Promise<void> {
  const total = Number(process.env.MAPC_BENCH_MEMORY_EVENTS ?? 1_000_000)
  say('', `6. memory: ${fmt(total)} events through mapc's runtime in-process (every action in turn, a transport that answers at once, 64 in flight)`)
  const gc = (globalThis as { gc?: () => void }).gc
  if (!gc) throw new Error('run with --expose-gc (npm run bench does)')
  const runtimes = await Promise.all(
    WORKLOADS.map(async (w) => ({ w, runtime: await mapcRuntime(destinations[w.destination], w, 'http://127.0.0.1:9', undefined, { transport: () => instantTransport() }) }))
  )
  const heaps: number[] = []
  let peakRss = 0
  const sample = () => {
    gc()
    heaps.push(process.memoryUsage().heapUsed)
  }
  sample()
  const step = total / 10
  for (let done = 0; done < total; done += step) {
    await withConcurrency(step, 64, async (i) => {
      const { w, runtime } = runtimes[i % runtimes.length] as (typeof runtimes)[number]
      await runtime.send(w.event(done + i))
      if (i % 10_000 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss)
    })
    sample()
  }
  for (const { runtime } of runtimes) await runtime.close()
  const mib = (n: number) => n / 2 ** 20
  const spread = mib(Math.max(...heaps) - Math.min(...heaps))
  figures.memory = { events: total, heapAfterGcMiB: heaps.map(mib), heapSpreadMiB: spread, peakRssMiB: mib(peakRss) }
  say(`  heap after GC, at every tenth: ${heaps.map((h) => mib(h).toFixed(1)).join(', ')} MiB`)
  say(`  → spread ${spread.toFixed(1)} MiB (target: flat, < 50 MiB), peak RSS ${mib(peakRss).toFixed(0)} MiB`)
}

// -- 7. scale -----------------------------------------------------------------------------------

async function scale(): Promise<void> {
  say('', '7. scale')
  const dir = join('.tmp', 'bench-scale')
  mkdirSync(join(dir, 'apis'), { recursive: true })
  writeFileSync(join(dir, 'apis', 'scale.schema.json'), scaleApiSchema(50, 30))
  const text = scaleDestination(50, 30)
  const rssBefore = process.memoryUsage().rss
  const start = performance.now()
  const buildCpu = process.cpuUsage()
  const compiled = compileText(text, join(dir, 'scale.map'))
  if (!compiled.ir) throw new Error(`the scale destination does not compile: ${compiled.diagnostics.map((d) => d.message).join('; ')}`)
  const files = await emitDestination(compiled.ir, { version: 'bench' })
  const buildMs = performance.now() - start
  const buildCpuMs = cpuMs(process.cpuUsage(buildCpu))
  const rssAfter = process.memoryUsage().rss
  const sources = (['attio', 'matilda', 'schematic'] as const).map((n) => ({ file: `mappings/${n}.map`, text: readFileSync(`mappings/${n}.map`, 'utf8') }))
  for (const s of sources) compileText(s.text, s.file) // start-up: the parser's self-analysis, schemas
  const checks: number[] = []
  const checkCpus: number[] = []
  for (let i = 0; i < 15; i++) {
    const t = performance.now()
    const cpu = process.cpuUsage()
    for (const s of sources) if (!compileText(s.text, s.file).ir) throw new Error(`${s.file} does not compile`)
    checkCpus.push(cpuMs(process.cpuUsage(cpu)))
    checks.push(performance.now() - t)
  }
  const checkMs = median(checks)
  const checkCpuMs = median(checkCpus)
  figures.scale = { buildMs, buildCpuMs, files: files.length, rssGrowthMiB: (rssAfter - rssBefore) / 2 ** 20, checkMs, checkCpuMs }
  // Both clocks: on a shared machine the wall clock counts the time other processes held the cores.
  say(`  build (parse, check, emit) of a generated 50-action × 30-field destination: ${(buildMs / 1000).toFixed(1)} s wall, ${(buildCpuMs / 1000).toFixed(1)} s CPU, ${files.length} files, RSS +${((rssAfter - rssBefore) / 2 ** 20).toFixed(0)} MiB (target < 10 s)`)
  say(`  mapc check of the three .map files after start-up: median ${checkMs.toFixed(1)} ms wall, ${checkCpuMs.toFixed(1)} ms CPU for all three (target < 50 ms)`)
}

async function main(): Promise<void> {
  say(`mapc bench — node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores), ${new Date().toISOString()}`)
  say(`against @segment/actions-core 3.170.0; ${ROUNDS} interleaved rounds per figure, medians; ratios are mapc / actions-core`)
  progress('building the three destinations…')
  const destinations = await mapcDestinations()
  progress('checking that both sides send the same requests…')
  const comparisons = await compareRequests(destinations)
  const different = comparisons.filter((c) => c.differences.length > 0)
  if (different.length > 0) {
    process.stderr.write(different.map((c) => `${c.workload} (${c.mode}):\n${c.differences.join('\n')}`).join('\n\n') + '\n')
    throw new Error('the two sides do not send the same requests: nothing is timed')
  }
  say(`requests byte-identical on both sides for ${comparisons.length} action × mode pairs (${comparisons.reduce((n, c) => n + c.requests, 0)} requests)`)
  figures.identity = comparisons.map((c) => ({ workload: c.workload, mode: c.mode, requests: c.requests }))
  const only = process.env.MAPC_BENCH_ONLY?.split(',')
  const want = (section: string) => only === undefined || only.includes(section)
  const server = await startServer()
  try {
    if (want('mapping')) { progress('mapping path…'); await mappingPath(destinations) }
    if (want('whole')) { progress('whole path…'); await wholePath(destinations, server.origin) }
    if (want('batches')) { progress('batches…'); await batches(destinations, server.origin) }
    if (want('floor')) { progress('floor…'); await floor(destinations) }
    if (want('startup')) { progress('start-up…'); await startUp(server.origin) }
  } finally {
    server.stop()
  }
  if (want('memory')) { progress('memory…'); await memory(destinations) }
  if (want('scale')) { progress('scale…'); await scale() }
  if (JSON_OUTPUT) process.stdout.write(`${JSON.stringify({ node: process.version, cpu: cpus()[0]?.model, date: new Date().toISOString(), ...figures }, null, 2)}\n`)
}

await main()
