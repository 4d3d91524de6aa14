/**
 * A real HTTP server on 127.0.0.1 (port 0) standing in for the test destination's API: it
 * records the bytes of every request and answers through a handler the test sets, so a test can
 * answer by path (a record id for key matching, per-item results for a batch) and script failures.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach } from 'vitest'

export interface ReceivedRequest {
  method: string
  /** Path and query, exactly as sent. */
  target: string
  headers: IncomingHttpHeaders
  body: Buffer
  /** When the request finished arriving (ms since the epoch). */
  at: number
}

export interface Reply {
  status: number
  headers?: Record<string, string>
  /** JSON unless it is a string; a string is sent as text/plain unless headers say otherwise. */
  body?: unknown
}

/** A reply, or `'silence'` to accept the request and never answer. */
export type Handler = (request: ReceivedRequest, index: number) => Reply | 'silence'

export interface ApiServer {
  /** `http://127.0.0.1:<port>`; only once listening. */
  readonly origin: string
  readonly received: ReceivedRequest[]
  /** Replaces how requests are answered; the default answers 200 `{}`. */
  handle(handler: Handler): void
  /** The JSON bodies received at a path (query excluded). */
  bodiesAt(path: string): unknown[]
}

export const ok: Handler = () => ({ status: 200, body: {} })

export function useApiServer(): ApiServer {
  const received: ReceivedRequest[] = []
  let handler: Handler = ok
  let origin: string | undefined
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const recorded: ReceivedRequest = { method: request.method ?? '', target: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks), at: Date.now() }
      received.push(recorded)
      const reply = handler(recorded, received.length - 1)
      if (reply === 'silence') return
      const isText = typeof reply.body === 'string'
      const payload = reply.body === undefined ? '' : isText ? (reply.body as string) : JSON.stringify(reply.body)
      response.writeHead(reply.status, { 'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json', ...reply.headers })
      response.end(payload)
    })
  })
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  beforeEach(() => {
    received.length = 0
    handler = ok
  })
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  )
  return {
    get origin() {
      if (origin === undefined) throw new Error('the API server is not listening yet')
      return origin
    },
    received,
    handle: (next) => (handler = next),
    bodiesAt: (path) => received.filter((r) => r.target.split('?')[0] === path).map((r) => JSON.parse(r.body.toString('utf8')) as unknown)
  }
}

/** Answers by path: each route maps a path (query excluded) to a reply; anything else is a 404. */
export function routes(table: Record<string, (request: ReceivedRequest, index: number) => Reply | 'silence'>): Handler {
  return (request, index) => {
    const path = request.target.split('?')[0] ?? ''
    const route = table[path] ?? Object.entries(table).find(([pattern]) => pattern.endsWith('*') && path.startsWith(pattern.slice(0, -1)))?.[1]
    return route ? route(request, index) : { status: 404, body: { error: `no route for ${path}` } }
  }
}

/** The per-item results a batch endpoint answers with: `statuses[i]` for item i (200 by default). */
export function itemResults(request: ReceivedRequest, statuses: Record<number, { status: number; message?: string }> = {}): Reply {
  const { events } = JSON.parse(request.body.toString('utf8')) as { events: unknown[] }
  return { status: 207, body: { results: events.map((_, i) => statuses[i] ?? { status: 200 }) } }
}
