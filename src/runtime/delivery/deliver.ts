/**
 * Running an action: one event (`deliverOne`) or a batch of events (`deliverBatch`), with
 * whatever transport the caller gives — the retrying HTTP client in production, recorded
 * responses in a conformance replay, a recording stub in `mapc test`.
 */
import type { ActionContext, CompiledAction, CompiledDestination, Payload, SegmentEvent, ValueContext } from '../contract.js'
import { InternalError, ItemRejectedError, MapcError } from '../errors/index.js'
import type { HttpRequest, HttpResponse, RequestMeta } from '../http/index.js'
import type { Redactor } from '../redaction/index.js'
import { toHttpRequest } from './http-request.js'
import { preparePayload, type FieldMapping } from './payload.js'
import type { DeliveryResult } from './results.js'

export type Transport = (request: HttpRequest, meta: RequestMeta) => Promise<HttpResponse>

export interface DeliveryTarget {
  destination: CompiledDestination
  action: CompiledAction
  subscription: string
  mapping: FieldMapping
  ctx: ValueContext
  transport: Transport
  redactor: Redactor
}

/** Wraps anything a transport or a compiled module throws that is not already one of ours. */
export function asMapcError(error: unknown, redactor: Redactor): MapcError {
  if (error instanceof MapcError) return error
  const message = error instanceof Error ? error.message : String(error)
  return new InternalError(message, { redactor })
}

function actionContext(target: DeliveryTarget, counter: { requests: number }): ActionContext {
  const headers = target.destination.authHeaders(target.ctx)
  return {
    settings: target.ctx.settings,
    auth: target.ctx.auth,
    async send(spec) {
      counter.requests++
      const response = await target.transport(toHttpRequest(spec, headers), { location: spec.loc })
      return { status: response.status, body: response.body }
    }
  }
}

function base(target: DeliveryTarget, event: SegmentEvent): { destination: string; action: string; subscription: string; messageId?: string } {
  const out: { destination: string; action: string; subscription: string; messageId?: string } = {
    destination: target.destination.name,
    action: target.action.name,
    subscription: target.subscription
  }
  if (typeof event.messageId === 'string') out.messageId = event.messageId
  return out
}

export async function deliverOne(target: DeliveryTarget, event: SegmentEvent): Promise<DeliveryResult> {
  const prepared = preparePayload(target.action, event, target.mapping, target.ctx, 'single', target.redactor)
  if (prepared.kind === 'invalid') return { ...base(target, event), status: 'failed', error: prepared.error, requests: 0 }
  if (prepared.kind === 'skip') return { ...base(target, event), status: 'skipped', reason: prepared.reason, location: prepared.location }
  const counter = { requests: 0 }
  const perform = target.action.perform
  try {
    if (perform) await perform(prepared.payload, actionContext(target, counter))
    else if (target.action.batch) await target.action.batch.perform([prepared.payload], actionContext(target, counter))
    return { ...base(target, event), status: 'delivered', requests: counter.requests }
  } catch (error) {
    return { ...base(target, event), status: 'failed', error: asMapcError(error, target.redactor), requests: counter.requests }
  }
}

/**
 * A batch: each event is prepared on its own (an invalid one fails alone, with its reason), the
 * valid payloads go out in requests of at most `maxSize`, and the outcome of each request — or
 * of each item, when the API reports per item — maps back to its events.
 */
export async function deliverBatch(target: DeliveryTarget, events: readonly SegmentEvent[], maxSize: number): Promise<DeliveryResult[]> {
  const batch = target.action.batch
  if (!batch) return Promise.all(events.map((e) => deliverOne(target, e)))
  const results: (DeliveryResult | undefined)[] = events.map(() => undefined)
  const ready: { index: number; payload: Payload }[] = []
  events.forEach((event, index) => {
    const prepared = preparePayload(target.action, event, target.mapping, target.ctx, 'batch', target.redactor)
    if (prepared.kind === 'invalid') results[index] = { ...base(target, event), status: 'failed', error: prepared.error, requests: 0 }
    else if (prepared.kind === 'skip') results[index] = { ...base(target, event), status: 'skipped', reason: prepared.reason, location: prepared.location }
    else ready.push({ index, payload: prepared.payload })
  })
  const size = Math.max(1, Math.floor(maxSize))
  for (let start = 0; start < ready.length; start += size) {
    const chunk = ready.slice(start, start + size)
    const counter = { requests: 0 }
    try {
      const reports = await batch.perform(
        chunk.map((c) => c.payload),
        actionContext(target, counter)
      )
      chunk.forEach((item, i) => {
        const event = events[item.index] as SegmentEvent
        const report = reports?.[i]
        if (!report || (report.status >= 200 && report.status < 300)) {
          results[item.index] = { ...base(target, event), status: 'delivered', requests: counter.requests }
          return
        }
        const error = new ItemRejectedError(
          { status: report.status, index: i, ...(report.message !== undefined ? { reason: report.message } : {}) },
          { location: batch.loc, redactor: target.redactor }
        )
        results[item.index] = { ...base(target, event), status: 'failed', error, requests: counter.requests }
      })
    } catch (error) {
      const failure = asMapcError(error, target.redactor)
      for (const item of chunk) {
        results[item.index] = { ...base(target, events[item.index] as SegmentEvent), status: 'failed', error: failure, requests: counter.requests }
      }
    }
  }
  return results as DeliveryResult[]
}
