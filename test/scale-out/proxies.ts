/**
 * Proxies the scale-out tests put between a worker and what it talks to: a TCP proxy to
 * nats-server that cuts every connection on demand, an HTTP proxy that holds an emulator's first
 * request until released, and one that rate-limits the first request carrying a marker.
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createTcpServer, connect as tcpConnect, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net'

/** A TCP proxy to nats-server that can cut every connection through it and refuse new ones until restored. */
export async function cuttableProxy(port: number): Promise<{ url: string; cut(): void; restore(): void; close(): Promise<void> }> {
  const sockets = new Set<Socket>()
  let refusing = false
  const server: TcpServer = createTcpServer((client) => {
    if (refusing) return void client.destroy()
    const upstream = tcpConnect(port, '127.0.0.1')
    for (const s of [client, upstream]) {
      sockets.add(s)
      s.on('close', () => sockets.delete(s))
      s.on('error', () => {})
    }
    client.pipe(upstream).pipe(client)
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  return {
    url: `nats://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cut() {
      refusing = true
      for (const s of sockets) s.destroy()
    },
    restore() {
      refusing = false
    },
    close: () => {
      for (const s of sockets) s.destroy()
      return new Promise((resolve) => server.close(() => resolve()))
    }
  }
}

/** An HTTP proxy to the emulator that holds the first request until released and forwards the rest. */
export async function holdingProxy(target: string): Promise<{ url: string; held: () => number; release(): void; server: Server }> {
  const waiting: (() => void)[] = []
  let first = true
  const forward = (req: IncomingMessage, body: Buffer, res: ServerResponse): void => {
    const upstream = request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    upstream.end(body)
  }
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const go = (): void => forward(req, Buffer.concat(chunks), res)
      if (first) {
        first = false
        waiting.push(go)
      } else go()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, held: () => waiting.length, release: () => waiting.splice(0).forEach((go) => go()), server }
}

/** An HTTP proxy to an emulator that answers the first request whose body contains `marker` with a 429 (`Retry-After: 1`) and forwards every other. */
export async function rateLimitingProxy(target: string, marker: string): Promise<{ url: string; limited: () => number; close(): Promise<void> }> {
  let limited = 0
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      if (limited === 0 && body.includes(marker)) {
        limited++
        res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' })
        return void res.end('{"error":"rate limited"}')
      }
      const upstream = request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      })
      upstream.end(body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, limited: () => limited, close: () => new Promise((resolve) => server.close(() => resolve())) }
}
