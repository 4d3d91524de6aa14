/**
 * A real HTTP server on 127.0.0.1 for the client's tests: it records the bytes of every request
 * and answers each with the next scripted reply (200 `{}` once the script runs out).
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach } from 'vitest'

export interface ReceivedRequest {
  method: string
  /** Path and query, as sent. */
  target: string
  headers: IncomingHttpHeaders
  body: Buffer
}

export type Reply = (response: ServerResponse, request: ReceivedRequest) => void

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>`; only once listening. */
  readonly origin: string
  received: ReceivedRequest[]
  /** Queues replies for the next requests, in order. */
  script(...replies: Reply[]): void
  /** Forgets what was received and any replies not used. */
  reset(): void
  listen(): Promise<void>
  close(): Promise<void>
}

export function createLoopbackServer(): LoopbackServer {
  const received: ReceivedRequest[] = []
  const queue: Reply[] = []
  let origin: string | undefined
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const recorded: ReceivedRequest = {
        method: request.method ?? '',
        target: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks)
      }
      received.push(recorded)
      const reply = queue.shift() ?? json(200, {})
      reply(response, recorded)
    })
  })
  return {
    get origin() {
      if (origin === undefined) throw new Error('the loopback server is not listening')
      return origin
    },
    received,
    script: (...replies) => queue.push(...replies),
    reset: () => {
      received.length = 0
      queue.length = 0
    },
    listen: async () => {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** One server for a test file: listening before its tests, reset between them, closed after. */
export function useLoopbackServer(): LoopbackServer {
  const server = createLoopbackServer()
  beforeAll(() => server.listen())
  beforeEach(() => server.reset())
  afterAll(() => server.close())
  return server
}

/** A port nothing listens on: bound, then released. */
export async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return (response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers })
    response.end(JSON.stringify(body))
  }
}

export function text(status: number, body: string, headers: Record<string, string> = {}): Reply {
  return (response) => {
    response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers })
    response.end(body)
  }
}

/** Accepts the request and never answers. */
export const silence: Reply = () => undefined

/** Sends the status line, headers and part of the body, then stalls. */
export const stallMidBody: Reply = (response) => {
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' })
  response.write('{"partial":')
}

/** Sends headers and part of a declared body, then drops the connection. */
export const resetMidBody: Reply = (response) => {
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' })
  response.write('{"partial":', () => response.socket?.destroy())
}
