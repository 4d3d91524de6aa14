/**
 * Attio's REST API as mappings/attio.map uses it: asserting one record
 * (`PUT /v2/objects/{object}/records/simple`), asserting many (`PUT /v2/batch/records`, applied
 * in order, nested assertions linked, invalid ones dropped as Attio drops them), and the token
 * check. Errors have Attio's shape: `{ status_code, type, code: "error", message }`.
 */
import { ApiFailure, type ApiDefinition, type HandlerCall } from '../core/api-definition.js'
import { setOwn } from '../core/own.js'
import { assertRecord, createAttioState, resolvePending, type AttioRecord, type AttioState, type Reference } from './records.js'

/** The core's kinds of error as Attio's `type`s (as recorded in the conformance cases). */
const ERROR_TYPES: Readonly<Record<string, string>> = {
  unauthorized: 'auth_error',
  invalid_request: 'validation_type',
  not_found: 'invalid_request_error',
  rate_limited: 'rate_limit_error',
  server_error: 'internal_server_error',
  not_implemented: 'invalid_request_error'
}

export interface AttioOptions {
  /** Objects besides people, companies, users and workspaces, matched on any attribute. Default `deals`. */
  customObjects?: readonly string[]
}

export function attioApi(options: AttioOptions = {}): ApiDefinition<AttioState> {
  return {
    name: 'attio',
    credentialName: 'access token',
    credentialOf: (request) => /^Bearer (.+)$/.exec(request.headers['authorization'] ?? '')?.[1],
    errorBody: (status, message, kind) => ({ status_code: status, type: ERROR_TYPES[kind ?? ''] ?? kind ?? 'invalid_request_error', code: 'error', message }),
    createState: () => createAttioState(options.customObjects ?? ['deals']),
    handlers: {
      testToken: () => ({ status: 200, body: { active: true, scope: 'record_permission:read-write object_configuration:read' } }),
      assertRecord: (call) => {
        const body = call.request.body as { data: { values: Record<string, unknown> } }
        const { record } = assertRecord(context(call), {
          object: call.params['object'] as string,
          matchingAttribute: call.request.query['matching_attribute'] as string,
          values: body.data.values,
          appendMultiselect: call.request.query['append_to_existing_values'] === 'true'
        })
        return { status: 200, body: { data: recordView(call.state, record) } }
      },
      batchAssert: (call) => {
        const body = call.request.body as { assertions: { object: string; matching_attribute: string; values: Record<string, unknown>; multiselect_values?: string }[] }
        body.assertions.forEach((a, index) => {
          try {
            assertRecord(context(call), {
              object: a.object,
              matchingAttribute: a.matching_attribute,
              values: a.values,
              appendMultiselect: a.multiselect_values !== 'overwrite'
            })
          } catch (error) {
            if (!(error instanceof ApiFailure)) throw error
            call.state.dropped.push({ assertion: index, object: a.object, reason: error.message })
          }
        })
        return { status: 200, body: {} }
      }
    },
    view: (state) => ({
      objects: Object.fromEntries([...state.objects].map(([slug, object]) => [slug, object.records.map((r) => recordView(state, r))])),
      dropped: state.dropped
    })
  }
}

function context(call: HandlerCall<AttioState>) {
  return { state: call.state, writes: call.writes, now: call.now }
}

/** A record as Attio answers with it, references resolved as far as they can be now. */
function recordView(state: AttioState, record: AttioRecord): { id: AttioRecord['id']; created_at: string; values: Record<string, unknown> } {
  const values: Record<string, unknown> = {}
  for (const [attribute, value] of Object.entries(record.values)) {
    const shown = Array.isArray(value) ? value.map((v) => show(state, v)) : show(state, value)
    setOwn(values, attribute, shown)
  }
  return { id: { ...record.id }, created_at: record.created_at, values }
}

function show(state: AttioState, value: unknown): unknown {
  return value !== null && typeof value === 'object' && 'target_object' in value ? resolvePending(state, value as Reference) : value
}
