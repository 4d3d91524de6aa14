/**
 * Running an action: one event (`deliverOne`) or a batch of events (`deliverBatch`), with
 * whatever transport the caller gives — the retrying HTTP client in production, recorded
 * responses in a conformance replay, a recording stub in `mapc test`.
 *
 * Neither function rejects: whatever goes wrong with an event (a mapping that throws on its
 * data, an invalid payload, an HTTP error, a bug) becomes that event's failed result.
 */
import type { ActionContext, CompiledAction, CompiledDestination, ItemReport, Payload, SegmentEvent, ValueContext } from '../contract.js'
import { InternalError, ItemRejectedError, MapcError } from '../errors/index.js'
import type { HttpRequest, HttpResponse, RequestMeta } from '../http/index.js'
import type { Redactor } from '../redaction/index.js'
import { toHttpRequest } from './http-request.js'
import { preparePayload, type FieldMapping, type PayloadOutcome } from './payload.js'
import { messageIdOf, type DeliveryResult } from './results.js'

export type Transport = (request: HttpRequest, meta: RequestMeta) => Promise<HttpResponse>

export interface DeliveryTarget {
  destination: CompiledDestination
  /** The destination instance's name in results; the destination's own name by default. */
  instance?: string
  action: CompiledAction
  subscription: string
  mapping: FieldMapping
  ctx: ValueContext
  transport: Transport
  redactor: Redactor
  /**
   * The auth headers, when the caller computes them once for every request of the target (the
   * runtime does: an instance's settings and auth are read once, at start, as its secrets are).
   * Without it they are computed from `ctx` for each event or batch.
   */
  authHeaders?: () => Readonly<Record<string, unknown>>
}

/** Wraps anything a transport or a compiled module throws that is not already one of ours. */
export function asMapcError(error: unknown, redactor: Redactor): MapcError {
  if (error instanceof MapcError) return error
  const message = error instanceof Error ? error.message : String(error)
  return new InternalError(message, { redactor })
}

function actionContext(target: DeliveryTarget, counter: { requests: number }): ActionContext {
  const headers = target.authHeaders !== undefined ? target.authHeaders() : target.destination.authHeaders(target.ctx)
  return {
    settings: target.ctx.settings,
    auth: target.ctx.auth,
    async send(spec) {
      // Built before it is counted: a request that cannot even be built was never sent.
      const request = toHttpRequest(spec, headers, target.redactor)
      counter.requests++
      const response = await target.transport(request, { location: spec.loc })
      return { status: response.status, body: response.body }
    }
  }
}

type ResultBase = { destination: string; action: string; subscription: string; messageId?: string }

/** Who the result is about; the caller adds the status and the rest to this object (one allocation per result). */
function base(target: DeliveryTarget, event: SegmentEvent): ResultBase {
  const out: ResultBase = { destination: target.instance ?? target.destination.name, action: target.action.name, subscription: target.subscription }
  const messageId = messageIdOf(event)
  if (messageId !== undefined) out.messageId = messageId
  return out
}

function deliveredResult(target: DeliveryTarget, event: SegmentEvent, requests: number): DeliveryResult {
  const out = base(target, event) as ResultBase & { status: 'delivered'; requests: number }
  out.status = 'delivered'
  out.requests = requests
  return out
}

/** The result of an event that failed with `error` after `requests` requests. */
export function failedResult(target: DeliveryTarget, event: SegmentEvent, error: MapcError, requests: number): DeliveryResult {
  const out = base(target, event) as ResultBase & { status: 'failed'; error: MapcError; requests: number }
  out.status = 'failed'
  out.error = error
  out.requests = requests
  return out
}

type Prepared = PayloadOutcome | { kind: 'failed'; error: MapcError }

/** A mapping may throw on an event's data (mapping-kit's `@json` on text that is not JSON): that event fails, nothing else. */
function prepare(target: DeliveryTarget, event: SegmentEvent, mode: 'single' | 'batch'): Prepared {
  try {
    return preparePayload(target.action, event, target.mapping, target.ctx, mode, target.redactor)
  } catch (error) {
    return { kind: 'failed', error: asMapcError(error, target.redactor) }
  }
}

