/**
 * An emulator on a real HTTP server (loopback by default): each request is read whole (up to a
 * limit), handed to the emulator, and answered as JSON after any injected latency, or cut off
 * when the emulator says to drop it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Emulator } from './emulator.js'
import type { EmulatorRequest, EmulatorResponse } from './types.js'

/** Attio's batch endpoint takes 10,000 assertions: a few MiB. */
const MAX_BODY_BYTES = 64 * 1024 * 1024

export interface ServeOptions {
  /** Default 127.0.0.1. */
  host?: string
  /** Default 0: a free port the system picks. */
  port?: number
  /** Called after each request is answered (or dropped). */
  onRequest?: (request: EmulatorRequest, response: EmulatorResponse) => void
}

export interface ServedEmulator {
  readonly emulator: Emulator
  /** `http://127.0.0.1:41234`: what a configuration's `endpoint` points at. */
  readonly url: string
  readonly port: number
  /** Stops listening and closes every connection. */
  stop(): Promise<void>
}

export async function serveEmulator(emulator: Emulator, options: ServeOptions = {}): Promise<ServedEmulator> {
  const host = options.host ?? '127.0.0.1'
  const pending = new Set<NodeJS.Timeout>()
  const server: Server = createServer((req, res) => {
    readRequest(req).then(
      (request) => {
        if (request === undefined) {
          res.writeHead(413, { 'content-type': 'application/json' }).end(JSON.stringify({ error: `the body is larger than ${MAX_BODY_BYTES} bytes` }))
          return
        }
        let response: EmulatorResponse
        try {
          response = emulator.handle(request)
        } catch (error) {
          response = { status: 500, body: { error: `emulator bug: ${(error as Error).message}` } }
        }
        const finish = (): void => {
          if (response.drop) req.socket.destroy()
          else write(res, response)
          options.onRequest?.(request, response)
        }
        if (!response.delayMs) return finish()
        const timer = setTimeout(() => {
          pending.delete(timer)
          finish()
        }, response.delayMs)
        pending.add(timer)
      },
      () => req.socket.destroy()
    )
  })
  server.keepAliveTimeout = 30_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address
  let stopped: Promise<void> | undefined
  return {
    emulator,
    url: `http://${shownHost}:${address.port}`,
    port: address.port,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        for (const timer of pending) clearTimeout(timer)
        server.close(() => resolve())
        server.closeAllConnections()
      })
      return stopped
    }
  }
}

/** The request, or undefined when its body is over the limit. */
async function readRequest(req: IncomingMessage): Promise<EmulatorRequest | undefined> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) return undefined
    chunks.push(chunk)
  }
  const url = new URL(req.url ?? '/', 'http://emulator')
  const headers = Object.fromEntries(
    Object.entries(req.headers).flatMap(([name, value]) => (value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value]]))
  ) as Record<string, string>
  return {
    method: req.method ?? 'GET',
    // The path as sent: `new URL` would resolve `..` segments a client may have sent on purpose.
    path: (req.url ?? '/').split('?')[0] as string,
    query: Object.fromEntries(url.searchParams),
    headers,
    body: Buffer.concat(chunks).toString('utf8')
  }
}

function write(res: ServerResponse, response: EmulatorResponse): void {
  const headers: Record<string, string> = { ...(response.headers ?? {}) }
  if (response.body === undefined) {
    res.writeHead(response.status, headers).end()
    return
  }
  headers['content-type'] = 'application/json; charset=utf-8'
  res.writeHead(response.status, headers).end(JSON.stringify(response.body))
}
