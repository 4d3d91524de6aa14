/**
 * What the scale-out tests share: `mapc ingest` and `mapc worker` as real child processes
 * (started, awaited until ready, signalled by their own pid), a configuration whose destinations
 * point at the emulators and carry each event's messageId into every write, and polling for a
 * condition with a deadline.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { ROOT, type CliResult } from '../support/cli-process.js'
import { writeConfig, type RunSuite } from '../run/run-support.js'

export const WRITE_KEY = 'wk_test_write_key_1234'

export interface MapcProcess {
  child: ChildProcess
  /** Standard error so far. */
  stderr(): string
  /** Resolves with the match once standard error matches `pattern`; rejects if the process exits first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>
  /** Resolves when the process has exited. */
  result: Promise<CliResult>
  signal(signal: NodeJS.Signals): void
}

export function startMapc(args: readonly string[], env: Record<string, string>): MapcProcess {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'mapc.js'), ...args], { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  const listeners = new Set<() => void>()
  child.stdout!.setEncoding('utf8').on('data', (t: string) => void (stdout += t))
  child.stderr!.setEncoding('utf8').on('data', (t: string) => {
    stderr += t
    for (const l of listeners) l()
  })
  const result = new Promise<CliResult>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })))
  let exited = false
  void result.then(() => {
    exited = true
    for (const l of listeners) l()
  })
  return {
    child,
    stderr: () => stderr,
    result,
    signal: (s) => void (child.exitCode === null && child.signalCode === null && child.kill(s)),
    waitFor(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => done(new Error(`timed out waiting for ${pattern} in:\n${stderr}`)), timeoutMs)
        const check = (): void => {
          const match = pattern.exec(stderr)
          if (match) done(undefined, match)
          else if (exited) done(new Error(`the process exited before ${pattern}:\n${stderr}`))
        }
        const done = (error?: Error, match?: RegExpExecArray): void => {
          clearTimeout(timer)
          listeners.delete(check)
          if (error) reject(error)
          else resolve(match as RegExpExecArray)
        }
        listeners.add(check)
        check()
      })
    }
  }
}

export async function startIngest(config: string, natsUrl: string | undefined, env: Record<string, string>): Promise<MapcProcess & { url: string }> {
  const ingest = startMapc(['ingest', '--config', config, '--write-key', WRITE_KEY, ...(natsUrl === undefined ? [] : ['--nats', natsUrl]), '--json'], env)
  const match = await ingest.waitFor(/listening on (http:\/\/[^\s]+)/)
  return Object.assign(ingest, { url: match[1] as string })
}

export async function startWorker(config: string, natsUrl: string, env: Record<string, string>, extra: readonly string[] = []): Promise<MapcProcess> {
  const worker = startMapc(['worker', '--config', config, '--nats', natsUrl, '--json', ...extra], env)
  await worker.waitFor(/consuming /)
  return worker
}

export interface WorkerSummary {
  received: number
  delivered: number
  skipped: number
  deadLettered: number
  firedNothing: number
  retried: number
  alreadyDone: number
  uncertain: number
  waited: number
  superseded: number
  returned: number
  orderWaits: number
}

/** SIGTERM, then the worker's final JSON counts. */
export async function stopWorker(worker: MapcProcess): Promise<WorkerSummary> {
  worker.signal('SIGTERM')
  const result = await worker.result
  if (result.code !== 0) throw new Error(`the worker exited with ${result.code ?? result.signal}:\n${result.stderr}`)
  return JSON.parse(result.stdout.trim().split('\n').pop() as string) as WorkerSummary
}

export async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

const trace = 'message_id: $.messageId'

/** Subscriptions whose every write carries the event's messageId (the emulators count writes per id); one request per write, or a batch. */
export const TRACED = {
  attio: `    subscriptions:
      - trigger: type = "identify"
        action: identifyUser
        mapping: { user_attributes: '{ ${trace} }', person_attributes: '{ ${trace} }' }
        batch: { size: 50, maxAgeMs: 20 }
      - trigger: type = "group"
        action: groupWorkspace
        mapping: { company_attributes: '{ ${trace} }', workspace_attributes: '{ ${trace} }' }
        batch: { size: 50, maxAgeMs: 20 }
`,
  matilda: `    subscriptions:
      - trigger: type = "track"
        action: track
        mapping: { attributes: '{ ${trace} }' }
        batch: { size: 50, maxAgeMs: 20 }
`,
  schematic: `    subscriptions:
      - trigger: type = "track" and event = "Order Completed"
        action: trackEvent
        mapping: { traits: '{ raw_event_name: $.event, ${trace} }' }
`
}

export function writeScaleOutConfig(suite: RunSuite, file: string, jetstream: string, http = 'http:\n  timeoutMs: 10000\n  retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 50, maxRetryAfterMs: 50 }\n'): string {
  return writeConfig(suite, file, [
    { api: 'attio', extra: TRACED.attio },
    { api: 'matilda', extra: TRACED.matilda },
    { api: 'schematic', extra: TRACED.schematic }
  ], `jetstream:\n${jetstream}${http}`)
}

/** The writes an event of `tracedEvent` makes at each emulator once delivered. */
export function expectedWrites(e: Record<string, unknown>): Record<'attio' | 'matilda' | 'schematic', Record<string, number>> {
  if (e['type'] === 'identify') return { attio: { people: 1, users: 1 }, matilda: {}, schematic: {} }
  if (e['type'] === 'group') return { attio: { companies: 1, workspaces: 1 }, matilda: {}, schematic: {} }
  return { attio: {}, matilda: { activities: 1 }, schematic: e['event'] === 'Order Completed' ? { events: 1 } : {} }
}

/** Event `i` of a stream: identify, group or track, each touching records of its own. */
export function tracedEvent(i: number, prefix = 'msg'): Record<string, unknown> {
  const messageId = `${prefix}-${i}`
  const kind = i % 10
  const T = { timestamp: '2024-05-01T10:00:00.000Z' }
  if (kind < 3) return { type: 'identify', messageId, userId: `user-${i}`, traits: { email: `person-${i}@example.com` }, ...T }
  if (kind < 5) return { type: 'group', messageId, userId: `user-${i}`, groupId: `ws-${i}`, traits: { website: `company-${i}.example.com` }, ...T }
  return { type: 'track', messageId, userId: `user-${i}`, event: kind === 5 ? 'Order Completed' : 'Product Viewed', properties: {}, context: { traits: { email: `person-${i}@example.com` } }, ...T }
}

