/**
 * `@segment/actions-core` 3.170.0 as Node loads it (its CommonJS build), the same copy the
 * generated destinations take with `createRequire`; and its network, stubbed where actions-core
 * calls fetch (its `fetch` module's default export, which the request client reads per request).
 */
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)

export interface CoreDestination {
  executeAction(action: string, bundle: unknown): Promise<unknown>
  executeBatch(action: string, bundle: unknown): Promise<unknown>
  testAuthentication(settings: unknown, auth: unknown): Promise<unknown>
}

export interface ActionsCore {
  Destination: new (definition: unknown) => CoreDestination
  defaultValues(fields: unknown): Record<string, unknown>
  HTTPError: new (...args: never[]) => Error & { response: { status: number; statusText?: string }; request: { url: string; method: string } }
}

export const actionsCore = require('@segment/actions-core') as ActionsCore

interface FetchModule {
  default: (request: FetchRequest) => Promise<unknown>
  Response: new (body: string, init: { status: number; headers: Record<string, string> }) => unknown
}

export interface FetchRequest {
  method: string
  url: string
  headers: { forEach(fn: (value: string, name: string) => void): void }
  text(): Promise<string>
}

const fetchModule = require(join(dirname(require.resolve('@segment/actions-core')), 'fetch.js')) as FetchModule
const realFetch = fetchModule.default

/** A request as it left actions-core: method, URL, every header, the body's text. */
export interface WireRequest {
  method: string
  url: string
  headers: Record<string, string>
  body: string | undefined
}

export type FetchAnswer = { status: number; body: unknown } | { forward: string }

/**
 * Routes actions-core's fetch through `answer` until the returned function is called: each request
 * is recorded, then answered with JSON (`{ status, body }`) or forwarded to another origin over
 * the real network (`{ forward: "http://127.0.0.1:port" }`, for emulators).
 */
export function stubFetch(answer: (request: WireRequest, index: number) => FetchAnswer): { sent: WireRequest[]; restore: () => void } {
  const sent: WireRequest[] = []
  fetchModule.default = async (request) => {
    const headers: Record<string, string> = {}
    request.headers.forEach((value, name) => {
      headers[name] = value
    })
    const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text()
    const wire: WireRequest = { method: request.method, url: request.url, headers, body: text === '' ? undefined : text }
    const reply = answer(wire, sent.length)
    sent.push(wire)
    if ('forward' in reply) {
      const target = new URL(request.url)
      const origin = new URL(reply.forward)
      target.protocol = origin.protocol
      target.host = origin.host
      const { default: crossFetch } = require('cross-fetch') as { default: (url: string, init: unknown) => Promise<unknown> }
      return crossFetch(target.href, { method: request.method, headers, ...(wire.body !== undefined ? { body: wire.body } : {}) })
    }
    return new fetchModule.Response(JSON.stringify(reply.body) ?? '', { status: reply.status, headers: { 'content-type': 'application/json' } })
  }
  return {
    sent,
    restore: () => {
      fetchModule.default = realFetch
    }
  }
}
