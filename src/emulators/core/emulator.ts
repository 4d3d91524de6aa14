/**
 * An emulated API without its HTTP server: requests in, answers out, state kept in memory. The
 * order of checks is the real APIs': control endpoints first (they bypass faults and auth), then
 * injected faults (before anything is applied), routing, credentials, validation against the
 * endpoint's schema, and the API's handler, whose answer is checked against `x-mapc-response`.
 */
import { ApiFailure, type ApiDefinition } from './api-definition.js'
import { problemText, readApiSchemaDocument, bundledSchemaFile, type Problem } from './api-schema.js'
import { checkFaultConfig, createFaultInjector, type FaultConfig } from './faults.js'
import type { ApiRequest, EmulatorRequest, EmulatorResponse } from './types.js'
import { createWriteLog, type WriteCounts } from './write-log.js'

export interface EmulatorOptions {
  /**
   * The one access token or API key the API accepts; any other is answered 401. Without one,
   * any non-empty credential is accepted (a missing one is still 401).
   */
  credential?: string
  faults?: FaultConfig
  /** The attribute whose value identifies the event behind a write. Default `message_id`. */
  traceKey?: string
  /** The API schema to validate against; the bundled `mappings/apis/<api>.schema.json` by default. */
  schemaFile?: string
  now?: () => Date
}

export interface RequestStats {
  total: number
  /** Status → answers; `dropped` counts connections cut without one. */
  byStatus: Record<string, number>
  faults: { rateLimited: number; serverErrors: number; dropped: number }
}

export interface EmulatorState {
  api: string
  writes: WriteCounts
  requests: RequestStats
  [part: string]: unknown
}

export interface Emulator {
  readonly api: string
  handle(request: EmulatorRequest): EmulatorResponse
  state(): EmulatorState
  /** Empties the state and the counts; faults stay as they are. */
  reset(): void
  faults(): FaultConfig
  /** Replaces the fault configuration; throws when it is not one. */
  setFaults(faults: unknown): void
}

export const CONTROL_PREFIX = '/__emulator/'

