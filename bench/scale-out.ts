/**
 * `npm run bench:scale-out` (`-- --events N`, default 20,000): events/s from a client posting
 * Segment batches to `mapc ingest` until the Matilda emulator has recorded every one of them,
 * through
 *   - the embedded path (`mapc ingest` delivering in process),
 *   - JetStream (`mapc ingest --nats` → a real nats-server with file storage → 1, 2 and 3
 *     `mapc worker` processes),
 *   - the same with per-user ordering on (`ordering: user`, 2 workers; 10 events per user),
 * in one run on this machine, each a fresh stream, with the figures' ratios. Every process is a
 * real one (nats-server, the mapc commands); the emulator and the client share this process.
 * Figures are from one run, never asserted in tests: shared machines vary.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { startEmulator } from '../src/emulators/index.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const MAPC = join(ROOT, 'bin', 'mapc.js')
const KEY = 'mk_bench_1234'
const WRITE_KEY = 'wk_bench'
const BATCH = 100
const SENDERS = 4

const args = process.argv.slice(2)
const EVENTS = Number(args[args.indexOf('--events') + 1] ?? '') || 20_000

interface Child {
  child: ChildProcess
  stderr: () => string
  waitFor(pattern: RegExp): Promise<RegExpExecArray>
  stop(): Promise<void>
}

function start(command: string, argv: readonly string[], env: Record<string, string> = {}): Child {
  const child = spawn(command, argv, { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  const waiters: (() => void)[] = []
  child.stderr!.setEncoding('utf8').on('data', (t: string) => {
    stderr += t
    for (const w of waiters) w()
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return {
    child,
    stderr: () => stderr,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const m = pattern.exec(stderr)
          if (m) resolve(m)
        }
        waiters.push(check)
        void exited.then(() => reject(new Error(`${command} ${argv.join(' ')} exited:\n${stderr}`)))
        check()
      }),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
    }
  }
}

const mapc = (argv: readonly string[]): Child => start(process.execPath, [MAPC, ...argv], { MATILDA_API_KEY: KEY, MATILDA_ENDPOINT: endpoint })

let endpoint = ''

function config(dir: string, name: string, ordering: boolean): string {
  const file = join(dir, `${name}.yaml`)
  writeFileSync(
    file,
    `jetstream:\n  stream: B_${name}\n  subject: b${name}.events\n  consumer: b${name}-workers\n  deadLetterStream: B_${name}_DEAD\n  ledgerBucket: b${name}_ledger\n` +
      `http:\n  timeoutMs: 20000\ndestinations:\n  - name: matilda\n    module: ${join(dir, 'generated', 'matilda')}\n    endpoint: \${MATILDA_ENDPOINT}\n    settings:\n      apiKey: \${MATILDA_API_KEY}\n` +
      `${ordering ? '    ordering: user\n' : ''}    subscriptions:\n      - trigger: type = "track"\n        action: track\n        mapping: { attributes: '{ message_id: $.messageId }' }\n        batch: { size: 50, maxAgeMs: 20 }\n`
  )
  return file
}

function events(run: string): Record<string, unknown>[] {
  return Array.from({ length: EVENTS }, (_, i) => ({ type: 'track', messageId: `${run}-${i}`, userId: `user-${Math.floor(i / 10)}`, event: 'Product Viewed', properties: { i }, timestamp: '2024-05-01T10:00:00.000Z' }))
}

async function post(url: string, all: readonly Record<string, unknown>[]): Promise<void> {
  const authorization = `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`
  let next = 0
  const sender = async (): Promise<void> => {
    while (next < all.length) {
      const batch = all.slice(next, (next += BATCH))
      for (;;) {
        const answer = await fetch(`${url}/v1/batch`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify({ batch }) })
        await answer.arrayBuffer()
        if (answer.status === 200) break
        await new Promise((r) => setTimeout(r, 50))
      }
    }
  }
  await Promise.all(Array.from({ length: SENDERS }, sender))
}

async function main(): Promise<void> {
  // Inside the package: generated modules import the runtime as `mapc/runtime`.
  mkdirSync(join(ROOT, '.tmp'), { recursive: true })
  const dir = mkdtempSync(join(ROOT, '.tmp', 'bench-scale-out-'))
  const built = start(process.execPath, [MAPC, 'build', join(ROOT, 'mappings'), '--out', join(dir, 'generated')])
  await new Promise<void>((resolve) => built.child.once('exit', () => resolve()))
  const matilda = await startEmulator('matilda', { credential: KEY })
  endpoint = matilda.url
  const store = join(dir, 'nats')
  const nats = start('nats-server', ['-js', '-sd', store, '-a', '127.0.0.1', '-p', '-1'])
  const port = (await nats.waitFor(/Listening for client connections on [^\s]*:(\d+)/))[1] as string
  await nats.waitFor(/Server is ready/)
  const natsUrl = `nats://127.0.0.1:${port}`
  const written = (): number => matilda.emulator.state().writes.total

  const measure = async (name: string, workers: number | 'embedded', ordering = false): Promise<number> => {
    matilda.emulator.reset()
    const file = config(dir, name, ordering)
    const running: Child[] = []
    if (workers !== 'embedded') {
      for (let i = 0; i < workers; i++) {
        const w = mapc(['worker', '--config', file, '--nats', natsUrl])
        running.push(w)
        await w.waitFor(/consuming /)
      }
    }
    const ingest = mapc(['ingest', '--config', file, '--write-key', WRITE_KEY, ...(workers === 'embedded' ? [] : ['--nats', natsUrl])])
    running.push(ingest)
    const url = (await ingest.waitFor(/listening on (http:\/\/[^\s]+)/))[1] as string
    const all = events(name)
    const t0 = performance.now()
    await post(url, all)
    while (written() < EVENTS) await new Promise((r) => setTimeout(r, 10))
    const seconds = (performance.now() - t0) / 1000
    await Promise.all(running.map((p) => p.stop()))
    if (written() !== EVENTS) throw new Error(`${name}: ${written()} writes for ${EVENTS} events`)
    const rate = EVENTS / seconds
    console.log(`${name.padEnd(28)} ${rate.toFixed(0).padStart(7)} events/s  (${seconds.toFixed(2)} s)`)
    return rate
  }

  const cpu = cpus()
  console.log(`mapc scale-out benchmark: ${EVENTS} track events (10 per user) in batches of ${BATCH} from ${SENDERS} senders to the Matilda emulator`)
  console.log(`Node ${process.version}, ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`)
  try {
    const embedded = await measure('embedded', 'embedded')
    const one = await measure('jetstream-1-worker', 1)
    const two = await measure('jetstream-2-workers', 2)
    const three = await measure('jetstream-3-workers', 3)
    const ordered = await measure('jetstream-2-workers-ordered', 2, true)
    const r = (a: number, b: number): string => `${(a / b).toFixed(2)}×`
    console.log(`ratios: 1 worker / embedded ${r(one, embedded)}; 2 workers / 1 ${r(two, one)}; 3 workers / 1 ${r(three, one)}; 2 workers ordered / unordered ${r(ordered, two)}`)
  } finally {
    await nats.stop()
    await matilda.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
