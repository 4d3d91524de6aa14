/**
 * Matilda's API as mapc defines it (mappings/apis/matilda.schema.json): records of people,
 * users, companies and workspaces upserted on a primary key and, when the values carry it, a
 * secondary key (`PUT /v1/objects/{object}/records`); users link to a person and workspaces to a
 * company by record id; activities one at a time or up to 100 per batch, answered per activity.
 * Errors are `{ error: { code, message } }`.
 */
import { randomUUID } from 'node:crypto'
import { ApiFailure, type ApiDefinition, type HandlerCall } from '../core/api-definition.js'
import { problemText } from '../core/api-schema.js'
import { assignOwn } from '../core/own.js'

interface MatildaRecord {
  id: string
  object: string
  created_at: string
  updated_at: string
  values: Record<string, unknown>
}

interface Activity {
  id: string
  event: string
  occurred_at: string
  received_at: string
  user: { email?: string; external_id?: string }
  workspace?: { external_id: string }
  attributes: Record<string, unknown>
  /** The User and Workspace records the activity was attributed to, when Matilda has them. */
  user_record_id: string | null
  workspace_record_id: string | null
}

export interface MatildaState {
  objects: Record<'people' | 'users' | 'companies' | 'workspaces', MatildaRecord[]>
  activities: Activity[]
}

/** Attributes that link a record to another object's record, by id. */
const LINKS: Readonly<Record<string, Readonly<Record<string, keyof MatildaState['objects']>>>> = {
  users: { person_id: 'people' },
  workspaces: { company_id: 'companies' }
}

interface UpsertBody {
  match: { primary: string; secondary?: string }
  values: Record<string, unknown>
}

type ActivityBody = Omit<Activity, 'id' | 'received_at' | 'user_record_id' | 'workspace_record_id' | 'attributes'> & { attributes?: Record<string, unknown> }

export function matildaApi(): ApiDefinition<MatildaState> {
  return {
    name: 'matilda',
    credentialName: 'API key',
    credentialOf: (request) => request.headers['x-api-key'],
    errorBody: (_status, message, kind) => ({ error: { code: kind ?? 'invalid_request', message } }),
    createState: () => ({ objects: { people: [], users: [], companies: [], workspaces: [] }, activities: [] }),
    itemized: { createActivities: ['body', 'activities'] },
    handlers: {
      me: () => ({ status: 200, body: { data: { id: 'ws_emulator', name: 'Matilda emulator' } } }),
      upsertRecord: (call) => {
        const object = call.params['object'] as keyof MatildaState['objects']
        const { record, created } = upsert(call, object, call.request.body as UpsertBody)
        return { status: created ? 201 : 200, body: { data: { id: record.id, object, created } } }
      },
      createActivity: (call) => ({ status: 201, body: { data: { id: store(call, call.request.body as ActivityBody).id } } }),
      createActivities: (call) => {
        const { activities } = call.request.body as { activities: ActivityBody[] }
        const results = activities.map((activity, index) => {
          const problems = call.itemProblems.get(index)
          if (problems) return { status: 400, message: problemText(problems) }
          return { status: 201, id: store(call, activity).id }
        })
        return { status: 207, body: { results } }
      }
    },
    view: (state) => ({ objects: state.objects, activities: state.activities })
  }
}

function upsert(call: HandlerCall<MatildaState>, object: keyof MatildaState['objects'], body: UpsertBody): { record: MatildaRecord; created: boolean } {
  const records = call.state.objects[object]
  const { primary, secondary } = body.match
  const key = body.values[primary]
  if (!isKey(key)) throw new ApiFailure(400, `values.${primary} must be given: it is the primary key`, 'invalid_request')
  for (const [attribute, target] of Object.entries(LINKS[object] ?? {})) {
    const id = body.values[attribute]
    if (id !== undefined && id !== null && !call.state.objects[target].some((r) => r.id === id)) {
      throw new ApiFailure(422, `values.${attribute}: no ${target} record has the id ${JSON.stringify(id)}`, 'invalid_reference')
    }
  }
  const candidates = records.filter((r) => sameKey(r.values[primary], key))
  const second = secondary === undefined ? undefined : body.values[secondary]
  let record: MatildaRecord | undefined
  if (secondary !== undefined && isKey(second)) {
    // The record with both keys; else one that shares the primary key and has no secondary yet.
    record = candidates.find((r) => sameKey(r.values[secondary], second)) ?? candidates.find((r) => r.values[secondary] === undefined)
  } else if (candidates.length > 1) {
    throw new ApiFailure(409, `${candidates.length} ${object} records have ${primary} ${JSON.stringify(key)}: give the secondary key to choose one`, 'ambiguous_match')
  } else {
    record = candidates[0]
  }
  const at = call.now().toISOString()
  const created = record === undefined
  if (!record) {
    record = { id: randomUUID(), object, created_at: at, updated_at: at, values: {} }
    records.push(record)
  }
  assignOwn(record.values, body.values)
  record.updated_at = at
  call.writes.record(object, record.id, body.values)
  return { record, created }
}

function store(call: HandlerCall<MatildaState>, body: ActivityBody): Activity {
  const { users, workspaces } = call.state.objects
  const user =
    (body.user.external_id !== undefined ? users.find((u) => u.values['external_id'] === body.user.external_id) : undefined) ??
    (body.user.email !== undefined ? users.find((u) => sameKey(u.values['email'], body.user.email)) : undefined)
  const workspace = body.workspace ? workspaces.find((w) => w.values['external_id'] === body.workspace?.external_id) : undefined
  const activity: Activity = {
    id: randomUUID(),
    event: body.event,
    occurred_at: body.occurred_at,
    received_at: call.now().toISOString(),
    user: body.user,
    ...(body.workspace ? { workspace: body.workspace } : {}),
    attributes: assignOwn({}, body.attributes),
    user_record_id: user?.id ?? null,
    workspace_record_id: workspace?.id ?? null
  }
  call.state.activities.push(activity)
  call.writes.record('activities', activity.id, body.attributes)
  return activity
}

function isKey(value: unknown): value is string | number {
  return (typeof value === 'string' && value !== '') || typeof value === 'number'
}

/** Keys are emails, domains and ids: compared as text, without case. */
function sameKey(a: unknown, b: unknown): boolean {
  return isKey(a) && isKey(b) && String(a).toLowerCase() === String(b).toLowerCase()
}
