/**
 * A loopback HTTP server that answers whatever the runtime sends with what the current case
 * asks for: a status, and a body (JSON, HTML or text) that echoes the request (its headers, so
 * the auth header, its URL and body) and the case's secret in a chosen encoding, and headers
 * that echo it too. What a careless or hostile API does with the credentials it was sent.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { SECRET_ENCODINGS } from './secret-encodings.js'

export interface EchoPlan {
  status: number
  /** How the body is written. */
  body: 'json' | 'json-in-string' | 'html' | 'text' | 'empty' | 'huge'
  /** The SECRET_ENCODINGS name the secret is echoed in. */
  encoding: string
  /** Whether the request's headers, URL and body are echoed too (as received). */
  echoRequest: boolean
  /** Whether response headers carry the secret (`x-echo`, `set-cookie`, `www-authenticate`). */
  echoHeaders: boolean
}

export interface EchoedRequest {
  method: string
  url: string
  headers: Record<string, string | string[] | undefined>
  body: string
}

export class EchoServer {
  private server: Server | undefined
  /** What the next responses look like; set by the case before it sends. */
  plan: EchoPlan = { status: 200, body: 'json', encoding: 'raw', echoRequest: false, echoHeaders: false }
  secret = ''
  /** Every request received since the last `take()`. */
  private received: EchoedRequest[] = []

  async start(): Promise<string> {
    this.server = createServer((request, response) => this.answer(request, response))
    // Retries of the runtime may keep connections alive; the server must not hold the process.
    this.server.keepAliveTimeout = 1000
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve))
    const { port } = this.server.address() as AddressInfo
    return `http://127.0.0.1:${port}`
  }

  take(): EchoedRequest[] {
    return this.received.splice(0)
  }

  private answer(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const echoed: EchoedRequest = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') }
      this.received.push(echoed)
      this.respond(echoed, response)
    })
  }

  private respond(echoed: EchoedRequest, response: ServerResponse): void {
    const { plan } = this
    const secret = SECRET_ENCODINGS[plan.encoding]?.(this.secret) ?? this.secret
    const data: Record<string, unknown> = { error: `invalid key ${secret}`, key: secret, data: { id: { record_id: 'rec_1' } }, results: [] }
    if (plan.echoRequest) data['request'] = echoed
    let body: string
    let type: string
    switch (plan.body) {
      case 'json':
        body = JSON.stringify(data)
        type = 'application/json'
        break
      case 'json-in-string':
        body = JSON.stringify({ message: JSON.stringify(data) })
        type = 'application/json'
        break
      case 'html':
        body = `<html><body><h1>${plan.status}</h1><p>key=${secret}</p>${plan.echoRequest ? `<pre>${JSON.stringify(echoed)}</pre>` : ''}</body></html>`
        type = 'text/html'
        break
      case 'text':
        body = `error: key ${secret} rejected\n${plan.echoRequest ? JSON.stringify(echoed) : ''}`
        type = 'text/plain'
        break
      case 'huge':
        body = JSON.stringify({ ...data, padding: 'x'.repeat(200_000), tail: secret })
        type = 'application/json'
        break
      default:
        body = ''
        type = 'text/plain'
    }
    const headers: Record<string, string> = { 'content-type': type, 'retry-after': '0' }
    if (plan.echoHeaders) {
      // Header values are Latin-1 on the wire: a secret that is not goes percent-encoded.
      const latin1 = /^[\x20-\x7e]*$/.test(secret) ? secret : encodeURIComponent(this.secret)
      headers['x-echo'] = latin1
      headers['set-cookie'] = `session=${latin1}`
      headers['www-authenticate'] = `Bearer error="invalid_token" token="${latin1.replace(/"/g, '')}"`
    }
    try {
      response.writeHead(plan.status, headers)
      response.end(body)
    } catch {
      // A header the secret made invalid: answer without the echo headers.
      if (!response.headersSent) {
        response.writeHead(plan.status, { 'content-type': type })
        response.end(body)
      }
    }
  }

  async stop(): Promise<void> {
    const server = this.server
    this.server = undefined
    if (!server) return
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
