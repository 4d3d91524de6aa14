/**
 * The ingest endpoint: Segment's HTTP Tracking API on a real HTTP server. Each request's events
 * go to a sink (the in-process runtime, or a JetStream stream) and the answer is 200 only once
 * the sink has durably accepted all of them; a sink that cannot is a 503 with `Retry-After`, which
 * Segment's clients retry with the same messageIds.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { bodyLimitOf, callOf, parseCall, type TrackingEvent } from './tracking-api.js'

export interface IngestSink {
  /** Resolves once every event is accepted (published and acknowledged, or handed to the runtime); rejects when they cannot be. */
  accept(events: readonly TrackingEvent[]): Promise<void>
}

/** A sink's refusal that a client should retry: the answer is 503 with this message. */
export class SinkUnavailableError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SinkUnavailableError'
  }
}

export interface IngestServerOptions {
  sink: IngestSink
  writeKeys: readonly string[]
  port?: number
  host?: string
  now?: () => Date
  /** Told of each refused request (status and reason), never of the events themselves. */
  onRefused?: (status: number, message: string) => void
}

export interface IngestServer {
  url: string
  server: Server
  /** Requests answered 200, and events accepted. */
  readonly accepted: { requests: number; events: number }
  /** Stops accepting connections and waits for requests in flight to be answered. */
  stop(): Promise<void>
}

const RETRY_AFTER_SECONDS = 1

export async function startIngestServer(options: IngestServerOptions): Promise<IngestServer> {
  const now = options.now ?? (() => new Date())
  const accepted = { requests: 0, events: 0 }
  const answer = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    if (res.headersSent || res.destroyed) return
    const text = JSON.stringify(body)
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers })
    res.end(text)
  }
  const refuse = (res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void => {
    options.onRefused?.(status, message)
    answer(res, status, { success: false, message }, headers)
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    const call = callOf(path)
    if (call === undefined) return refuse(res, 404, `no such endpoint: ${path}`)
    if (req.method !== 'POST') return refuse(res, 405, `${path} takes POST`, { allow: 'POST' })
    const body = await readBody(req, bodyLimitOf(call))
    if (body === undefined) {
      refuse(res, 400, `the request is larger than Segment's limit of ${bodyLimitOf(call)} bytes for ${call === 'batch' ? 'a batch' : 'a call'}`, { connection: 'close' })
      return
    }
    const parsed = parseCall(call, body, { writeKeys: options.writeKeys, authorization: req.headers.authorization, now: now() })
    if (!parsed.ok) return refuse(res, parsed.status, parsed.message)
    try {
      await options.sink.accept(parsed.events)
    } catch (error) {
      const message = error instanceof SinkUnavailableError ? error.message : `the events could not be accepted: ${(error as Error).message}`
      return refuse(res, 503, message, { 'retry-after': String(RETRY_AFTER_SECONDS) })
    }
    accepted.requests++
    accepted.events += parsed.events.length
    answer(res, 200, { success: true })
  }

  const inFlight = new Set<Promise<void>>()
  const server = createServer((req, res) => {
    const handling = handle(req, res).catch((error: unknown) => refuse(res, 500, `internal error: ${(error as Error).message}`))
    inFlight.add(handling)
    void handling.finally(() => inFlight.delete(handling))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve())
  })
  const address = server.address() as AddressInfo
  return {
    url: `http://${address.address}:${address.port}`,
    server,
    accepted,
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeIdleConnections()
      await Promise.all([...inFlight])
      server.closeAllConnections()
      await closed
    }
  }
}

/** The body, or undefined as soon as it grows past `limit` (the rest is not read). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'])
    if (Number.isFinite(declared) && declared > limit) {
      req.resume()
      return resolve(undefined)
    }
    const chunks: Buffer[] = []
    let length = 0
    let over = false
    req.on('data', (chunk: Buffer) => {
      if (over) return
      length += chunk.length
      if (length > limit) {
        over = true
        chunks.length = 0
        return resolve(undefined)
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks))
    })
    req.on('error', reject)
  })
}
