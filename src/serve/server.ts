/**
 * `mapc serve`'s HTTP server: the page, and a thin JSON API over the compiler and runtime
 * (check, compile, dry run, send, batch, save), plus the emulators' records. Every input is
 * bounded (body, map text, event size, batch count) and every compiler call runs in a worker
 * thread with a time budget, so no text can hang the server.
 *
 * It listens on loopback and answers only requests addressed to that address by name
 * (`Host`), from its own page (`Origin`), as JSON: a web page elsewhere cannot call it, even
 * through DNS rebinding, and cannot save files through it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { findPackageRoot } from '../compiler/grammar/package-root.js'
import { EMULATED_APIS, startEmulator, type ServedEmulator } from '../emulators/index.js'
import { BudgetExceeded, CompilerWorker } from './compiler-worker.js'
import { COMPILE_BUDGET_MS, DELIVERY_BUDGET_MS, describeBytes, MAX_BATCH_EVENTS, MAX_BODY_BYTES, MAX_EVENT_BYTES, MAX_MAP_BYTES } from './limits.js'
import { OpenedFiles } from './opened-files.js'
import { SAMPLE_EVENTS } from './sample-events.js'
import type { TestCredentials } from './settings-placeholders.js'
import { servePageFile } from './static-page.js'
import type { RunAnswer, TesterDocument } from './tester.js'
import type { WorkerCall } from './worker-protocol.js'

export interface ServeOptions {
  files: readonly string[]
  /** Default 0: a free port. */
  port?: number
  /** Default 127.0.0.1. */
  host?: string
  /** By destination name: send there instead of to an emulator (no emulator is started for it). */
  endpoints?: Record<string, string>
  /** By destination name: settings and auth for Send (placeholders otherwise). */
  credentials?: Record<string, Partial<TestCredentials>>
  /** Where the built page is; default dist/web/serve in the package. */
  pageDirectory?: string
  /** Default: `worker.js` beside this module. */
  workerEntry?: URL
  compileBudgetMs?: number
}

export interface RunningServe {
  url: string
  port: number
  emulators: Record<string, string>
  stop(): Promise<void>
}

class HttpProblem extends Error {
  constructor(readonly status: number, message: string) {
    super(message)
  }
}

