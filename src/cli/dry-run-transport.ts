/**
 * `mapc run --dry-run`: each request is printed (secrets redacted) instead of sent, and answered
 * as mapc's emulator of that API would answer it (Attio, Schematic, Matilda, chosen by the
 * destination's name), from state kept in this process, so that a step that reads an earlier
 * response (Attio's Group Workspace reads the Company's record id) still runs. A destination
 * without an emulator gets `200 {}`.
 */
import { createEmulatorOf, isEmulatedApi, type Emulator } from '../emulators/index.js'
import { httpErrorForStatus, type HttpResponse, type Redactor, type Transport, type TransportSite } from '../runtime/index.js'

export interface PrintedRequest {
  destination: string
  method: string
  url: string
  headers: Record<string, string>
  /** The body as sent (parsed when JSON), redacted. */
  body?: unknown
}

export function dryRunTransports(print: (request: PrintedRequest) => void): (redactor: Redactor, site: TransportSite) => Transport {
  const emulators = new Map<string, Emulator>()
  return (redactor, site) => {
    const api = site.destination.name
    const emulator = isEmulatedApi(api) ? (emulators.get(api) ?? emulators.set(api, createEmulatorOf(api)).get(api)) : undefined
    return async (request, meta) => {
      const shown: PrintedRequest = { destination: site.name, method: request.method, url: redactor.redact(request.url), headers: redactor.redactHeaders(request.headers) }
      if (request.body !== undefined) shown.body = parsedOrText(redactor.redact(request.body))
      print(shown)
      const url = new URL(request.url)
      const answer = emulator
        ? emulator.handle({ method: request.method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: request.headers, body: request.body ?? '' })
        : { status: 200, body: {} }
      const text = answer.body === undefined ? '' : JSON.stringify(answer.body)
      if (answer.status < 200 || answer.status > 299) {
        throw httpErrorForStatus({ method: request.method, url: request.url, status: answer.status, body: text }, { redactor, ...(meta.location ? { location: meta.location } : {}) })
      }
      const response: HttpResponse = { status: answer.status, statusText: '', headers: { 'content-type': 'application/json' }, body: answer.body, text }
      return response
    }
  }
}

function parsedOrText(body: string): unknown {
  try {
    return JSON.parse(body)
  } catch {
    return body
  }
}

export function renderPrintedRequest(request: PrintedRequest): string {
  const lines = [`→ ${request.destination}  ${request.method} ${request.url}`]
  for (const [name, value] of Object.entries(request.headers)) lines.push(`  ${name}: ${value}`)
  if (request.body !== undefined) lines.push(`  ${typeof request.body === 'string' ? request.body : JSON.stringify(request.body)}`)
  return `${lines.join('\n')}\n`
}
