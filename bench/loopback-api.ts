/**
 * The one HTTP server both sides send to in the bench: it answers every API of the three
 * destinations with a canned success (record ids for key matching, one result per item for
 * Matilda's batches), and can record the requests it gets, bytes and all.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordedRequest {
  method: string
  target: string
  headers: IncomingHttpHeaders
  body: string
}

const ATTIO = JSON.stringify({ data: { id: { record_id: 'rec-bench-1' } } })
const MATILDA_RECORD = JSON.stringify({ data: { id: 'mat-bench-1' } })
const ACCEPTED = JSON.stringify({ ok: true })

function answer(target: string, body: string): string {
  if (target.startsWith('/v2/')) return ATTIO
  if (target.startsWith('/v1/objects/')) return MATILDA_RECORD
  if (target.startsWith('/v1/activities/batch')) {
    const count = (JSON.parse(body) as { activities: unknown[] }).activities.length
    return JSON.stringify({ results: Array.from({ length: count }, () => ({ status: 200 })) })
  }
  return ACCEPTED
}

export async function startLoopbackApi(record?: RecordedRequest[]): Promise<{ origin: string; server: Server }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const target = request.url ?? '/'
      record?.push({ method: request.method ?? '', target, headers: request.headers, body })
      const text = answer(target, body)
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
      response.end(text)
    })
  })
  server.keepAliveTimeout = 60_000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }
}