/** The result of an event whose payload is not ready to send. */
function unsent(target: DeliveryTarget, event: SegmentEvent, prepared: Exclude<Prepared, { kind: 'ready' }>): DeliveryResult {
  if (prepared.kind === 'skip') return { ...base(target, event), status: 'skipped', reason: prepared.reason, location: prepared.location }
  return failedResult(target, event, prepared.error, 0)
}

/** An item the API reported on: delivered on a 2xx, failed with the API's status and message otherwise. */
function reportedResult(target: DeliveryTarget, event: SegmentEvent, report: ItemReport | undefined, index: number, requests: number): DeliveryResult {
  if (report === undefined || (report.status >= 200 && report.status < 300)) return deliveredResult(target, event, requests)
  const batch = target.action.batch
  const error = new ItemRejectedError(
    { status: report.status, index, ...(report.message !== undefined ? { reason: report.message } : {}), ...(report.unattributed ? { unattributed: true } : {}) },
    { redactor: target.redactor, ...(batch ? { location: batch.loc } : {}) }
  )
  return failedResult(target, event, error, requests)
}

export async function deliverOne(target: DeliveryTarget, event: SegmentEvent): Promise<DeliveryResult> {
  const prepared = prepare(target, event, 'single')
  if (prepared.kind !== 'ready') return unsent(target, event, prepared)
  const counter = { requests: 0 }
  const { perform, batch } = target.action
  try {
    if (perform) {
      await perform(prepared.payload, actionContext(target, counter))
      return deliveredResult(target, event, counter.requests)
    }
    // An action with a batch block only: the event is a batch of one, and the API's report on it is its outcome.
    const reports = batch ? await batch.perform([prepared.payload], actionContext(target, counter)) : undefined
    return reportedResult(target, event, reports?.[0], 0, counter.requests)
  } catch (error) {
    return failedResult(target, event, asMapcError(error, target.redactor), counter.requests)
  }
}

/** `Infinity` means one request for all; a size below 1 (or NaN) is read as 1 rather than looping forever. */
function chunkSize(maxSize: number, count: number): number {
  if (Number.isNaN(maxSize) || maxSize < 1) return 1
  return Math.min(Math.floor(maxSize), Math.max(1, count))
}

/**
 * A batch: each event is prepared on its own (an invalid one fails alone, with its reason), the
 * valid payloads go out in requests of at most `maxSize`, and the outcome of each request — or
 * of each item, when the API reports per item — maps back to its events. One result per event,
 * in the events' order.
 */
export async function deliverBatch(target: DeliveryTarget, events: readonly SegmentEvent[], maxSize: number): Promise<DeliveryResult[]> {
  const batch = target.action.batch
  if (!batch) return Promise.all(events.map((e) => deliverOne(target, e)))
  const results: (DeliveryResult | undefined)[] = new Array(events.length)
  // The ready payloads and, at the same index, their events' indexes: no object per event, and
  // when the batch goes out in one request, `payloads` is the array the action gets.
  const payloads: Payload[] = []
  const indexes: number[] = []
  for (let index = 0; index < events.length; index++) {
    const event = events[index] as SegmentEvent
    const prepared = prepare(target, event, 'batch')
    if (prepared.kind === 'ready') {
      payloads.push(prepared.payload)
      indexes.push(index)
    } else results[index] = unsent(target, event, prepared)
  }
  const size = chunkSize(maxSize, payloads.length)
  for (let start = 0; start < payloads.length; start += size) {
    const chunk = payloads.length <= size ? payloads : payloads.slice(start, start + size)
    // Counted before the action runs: it gets the array and may change it, and every event needs its result.
    const count = chunk.length
    const counter = { requests: 0 }
    try {
      const reports = await batch.perform(chunk, actionContext(target, counter))
      for (let i = 0; i < count; i++) {
        const index = indexes[start + i] as number
        results[index] = reportedResult(target, events[index] as SegmentEvent, reports?.[i], i, counter.requests)
      }
    } catch (error) {
      const failure = asMapcError(error, target.redactor)
      for (let i = 0; i < count; i++) {
        const index = indexes[start + i] as number
        results[index] = failedResult(target, events[index] as SegmentEvent, failure, counter.requests)
      }
    }
  }
  return results as DeliveryResult[]
}