export async function startServe(options: ServeOptions): Promise<RunningServe> {
  const host = options.host ?? '127.0.0.1'
  const files = new OpenedFiles(options.files)
  const pageDirectory = options.pageDirectory ?? join(findPackageRoot(import.meta.url) ?? process.cwd(), 'dist', 'web', 'serve')
  const worker = new CompilerWorker(options.workerEntry ?? new URL('./worker.js', import.meta.url))
  const compileBudget = options.compileBudgetMs ?? COMPILE_BUDGET_MS
  worker.start()
  const configured = options.endpoints ?? {}
  const emulators = new Map<string, ServedEmulator>()
  for (const api of EMULATED_APIS) {
    if (!Object.hasOwn(configured, api)) emulators.set(api, await startEmulator(api))
  }
  const endpoints: Record<string, string> = { ...Object.fromEntries([...emulators].map(([api, e]) => [api, e.url])), ...configured }
  const credentials = options.credentials ?? {}

  let port = 0
  const allowedHosts = (): Set<string> => new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `${host}:${port}`])

  const document = (body: Record<string, unknown>): TesterDocument => {
    const text = body['text']
    if (typeof text !== 'string') throw new HttpProblem(400, 'the request has no .map text')
    const bytes = Buffer.byteLength(text)
    if (bytes > MAX_MAP_BYTES) {
      throw new HttpProblem(413, `the .map text is ${describeBytes(bytes)}; mapc serve checks .map files up to ${describeBytes(MAX_MAP_BYTES)} (mapc check has no such limit)`)
    }
    if (text.includes('\u0000')) throw new HttpProblem(422, 'the .map text contains NUL characters: it looks binary, not a .map text file')
    return { file: files.documentName(body['file']), text }
  }
  const actionOf = (body: Record<string, unknown>): string => {
    const action = body['action']
    if (typeof action !== 'string' || action === '') throw new HttpProblem(400, 'choose an action')
    return action
  }
  const eventOf = (body: Record<string, unknown>): unknown => {
    if (!Object.hasOwn(body, 'event')) throw new HttpProblem(400, 'the request has no event')
    const bytes = Buffer.byteLength(JSON.stringify(body['event']) ?? '')
    if (bytes > MAX_EVENT_BYTES) throw new HttpProblem(413, `the event is ${describeBytes(bytes)}; mapc serve takes events up to ${describeBytes(MAX_EVENT_BYTES)}`)
    return body['event']
  }
  const call = <T>(c: WorkerCall, budgetMs: number): Promise<T> => worker.call<T>(c, budgetMs)
  const delivery = { endpoints, credentials, timeoutMs: DELIVERY_BUDGET_MS - 2_000 }
  /** After a send, what the emulator holds: the records the request made or changed. */
  const withRecords = (answer: RunAnswer): RunAnswer & { records?: unknown } => {
    if ('problem' in answer) return answer
    const served = emulators.get(answer.destination)
    return served ? { ...answer, records: served.emulator.state() } : answer
  }

  const api = async (method: string, path: string, body: Record<string, unknown>): Promise<unknown> => {
    switch (`${method} ${path}`) {
      case 'GET /api/session':
        return {
          files: files.names().map((f) => files.read(f)),
          samples: SAMPLE_EVENTS,
          limits: { mapBytes: MAX_MAP_BYTES, eventBytes: MAX_EVENT_BYTES, batchEvents: MAX_BATCH_EVENTS },
          endpoints: Object.fromEntries(Object.entries(endpoints).map(([name, url]) => [name, { url, emulated: emulators.has(name) }]))
        }
      case 'POST /api/check':
        return call({ op: 'check', doc: document(body) }, compileBudget)
      case 'POST /api/compile':
        return call({ op: 'compile', doc: document(body), action: actionOf(body) }, compileBudget)
      case 'POST /api/dry-run':
        return call({ op: 'dry-run', doc: document(body), action: actionOf(body), event: eventOf(body), credentials }, compileBudget)
      case 'POST /api/send':
        return withRecords(await call<RunAnswer>({ op: 'send', doc: document(body), action: actionOf(body), event: eventOf(body), delivery }, DELIVERY_BUDGET_MS))
      case 'POST /api/batch': {
        const count = body['count']
        if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_BATCH_EVENTS) {
          throw new HttpProblem(400, `a batch has 1 to ${MAX_BATCH_EVENTS} events`)
        }
        return withRecords(await call<RunAnswer>({ op: 'batch', doc: document(body), action: actionOf(body), event: eventOf(body), count, delivery }, DELIVERY_BUDGET_MS))
      }
      case 'POST /api/save': {
        const doc = document(body)
        if (!files.has(String(body['file']))) throw new HttpProblem(403, `${String(body['file'])} was not opened by mapc serve: only the files it was started with can be saved`)
        const formatted = await call<{ text: string } | { problem: string }>({ op: 'format', doc }, compileBudget)
        if ('problem' in formatted) throw new HttpProblem(422, formatted.problem)
        files.write(doc.file, formatted.text)
        return { file: doc.file, text: formatted.text, saved: true }
      }
    }
    const emulator = /^\/api\/emulators\/([a-z]+)\/(state|reset)$/.exec(path)
    const served = emulator ? emulators.get(emulator[1] as string) : undefined
    if (served && emulator?.[2] === 'state' && method === 'GET') return served.emulator.state()
    if (served && emulator?.[2] === 'reset' && method === 'POST') {
      served.emulator.reset()
      return served.emulator.state()
    }
    throw new HttpProblem(404, `no such API: ${method} ${path}`)
  }

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) reply(res, 500, { error: `mapc serve: ${error instanceof Error ? error.message : String(error)}` })
      else res.destroy()
    })
  })

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!allowedHosts().has(req.headers.host ?? '')) {
      reply(res, 421, { error: `mapc serve answers requests for ${host}:${port} only` })
      return
    }
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`)
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        reply(res, 405, { error: 'the page is read with GET' })
        return
      }
      await servePageFile(pageDirectory, url.pathname, res)
      return
    }
    const origin = req.headers.origin
    if (origin !== undefined && !allowedHosts().has(origin.replace(/^http:\/\//, ''))) {
      reply(res, 403, { error: 'mapc serve answers its own page only' })
      return
    }
    try {
      let body: Record<string, unknown> = {}
      if (req.method === 'POST') {
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) throw new HttpProblem(415, 'send JSON (content-type: application/json)')
        body = await readJson(req)
      }
      reply(res, 200, await api(req.method ?? 'GET', url.pathname, body))
    } catch (error) {
      if (error instanceof HttpProblem) reply(res, error.status, { error: error.message })
      else if (error instanceof BudgetExceeded) reply(res, 503, { error: error.message })
      else reply(res, 500, { error: error instanceof Error ? error.message : String(error) })
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  port = (server.address() as AddressInfo).port
  const shownHost = host.includes(':') ? `[${host}]` : host
  return {
    url: `http://${shownHost}:${port}`,
    port,
    emulators: Object.fromEntries([...emulators].map(([api, e]) => [api, e.url])),
    async stop() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await worker.close()
      await Promise.all([...emulators.values()].map((e) => e.stop()))
    }
  }
}

function reply(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' }).end(body)
}

/** The body as a JSON object, refused past MAX_BODY_BYTES without reading the rest. */
function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0)
    const tooLarge = (bytes: number): HttpProblem =>
      new HttpProblem(413, `the request is ${describeBytes(bytes)}; mapc serve takes up to ${describeBytes(MAX_BODY_BYTES)} (a .map up to ${describeBytes(MAX_MAP_BYTES)}, an event up to ${describeBytes(MAX_EVENT_BYTES)})`)
    if (declared > MAX_BODY_BYTES) {
      req.resume()
      reject(tooLarge(declared))
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data')
        req.resume()
        reject(tooLarge(size))
        return
      }
      chunks.push(chunk)
    })
    req.on('error', reject)
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) return
      let parsed: unknown
      try {
        parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'))
      } catch (error) {
        reject(new HttpProblem(400, `the request is not JSON: ${(error as Error).message}`))
        return
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) reject(new HttpProblem(400, 'the request is not a JSON object'))
      else resolve(parsed as Record<string, unknown>)
    })
  })
}
