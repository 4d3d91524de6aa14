/**
 * Segment's HTTP Tracking API, as a pure function of one request: which call it is, whether the
 * write key is right, whether it fits Segment's size limits, and the events it carries, each
 * completed as Segment completes it on receipt (`type` from the path, `messageId` when the
 * client sent none, `receivedAt`, `sentAt`, and `timestamp` corrected for the client's clock
 * skew). The HTTP server (ingest-server.ts) only reads bodies and writes answers.
 */
import { randomUUID, timingSafeEqual } from 'node:crypto'

/** Segment's limits: 32 KB per call or event, 500 KB per batch. */
export const MAX_EVENT_BYTES = 32 * 1024
export const MAX_BATCH_BYTES = 500 * 1024

export const SINGLE_CALLS = ['identify', 'track', 'page', 'screen', 'group', 'alias'] as const
export type SingleCall = (typeof SINGLE_CALLS)[number]

export type TrackingEvent = Record<string, unknown> & { type: string; messageId: string; receivedAt: string }

export type ParsedCall =
  | { ok: true; events: TrackingEvent[] }
  | { ok: false; status: 400 | 401 | 404 | 405 | 413; message: string }

/** The call a path names (`/v1/track`), `batch`, or undefined. `/v1/import` is Segment's other name for batch. */
export function callOf(path: string): SingleCall | 'batch' | undefined {
  const match = /^\/v1\/([a-z]+)\/?$/.exec(path)
  const name = match?.[1]
  if (name === 'batch' || name === 'import') return 'batch'
  return (SINGLE_CALLS as readonly string[]).includes(name ?? '') ? (name as SingleCall) : undefined
}

/** The largest body a call may have; the server stops reading past it. */
export function bodyLimitOf(call: SingleCall | 'batch'): number {
  return call === 'batch' ? MAX_BATCH_BYTES : MAX_EVENT_BYTES
}

/** The write key of an `Authorization: Basic base64(writeKey:)` header, or undefined. */
export function basicUser(header: string | undefined): string | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '')
  if (!match?.[1]) return undefined
  const decoded = Buffer.from(match[1], 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  return colon === -1 ? decoded : decoded.slice(0, colon)
}

/** Constant-time comparison against every accepted key, so the answer's timing tells nothing about a key. */
export function writeKeyAccepted(candidate: string | undefined, accepted: readonly string[]): boolean {
  if (candidate === undefined || candidate === '') return false
  const given = Buffer.from(candidate, 'utf8')
  let ok = false
  for (const key of accepted) {
    const expected = Buffer.from(key, 'utf8')
    if (expected.length === given.length && timingSafeEqual(expected, given)) ok = true
  }
  return ok
}

export interface ParseOptions {
  writeKeys: readonly string[]
  authorization: string | undefined
  now: Date
  /** A fresh messageId for an event without one; random by default. */
  newMessageId?: () => string
}

export function parseCall(call: SingleCall | 'batch', body: Buffer, options: ParseOptions): ParsedCall {
  if (body.length > bodyLimitOf(call)) return { ok: false, status: 400, message: `the request is ${body.length} bytes, more than Segment's limit of ${bodyLimitOf(call)} for ${call === 'batch' ? 'a batch' : 'a call'}` }
  let value: unknown
  try {
    value = JSON.parse(body.toString('utf8'))
  } catch (error) {
    return { ok: false, status: 400, message: `the body is not JSON: ${(error as Error).message}` }
  }
  if (!isObject(value)) return { ok: false, status: 400, message: 'the body must be a JSON object' }
  // The write key is the Basic user; Segment also accepts it in the body.
  const key = basicUser(options.authorization) ?? (typeof value['writeKey'] === 'string' ? value['writeKey'] : undefined)
  if (!writeKeyAccepted(key, options.writeKeys)) return { ok: false, status: 401, message: key === undefined ? 'no write key: send it as the Basic auth user' : 'the write key is not valid' }

  const receivedAt = options.now.toISOString()
  const newMessageId = options.newMessageId ?? (() => `ingest-${randomUUID()}`)
  if (call !== 'batch') {
    const problem = eventProblem(value, call)
    if (problem !== undefined) return { ok: false, status: 400, message: problem }
    return { ok: true, events: [completed({ ...value, type: call }, value['sentAt'], receivedAt, newMessageId)] }
  }
  const items = value['batch']
  if (!Array.isArray(items)) return { ok: false, status: 400, message: 'a batch must have a `batch` array' }
  const events: TrackingEvent[] = []
  for (const [i, item] of items.entries()) {
    if (!isObject(item)) return { ok: false, status: 400, message: `batch[${i}] must be a JSON object` }
    const size = Buffer.byteLength(JSON.stringify(item), 'utf8')
    if (size > MAX_EVENT_BYTES) return { ok: false, status: 400, message: `batch[${i}] is ${size} bytes, more than Segment's limit of ${MAX_EVENT_BYTES} for an event` }
    const type = item['type']
    if (typeof type !== 'string' || !(SINGLE_CALLS as readonly string[]).includes(type)) return { ok: false, status: 400, message: `batch[${i}].type must be one of ${SINGLE_CALLS.join(', ')}` }
    const problem = eventProblem(item, type as SingleCall)
    if (problem !== undefined) return { ok: false, status: 400, message: `batch[${i}]: ${problem}` }
    // The batch's sentAt is when the client sent all of them.
    events.push(completed(item, item['sentAt'] ?? value['sentAt'], receivedAt, newMessageId))
  }
  return { ok: true, events }
}

/** What Segment refuses outright: an event no one can be identified by, a track without a name, an alias without both ids. */
function eventProblem(event: Record<string, unknown>, call: SingleCall): string | undefined {
  const present = (key: string): boolean => {
    const v = event[key]
    return (typeof v === 'string' && v !== '') || typeof v === 'number'
  }
  if (call === 'alias') return present('userId') && present('previousId') ? undefined : 'an alias needs `userId` and `previousId`'
  if (!present('userId') && !present('anonymousId')) return `a ${call} needs \`userId\` or \`anonymousId\``
  if (call === 'track' && !present('event')) return 'a track needs `event`'
  if (call === 'group' && !present('groupId')) return 'a group needs `groupId`'
  return undefined
}

/**
 * The event as Segment stores it: the write key removed (it is a credential), `messageId` kept
 * (a client's retry carries the same one) or made, `receivedAt` now, and `timestamp` moved by the
 * client's clock skew: `receivedAt − (sentAt − originalTimestamp)`; without one, `receivedAt`.
 */
function completed(event: Record<string, unknown>, sentAt: unknown, receivedAt: string, newMessageId: () => string): TrackingEvent {
  const { writeKey: _writeKey, ...rest } = event
  const messageId = typeof rest['messageId'] === 'string' && rest['messageId'] !== '' ? rest['messageId'] : newMessageId()
  const out: Record<string, unknown> = { ...rest, messageId, receivedAt }
  const sent = dateOf(sentAt)
  if (sent !== undefined) out['sentAt'] = sent.toISOString()
  const original = dateOf(rest['timestamp'])
  if (original === undefined) {
    out['timestamp'] = receivedAt
  } else {
    out['originalTimestamp'] = rest['timestamp']
    out['timestamp'] = sent === undefined ? original.toISOString() : new Date(Date.parse(receivedAt) - (sent.getTime() - original.getTime())).toISOString()
  }
  return out as TrackingEvent
}

function dateOf(value: unknown): Date | undefined {
  if (typeof value !== 'string' && !(value instanceof Date)) return undefined
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? undefined : date
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}
