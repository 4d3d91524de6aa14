/**
 * Running a conformance case against a compiled destination: its settings, auth and mapping
 * (mapping-kit JSON, with Segment's `useDefaultMappings` merge), its events, and each outgoing
 * request answered from the case's recorded responses instead of the network. Each request is
 * attempted once: retrying is the delivery layer's job, and a retry would consume the next
 * recorded response.
 */
import type { CompiledAction, CompiledDestination, SegmentEvent } from '../runtime/contract.js'
import { deliverBatch, deliverOne } from '../runtime/delivery/deliver.js'
import type { FieldMapping, FieldResolver } from '../runtime/delivery/payload.js'
import type { DeliveryResult } from '../runtime/delivery/results.js'
import { compileMapping } from '../configuration/mapping-kit/index.js'
import { createRedactor } from '../runtime/redaction/index.js'
import type { ConformanceCase, RecordedRequest } from './case.js'
import { answersInOrder, scriptedTransport, type SentRequest } from './scripted-transport.js'

export interface ReplayOutcome {
  action: CompiledAction
  requests: RecordedRequest[]
  results: DeliveryResult[]
}

export async function replayCase(c: ConformanceCase, destination: CompiledDestination): Promise<ReplayOutcome> {
  const action = destination.actions[c.action]
  if (!action) throw new Error(`${destination.name} has no action ${c.action}`)
  const mapping = caseMapping(c, action)
  const secrets = [...Object.values(c.settings), c.auth?.accessToken, c.auth?.refreshToken].filter((v): v is string => typeof v === 'string')
  const redactor = createRedactor(secrets)
  const { transport, sent } = scriptedTransport(answersInOrder(c.responses), redactor)
  const target = {
    destination,
    action,
    subscription: c.id,
    mapping,
    ctx: { settings: c.settings, auth: c.auth ?? {} },
    transport,
    redactor
  }
  const events = c.events as SegmentEvent[]
  const results = c.batch ? await deliverBatch(target, events, Number.MAX_SAFE_INTEGER) : [await deliverOne(target, events[0] as SegmentEvent)]
  return { action, requests: sent.map(recordedRequest), results }
}

/**
 * A request as cases record it, every header included: the transport sees only the headers the
 * `.map` declares and the content type, none of which the recordings leave out, so a header
 * mapc adds or drops is a difference. A JSON body is compared parsed; any other body as its text.
 */
export function recordedRequest(request: SentRequest): RecordedRequest {
  return { method: request.method, url: request.url, headers: request.headers, body: bodyOf(request) }
}

function bodyOf(request: SentRequest): unknown {
  if (request.body === undefined) return null
  if (!request.headers['content-type']?.startsWith('application/json')) return request.body
  try {
    return JSON.parse(request.body) as unknown
  } catch {
    return request.body
  }
}

/** The case's mapping-kit mapping, one resolver per field it names. */
export function caseMapping(c: ConformanceCase, action: CompiledAction): FieldMapping {
  const overrides = new Map<string, FieldResolver>()
  const fieldNames = new Set(action.fields.map((f) => f.name))
  for (const [field, value] of Object.entries(c.mapping)) {
    if (!fieldNames.has(field)) throw new Error(`the mapping names ${JSON.stringify(field)}, which is not a field of ${c.action}`)
    const resolve = compileMapping(value, field)
    overrides.set(field, (event) => resolve(event))
  }
  return { overrides, useDefaults: c.useDefaultMappings }
}
