/**
 * `npm run bench`: what mapc's speed claims rest on, measured in one run on this machine.
 *
 * 1. Checking: parse + type-check of the three destinations, after start-up.
 * 2. Delivery work per event, without a network (a transport that answers at once): the compiled
 *    modules against the IR interpreter running the same mappings, through the same runtime code
 *    (payload resolution, cleaning, coercion, validation, rules, request building). Reported as
 *    events per second and as the ratio compiled / interpreted.
 * 3. The floor: JSON.stringify of the bodies those events send, i.e. what any implementation pays.
 *
 * Figures are ratios from one run, never asserted in tests: timings on shared machines vary.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { compileText } from '../src/compiler/compile.js'
import { buildAndLoad } from '../src/compiler/emit/mapc/write-output.js'
import { interpretDestination } from '../src/compiler/interpret/interpret.js'
import type { DestinationIR } from '../src/compiler/ir.js'
import type { ConformanceCase } from '../src/conformance/case.js'
import { caseFiles, loadCase } from '../src/conformance/load-cases.js'
import type { CompiledDestination, SegmentEvent } from '../src/runtime/contract.js'
import { deliverOne, type Transport } from '../src/runtime/delivery/deliver.js'
import { createRedactor } from '../src/runtime/redaction/index.js'

/** Every destination of the project: the bench follows mappings/, it names none of them. */
const DESTINATIONS = readdirSync('mappings')
  .filter((name) => name.endsWith('.map'))
  .map((name) => name.slice(0, -'.map'.length))
  .sort()

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}

/** Runs `fn` for about `ms` milliseconds, several rounds, and returns the median rate per second. */
async function rate(fn: () => Promise<void> | void, units: number, ms = 400, rounds = 5): Promise<number> {
  for (let i = 0; i < 200; i++) await fn() // warm up: let V8 optimise
  const rates: number[] = []
  for (let r = 0; r < rounds; r++) {
    let n = 0
    const start = performance.now()
    while (performance.now() - start < ms) {
      await fn()
      n++
    }
    rates.push((n * units * 1000) / (performance.now() - start))
  }
  return median(rates)
}

function benchCheck(): string[] {
  const sources = DESTINATIONS.map((name) => ({ file: `mappings/${name}.map`, text: readFileSync(`mappings/${name}.map`, 'utf8') }))
  for (const s of sources) compileText(s.text, s.file) // start-up: parser self-analysis, schemas
  const times: number[] = []
  for (let i = 0; i < 20; i++) {
    const start = performance.now()
    for (const s of sources) {
      const result = compileText(s.text, s.file)
      if (!result.ir) throw new Error(`${s.file} does not compile`)
    }
    times.push(performance.now() - start)
  }
  return [`check (parse + type-check) of ${DESTINATIONS.join(', ')}: median ${median(times).toFixed(1)} ms for all ${DESTINATIONS.length}, after start-up`]
}

async function build(ir: DestinationIR): Promise<CompiledDestination> {
  return (await buildAndLoad(ir, join('.tmp', 'bench'), 'bench')).destination
}

/** Representative single-event workloads: the recorded conformance cases that succeed with the default mappings. */
async function workloads(): Promise<ConformanceCase[]> {
  const out: ConformanceCase[] = []
  for (const file of await caseFiles(['test/conformance/cases'])) {
    const { case: c, problems } = await loadCase(file)
    if (!c) throw new Error(problems.join('\n'))
    if (!c.batch && c.expect.error === null && Object.keys(c.mapping).length === 0) out.push(c)
  }
  return out
}