export function createEmulator<S>(definition: ApiDefinition<S>, options: EmulatorOptions = {}): Emulator {
  const schema = readApiSchemaDocument(options.schemaFile ?? bundledSchemaFile(definition.name))
  const now = options.now ?? (() => new Date())
  const writes = createWriteLog(options.traceKey ?? 'message_id')
  let faults = checkFaultConfig(options.faults ?? {})
  const injector = createFaultInjector(() => faults, () => now().getTime())
  let state = definition.createState()
  let stats = emptyStats()

  const count = (status: number | 'dropped'): void => {
    stats.total++
    stats.byStatus[String(status)] = (stats.byStatus[String(status)] ?? 0) + 1
  }
  const error = (status: number, message: string, kind?: string, headers?: Record<string, string>): EmulatorResponse => {
    count(status)
    return { status, body: definition.errorBody(status, message, kind), ...(headers ? { headers } : {}) }
  }

  const control = (request: EmulatorRequest): EmulatorResponse => {
    const what = `${request.method} ${request.path.slice(CONTROL_PREFIX.length)}`
    switch (what) {
      case 'GET state':
        return { status: 200, body: emulator.state() }
      case 'POST reset':
        emulator.reset()
        return { status: 204 }
      case 'GET faults':
        return { status: 200, body: faults }
      case 'PUT faults':
      case 'POST faults':
        try {
          emulator.setFaults(request.body === '' ? {} : JSON.parse(request.body))
          return { status: 200, body: faults }
        } catch (e) {
          return { status: 400, body: { error: (e as Error).message } }
        }
      default:
        return { status: 404, body: { error: `no control endpoint ${request.method} ${request.path} (GET state, POST reset, GET/PUT faults)` } }
    }
  }

  const serve = (request: EmulatorRequest): EmulatorResponse => {
    const fault = injector.decide(request)
    const delay = fault.delayMs > 0 ? { delayMs: fault.delayMs } : {}
    switch (fault.kind) {
      case 'rate-limited':
        stats.faults.rateLimited++
        return { ...error(429, 'Rate limit exceeded', 'rate_limited', { 'retry-after': fault.retryAfter }), ...delay }
      case 'server-error':
        stats.faults.serverErrors++
        return { ...error(fault.status, 'Injected server error', 'server_error'), ...delay }
      case 'dropped':
        stats.faults.dropped++
        count('dropped')
        return { status: 0, drop: true, ...delay }
      case 'none':
        return { ...answer(request), ...delay }
    }
  }

  const answer = (request: EmulatorRequest): EmulatorResponse => {
    const route = schema.route(request.method, request.path)
    if (!route) return error(404, `${request.method} ${request.path} is not an endpoint of the ${definition.name} API`, 'not_found')
    const { endpoint, params } = route
    let body: unknown
    if (request.body !== '') {
      if (!(request.headers['content-type'] ?? '').startsWith('application/json')) return error(415, 'the body must be JSON (content-type: application/json)', 'invalid_request')
      try {
        body = JSON.parse(request.body)
      } catch {
        return error(400, 'the body is not valid JSON', 'invalid_request')
      }
    }
    const apiRequest: ApiRequest = { method: request.method, url: `${endpoint.origin}${request.path}`, query: request.query, headers: request.headers }
    if (body !== undefined) apiRequest.body = body
    const credential = definition.credentialOf(apiRequest, endpoint)
    if (credential === undefined || credential === '' || (options.credential !== undefined && credential !== options.credential)) {
      return error(401, `Invalid ${definition.credentialName}`, 'unauthorized')
    }
    const problems = endpoint.check(apiRequest)
    const itemKeys = definition.itemized?.[endpoint.id]
    const { whole, items } = splitByItem(problems, itemKeys)
    if (whole.length > 0) return error(400, problemText(whole), 'invalid_request')
    const handler = definition.handlers[endpoint.id]
    if (!handler) return error(501, `the emulator does not implement ${endpoint.method} ${endpoint.pathTemplate}`, 'not_implemented')
    let result
    try {
      result = handler({ request: apiRequest, params, state, writes, itemProblems: items, now })
    } catch (e) {
      if (e instanceof ApiFailure) return error(e.status, e.message, e.kind)
      throw e
    }
    if (result.status >= 200 && result.status < 300) {
      const wrong = endpoint.checkResponse(result.body)
      // The emulator's answer must be one the API schema promises: otherwise it is the emulator's bug.
      if (wrong.length > 0) throw new Error(`${definition.name} emulator: the answer to ${endpoint.id} does not fit x-mapc-response: ${problemText(wrong)}`)
    }
    count(result.status)
    return result.body === undefined ? { status: result.status } : { status: result.status, body: result.body }
  }

  const emulator: Emulator = {
    api: definition.name,
    handle: (request) => (request.path.startsWith(CONTROL_PREFIX) ? control(request) : serve(request)),
    state: () => ({ api: definition.name, ...definition.view(state), writes: writes.counts(), requests: structuredClone(stats) }),
    reset() {
      state = definition.createState()
      writes.reset()
      injector.reset()
      stats = emptyStats()
    },
    faults: () => ({ ...faults }),
    setFaults(value) {
      faults = checkFaultConfig(value)
    }
  }
  return emulator
}

function emptyStats(): RequestStats {
  return { total: 0, byStatus: {}, faults: { rateLimited: 0, serverErrors: 0, dropped: 0 } }
}

/** Problems inside an item of an itemized array are that item's; any other fails the whole request. */
function splitByItem(problems: readonly Problem[], itemKeys: readonly string[] | undefined): { whole: Problem[]; items: Map<number, Problem[]> } {
  const items = new Map<number, Problem[]>()
  if (itemKeys === undefined) return { whole: [...problems], items }
  const whole: Problem[] = []
  for (const problem of problems) {
    const inItem = problem.keys.length > itemKeys.length && itemKeys.every((k, i) => problem.keys[i] === k) && /^\d+$/.test(problem.keys[itemKeys.length] as string)
    if (!inItem) {
      whole.push(problem)
      continue
    }
    const index = Number(problem.keys[itemKeys.length])
    const rest = problem.keys.slice(itemKeys.length + 1)
    items.set(index, [...(items.get(index) ?? []), { ...problem, path: rest.length === 0 ? 'the item' : rest.join('.') }])
  }
  return { whole, items }
}
