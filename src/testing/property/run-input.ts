/**
 * Runs one property input through an action the way production delivers it (deliverOne for a
 * single event, deliverBatch for a batch, default mappings), with a stub transport that records
 * every request and answers it from the API's response schemas.
 */
import type { ActionIR, DestinationIR } from '../../compiler/ir.js'
import type { CompiledAction, CompiledDestination, SegmentEvent } from '../../runtime/contract.js'
import { deliverBatch, deliverOne, type DeliveryTarget, type Transport } from '../../runtime/delivery/deliver.js'
import { defaultMapping } from '../../runtime/delivery/payload.js'
import type { DeliveryResult } from '../../runtime/delivery/results.js'
import { withSettingDefaults } from '../../runtime/settings-defaults.js'
import type { HttpRequest } from '../../runtime/http/index.js'
import type { Redactor } from '../../runtime/redaction/index.js'
import type { PropertyInput } from './property-input.js'
import type { RunMode } from './property-id.js'
import type { ItemResults, StubResponder } from './stub-responses.js'

export interface Exchange {
  request: HttpRequest
  /** The body the stub answered with (always with status 200). */
  response: unknown
}

export interface InputRun {
  exchanges: Exchange[]
  /** One per event, in the events' order. */
  results: DeliveryResult[]
}

/** Where a batch's per-item results are read: the last request of the batch block, at these keys. */
export interface BatchResultsSite {
  endpoint: string
  keys: readonly (string | number)[]
}

export interface RunContext {
  destination: CompiledDestination
  action: string
  mode: RunMode
  responder: StubResponder
  batchResults?: BatchResultsSite
  redactor: Redactor
}

export async function runInput(context: RunContext, input: PropertyInput): Promise<InputRun> {
  const compiled = context.destination.actions[context.action]
  if (!compiled) throw new Error(`${context.destination.name} has no action ${context.action}`)
  const exchanges: Exchange[] = []
  // deliverBatch splits a batch into requests itself; the stub learns each one's size from the
  // batch call, so that its per-item results have one entry per item.
  let itemsInFlight: number | undefined
  const transport: Transport = async (request) => {
    const seed = (input.responseSeed + Math.imul(exchanges.length, 0x9e3779b1)) | 0
    const response = context.responder.respond(request, seed, itemResultsFor(context, request, itemsInFlight))
    exchanges.push({ request, response })
    return { status: 200, statusText: 'OK', headers: { 'content-type': 'application/json' }, body: response, text: JSON.stringify(response) ?? '' }
  }
  const action = announcingBatchSize(compiled, (count) => {
    itemsInFlight = count
  })
  const target: DeliveryTarget = {
    destination: context.destination,
    action,
    subscription: `mapc test ${context.action}`,
    mapping: defaultMapping,
    ctx: { settings: withSettingDefaults(context.destination.settings, input.settings), auth: input.auth },
    transport,
    redactor: context.redactor
  }
  const results =
    context.mode === 'single'
      ? [await deliverOne(target, input.events[0] as SegmentEvent)]
      : await deliverBatch(target, input.events, batchSizeOf(compiled))
  return { exchanges, results }
}

function itemResultsFor(context: RunContext, request: HttpRequest, count: number | undefined): ItemResults | undefined {
  const site = context.batchResults
  if (!site || count === undefined || context.responder.endpointOf(request) !== site.endpoint) return undefined
  return { keys: site.keys, count }
}

/** The action, with a batch perform that first reports how many items it sends. */
function announcingBatchSize(action: CompiledAction, announce: (count: number) => void): CompiledAction {
  const batch = action.batch
  if (!batch) return action
  return {
    ...action,
    batch: {
      ...batch,
      perform(items, ctx) {
        announce(items.length)
        return batch.perform(items, ctx)
      }
    }
  }
}

/** The most items in one request: the declared size, or the size field's default. */
function batchSizeOf(action: CompiledAction): number {
  const size = action.batch?.size
  if (!size) return Infinity
  return size.kind === 'literal' ? size.value : size.fallback
}

/**
 * Where the batch block's `results` expression reads its per-item outcomes: `response.results`
 * → the keys `['results']` of the response to the block's last request. Undefined when the
 * block has no `results`, or reads them some other way (its responses then go unnarrowed).
 */
export function batchResultsSite(ir: DestinationIR, action: ActionIR): BatchResultsSite | undefined {
  const batch = action.batch
  const last = batch?.steps[batch.steps.length - 1]
  if (!batch?.results || !last) return undefined
  const keys: (string | number)[] = []
  let expr = batch.results
  while (expr.kind === 'member') {
    keys.unshift(expr.key)
    expr = expr.object
  }
  if (expr.kind !== 'ref' || expr.target !== 'response') return undefined
  const request = last.kind === 'send' ? last.request : ir.upserts.find((u) => u.name === last.upsert)?.request
  const endpoint = request?.endpoint
  return endpoint === undefined ? undefined : { endpoint, keys }
}
