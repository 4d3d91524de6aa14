/**
 * Replaying a conformance case through a destination built with `--target segment`, run by
 * actions-core's own `Destination`: the case's mapping (merged with the fields' default mappings
 * when it says `useDefaultMappings`, as Segment merges them), settings, auth and events go to
 * `executeAction` / `executeBatch`; the network is stubbed at fetch with the case's responses.
 * What actions-core reports is translated into mapc's DeliveryResults, so that the judge mapc's
 * own replay uses can judge it: actions-core's validation error as a PayloadValidationError naming
 * its fields, its HTTPError as mapc's HttpError of the same status, mapc's errors as they are.
 */
import type { ConformanceCase, RecordedRequest } from '../../../src/conformance/case.js'
import type { CompiledAction } from '../../../src/runtime/contract.js'
import type { DeliveryResult } from '../../../src/runtime/delivery/results.js'
import { httpErrorForStatus, InternalError, ItemRejectedError, MapcError, PayloadValidationError } from '../../../src/runtime/errors/index.js'
import { actionsCore, stubFetch, type CoreDestination, type WireRequest } from './actions-core.js'
import { asMapcClass } from './carried-errors.js'

/** actions-core's request client adds this header to every request; the recordings left it out. */
export const ACTIONS_CORE_USER_AGENT = 'Segment (Actions)'

export interface SegmentDefinition {
  actions: Record<string, { fields: Record<string, unknown>; performBatch?: unknown }>
}

export interface SegmentReplay {
  requests: RecordedRequest[]
  results: DeliveryResult[]
}

export function subscriptionMapping(definition: SegmentDefinition, action: string, mapping: Record<string, unknown>, useDefaults: boolean): Record<string, unknown> {
  const fields = definition.actions[action]?.fields
  if (!fields) throw new Error(`the definition has no action ${action}`)
  return useDefaults ? { ...actionsCore.defaultValues(fields), ...mapping } : { ...mapping }
}

export async function replaySegmentCase(c: ConformanceCase, definition: SegmentDefinition, compiled: CompiledAction): Promise<SegmentReplay> {
  const destination = new actionsCore.Destination(definition)
  const mapping = subscriptionMapping(definition, c.action, c.mapping, c.useDefaultMappings)
  const { sent, restore } = stubFetch((_, index) => c.responses[index] ?? { status: 200, body: {} })
  try {
    const results = await run(destination, c, mapping, compiled)
    return { requests: sent.map(recorded), results }
  } finally {
    restore()
  }
}

async function run(destination: CoreDestination, c: ConformanceCase, mapping: Record<string, unknown>, compiled: CompiledAction): Promise<DeliveryResult[]> {
  const bundle = { mapping, settings: c.settings, auth: c.auth ?? undefined }
  const base = { destination: c.destination, action: c.action, subscription: c.id }
  if (!c.batch) {
    try {
      const output = (await destination.executeAction(c.action, { ...bundle, event: c.events[0] })) as { data?: unknown }[]
      const data = output.at(-1)?.data as { skipped?: string; location?: DeliveryResult extends never ? never : { file: string; line: number; column: number } } | undefined
      if (data && typeof data === 'object' && typeof data.skipped === 'string' && data.location) return [{ ...base, status: 'skipped', reason: data.skipped, location: data.location }]
      return [{ ...base, status: 'delivered', requests: 0 }]
    } catch (error) {
      return [{ ...base, status: 'failed', error: asMapcError(error, compiled), requests: 0 }]
    }
  }
  let statuses: { status: number; errortype?: string; errormessage?: string }[]
  try {
    statuses = (await destination.executeBatch(c.action, { ...bundle, events: c.events })) as typeof statuses
  } catch (error) {
    const failure = asMapcError(error, compiled)
    return c.events.map(() => ({ ...base, status: 'failed', error: failure, requests: 0 }))
  }
  return c.events.map((_, index): DeliveryResult => {
    const status = statuses[index]
    if (status === undefined) return { ...base, status: 'failed', error: new InternalError(`actions-core reported nothing for item ${index}`), requests: 0 }
    if (status.status >= 200 && status.status < 300) return { ...base, status: 'delivered', requests: 0 }
    const message = status.errormessage ?? ''
    if (status.errortype === 'PAYLOAD_VALIDATION_FAILED') return { ...base, status: 'failed', error: validationError(message, [], compiled), requests: 0 }
    return { ...base, status: 'failed', error: new ItemRejectedError({ status: status.status, index, reason: message }), requests: 0 }
  })
}

/** What actions-core threw, as the mapc error the judge expects for it. */
export function asMapcError(thrown: unknown, compiled: CompiledAction): MapcError {
  const error = asMapcClass(thrown)
  if (error instanceof MapcError) return error
  if (error instanceof actionsCore.HTTPError) {
    const { response, request } = error
    return httpErrorForStatus({ method: request.method, url: request.url, status: response.status, body: '' })
  }
  if (error instanceof Error && error.name === 'AggregateAjvError') {
    const pointers = ((error as Error & { errors?: { pointer?: string }[] }).errors ?? []).map((e) => e.pointer ?? '')
    return validationError(error.message, pointers, compiled)
  }
  return new InternalError(error instanceof Error ? `${error.name}: ${error.message}` : String(error))
}

/**
 * actions-core's validation message names its fields by JSON pointer (`/email_address`) or,
 * for a missing one, quoted (`the required field 'email_address'`); each becomes an issue.
 */
function validationError(message: string, pointers: readonly string[], compiled: CompiledAction): PayloadValidationError {
  const names = new Set<string>()
  for (const pointer of pointers) {
    const first = pointer.split('/')[1]
    if (first) names.add(first)
  }
  for (const match of message.matchAll(/'([^']+)'/g)) names.add(match[1] as string)
  const issues = [...names].map((name) => {
    const field = compiled.fields.find((f) => f.name === name)
    return { field: name, message, ...(field ? { label: field.label, location: field.loc } : {}) }
  })
  return new PayloadValidationError(issues.length > 0 ? issues : [{ field: '', message }])
}

/** A request as cases record it: the actions-core user agent left out, as the recorder left it out; JSON bodies parsed. */
export function recorded(request: WireRequest): RecordedRequest {
  const headers = { ...request.headers }
  if (headers['user-agent'] === ACTIONS_CORE_USER_AGENT) delete headers['user-agent']
  let body: unknown = request.body ?? null
  if (request.body !== undefined && headers['content-type']?.startsWith('application/json')) {
    try {
      body = JSON.parse(request.body) as unknown
    } catch {
      body = request.body
    }
  }
  return { method: request.method, url: request.url, headers, body }
}
