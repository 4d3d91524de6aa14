/**
 * Injected faults: a share of requests answered 429 (with `Retry-After`) or 5xx, or cut off
 * without an answer, and latency added to every answer. Each decision is a pure function of the
 * seed, the request (method, path, query, body) and how many times that same request has been
 * seen, so a run with the same seed and the same input meets the same faults whatever the
 * timing; a retry of a request is a new occurrence and draws anew.
 *
 * Faults are decided before the API touches its state: a request that fails changed nothing,
 * so a client that retries it cannot create a duplicate.
 */
import { createHash } from 'node:crypto'
import { Ajv } from 'ajv'
import type { EmulatorRequest } from './types.js'

export interface FaultConfig {
  /** Share of requests, each in [0, 1]; together at most 1. */
  rateLimited?: number
  serverErrors?: number
  dropped?: number
  /** Added to every answer, control endpoints excepted. */
  latencyMs?: number
  /** A uniform extra of up to this many milliseconds, drawn per request. */
  latencyJitterMs?: number
  /** The `Retry-After` of a 429. Default 1. */
  retryAfterSeconds?: number
  /** `seconds` (`Retry-After: 1`), `date` (an HTTP date), or `mixed` (drawn per request). Default `seconds`. */
  retryAfterFormat?: 'seconds' | 'date' | 'mixed'
  seed?: number
}

export type FaultDecision =
  | { kind: 'none'; delayMs: number }
  | { kind: 'rate-limited'; delayMs: number; retryAfter: string }
  | { kind: 'server-error'; delayMs: number; status: number }
  | { kind: 'dropped'; delayMs: number }

const rate = { type: 'number', minimum: 0, maximum: 1 } as const
const faultSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    rateLimited: rate,
    serverErrors: rate,
    dropped: rate,
    latencyMs: { type: 'integer', minimum: 0, maximum: 60_000 },
    latencyJitterMs: { type: 'integer', minimum: 0, maximum: 60_000 },
    retryAfterSeconds: { type: 'integer', minimum: 0, maximum: 3600 },
    retryAfterFormat: { enum: ['seconds', 'date', 'mixed'] },
    seed: { type: 'integer' }
  }
} as const
const validateFaults = new Ajv({ allErrors: true }).compile(faultSchema)

/** The configuration when it is one; otherwise an Error whose message names each wrong key. */
export function checkFaultConfig(value: unknown): FaultConfig {
  if (!validateFaults(value)) {
    const problems = (validateFaults.errors ?? []).map((e) =>
      e.keyword === 'additionalProperties'
        ? `unknown fault ${JSON.stringify(String(e.params.additionalProperty))} (known: ${Object.keys(faultSchema.properties).join(', ')})`
        : `${e.instancePath.slice(1) || 'faults'} ${e.message ?? 'is invalid'}`
    )
    throw new Error(problems.join('; '))
  }
  const config = value as FaultConfig
  const total = (config.rateLimited ?? 0) + (config.serverErrors ?? 0) + (config.dropped ?? 0)
  if (total > 1) throw new Error(`the fault rates add up to ${total}, more than 1`)
  return { ...config }
}

const SERVER_ERROR_STATUSES = [500, 502, 503] as const

export interface FaultInjector {
  decide(request: EmulatorRequest): FaultDecision
  /** Forgets how often each request was seen, so that a run after a reset meets the same faults. */
  reset(): void
}

export function createFaultInjector(config: () => FaultConfig, now: () => number = Date.now): FaultInjector {
  const seen = new Map<string, number>()
  return {
    decide(request) {
      const faults = config()
      const identity = createHash('sha256').update(`${request.method}\0${request.path}\0${JSON.stringify(request.query)}\0${request.body}`).digest('base64')
      const occurrence = seen.get(identity) ?? 0
      seen.set(identity, occurrence + 1)
      const draw = createHash('sha256').update(`${faults.seed ?? 0}\0${identity}\0${occurrence}`).digest()
      const unit = (offset: number): number => draw.readUInt32BE(offset) / 2 ** 32
      const delayMs = (faults.latencyMs ?? 0) + Math.floor(unit(4) * (faults.latencyJitterMs ?? 0))
      let u = unit(0)
      if ((u -= faults.rateLimited ?? 0) < 0) return { kind: 'rate-limited', delayMs, retryAfter: retryAfter(faults, unit(8), now) }
      if ((u -= faults.serverErrors ?? 0) < 0) return { kind: 'server-error', delayMs, status: SERVER_ERROR_STATUSES[draw.readUInt8(12) % 3] as number }
      if ((u -= faults.dropped ?? 0) < 0) return { kind: 'dropped', delayMs }
      return { kind: 'none', delayMs }
    },
    reset: () => seen.clear()
  }
}

function retryAfter(faults: FaultConfig, u: number, now: () => number): string {
  const seconds = faults.retryAfterSeconds ?? 1
  const format = faults.retryAfterFormat === 'mixed' ? (u < 0.5 ? 'seconds' : 'date') : (faults.retryAfterFormat ?? 'seconds')
  // An HTTP date has whole seconds: rounding up keeps the wait at least `seconds`.
  return format === 'seconds' ? String(seconds) : new Date(Math.ceil(now() / 1000) * 1000 + seconds * 1000).toUTCString()
}
