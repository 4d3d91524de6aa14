/**
 * Running a conformance case against a compiled destination: its settings, auth and mapping
 * (mapping-kit JSON, with Segment's `useDefaultMappings` merge), its events, and each outgoing
 * request answered from the case's recorded responses instead of the network. Each request is
 * attempted once: retrying is the delivery layer's job, and a retry would consume the next
 * recorded response.
 */
import type { CompiledAction, CompiledDestination, SegmentEvent } from '../runtime/contract.js'
import { deliverBatch, deliverOne, type Transport } from '../runtime/delivery/deliver.js'
import type { FieldMapping, FieldResolver } from '../runtime/delivery/payload.js'
import type { DeliveryResult } from '../runtime/delivery/results.js'
import { httpErrorForStatus } from '../runtime/errors/index.js'
import { compileMapping } from '../runtime/mapping-kit/index.js'
import { createRedactor } from '../runtime/redaction/index.js'
import type { ConformanceCase, RecordedRequest } from './case.js'

export interface ReplayOutcome {
  action: CompiledAction
  requests: RecordedRequest[]
  results: DeliveryResult[]
}

/** Headers the cases record; others (user-agent…) are not compared. */
const RECORDED_HEADERS = ['authorization', 'content-type', 'x-schematic-api-key']

export async function replayCase(c: ConformanceCase, destination: CompiledDestination): Promise<ReplayOutcome> {
  const action = destination.actions[c.action]
  if (!action) throw new Error(`${destination.name} has no action ${c.action}`)
  const mapping = caseMapping(c, action)
  const requests: RecordedRequest[] = []
  const secrets = [...Object.values(c.settings), c.auth?.accessToken, c.auth?.refreshToken].filter((v): v is string => typeof v === 'string')
  const redactor = createRedactor(secrets)
  const transport: Transport = async (request, meta) => {
    const recorded: RecordedRequest = {
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(RECORDED_HEADERS.filter((h) => request.headers[h] !== undefined).map((h) => [h, request.headers[h] as string])),
      body: request.body === undefined ? null : (JSON.parse(request.body) as unknown)
    }
    const answer = c.responses[requests.length] ?? { status: 200, body: {} }
    requests.push(recorded)
    const text = JSON.stringify(answer.body)
    if (answer.status < 200 || answer.status > 299) {
      throw httpErrorForStatus({ method: request.method, url: request.url, status: answer.status, body: text }, { redactor, ...(meta.location ? { location: meta.location } : {}) })
    }
    return { status: answer.status, statusText: '', headers: { 'content-type': 'application/json' }, body: answer.body, text }
  }
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
  return { action, requests, results }
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