async function benchDelivery(): Promise<string[]> {
  const lines: string[] = []
  const answer = { status: 200, statusText: 'OK', headers: {}, body: { data: { id: { record_id: 'r1' } } }, text: '' }
  const bodies: string[] = []
  const transport: Transport = async (request) => {
    if (request.body !== undefined) bodies.push(request.body)
    return answer
  }
  const silent: Transport = async () => answer
  const redactor = createRedactor([])
  let totalCompiled = 0
  let totalInterpreted = 0
  let totalResolveCompiled = 0
  let totalResolveInterpreted = 0
  let totalBuildCompiled = 0
  let totalBuildInterpreted = 0
  const recorded = await workloads()
  // Only destinations with recorded cases have a workload to measure.
  for (const name of [...new Set(recorded.map((c) => c.destination))].sort()) {
    const ir = compileText(readFileSync(`mappings/${name}.map`, 'utf8'), `mappings/${name}.map`).ir
    if (!ir) throw new Error(`mappings/${name}.map does not compile`)
    const compiled = await build(ir)
    const interpreted = interpretDestination(ir)
    const cases = recorded.filter((c) => c.destination === name)
    const run = (destination: CompiledDestination, t: Transport) => async () => {
      for (const c of cases) {
        const action = destination.actions[c.action]
        if (!action) continue
        await deliverOne(
          {
            destination,
            action,
            subscription: 'bench',
            mapping: { overrides: new Map(), useDefaults: true },
            ctx: { settings: c.settings, auth: c.auth ?? {} },
            transport: t,
            redactor
          },
          c.events[0] as SegmentEvent
        )
      }
    }
    await run(compiled, transport)()
    const sample = [...bodies]
    // The mapping alone: each event's payload from the field defaults.
    const resolve = (destination: CompiledDestination) => () => {
      for (const c of cases) destination.actions[c.action]?.resolveDefaults(c.events[0] as SegmentEvent, { settings: c.settings, auth: c.auth ?? {} })
    }
    const resolveCompiled = await rate(resolve(compiled), cases.length)
    const resolveInterpreted = await rate(resolve(interpreted), cases.length)
    // The other half of the mapping: a validated payload → its requests (sends answered at once).
    const payloads = cases.map((c) => {
      const action = compiled.actions[c.action]
      const ctx = { settings: c.settings, auth: c.auth ?? {} }
      const payload = action?.resolveDefaults(c.events[0] as SegmentEvent, ctx) ?? {}
      action?.coerce(payload)
      return { action: c.action, payload, ctx }
    })
    const instant = Promise.resolve({ status: 200, body: answer.body })
    const requestsOf = (destination: CompiledDestination) => async () => {
      for (const p of payloads) await destination.actions[p.action]?.perform?.(p.payload, { ...p.ctx, send: () => instant })
    }
    const buildCompiled = await rate(requestsOf(compiled), cases.length)
    const buildInterpreted = await rate(requestsOf(interpreted), cases.length)
    const compiledRate = await rate(run(compiled, silent), cases.length)
    const interpretedRate = await rate(run(interpreted, silent), cases.length)
    const stringifyRate = await rate(() => {
      for (const b of sample) JSON.stringify(JSON.parse(b))
    }, cases.length)
    totalCompiled += compiledRate
    totalInterpreted += interpretedRate
    totalResolveCompiled += resolveCompiled
    totalResolveInterpreted += resolveInterpreted
    totalBuildCompiled += buildCompiled
    totalBuildInterpreted += buildInterpreted
    lines.push(
      `${name} (${cases.length} recorded events):`,
      `  field resolution   compiled ${fmt(resolveCompiled)}/s, interpreted ${fmt(resolveInterpreted)}/s → ${(resolveCompiled / resolveInterpreted).toFixed(1)}×`,
      `  request building   compiled ${fmt(buildCompiled)}/s, interpreted ${fmt(buildInterpreted)}/s → ${(buildCompiled / buildInterpreted).toFixed(1)}×`,
      `  whole delivery     compiled ${fmt(compiledRate)}/s, interpreted ${fmt(interpretedRate)}/s → ${(compiledRate / interpretedRate).toFixed(1)}×` +
        ` (validation, async sends and result objects are shared by both)`,
      `  floor              parse + serialise of the same bodies alone ${fmt(stringifyRate)}/s; compiled delivery runs at ${((compiledRate / stringifyRate) * 100).toFixed(0)}% of it`
    )
  }
  lines.push(
    `overall compiled / interpreted: field resolution ${(totalResolveCompiled / totalResolveInterpreted).toFixed(1)}×, request building ${(totalBuildCompiled / totalBuildInterpreted).toFixed(1)}×, whole delivery ${(totalCompiled / totalInterpreted).toFixed(1)}×`
  )
  return lines
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US')
}

async function main(): Promise<void> {
  const lines = [`mapc bench — node ${process.version}, ${new Date().toISOString()}`, ...benchCheck(), ...(await benchDelivery())]
  process.stdout.write(`${lines.join('\n')}\n`)
}

await main()
