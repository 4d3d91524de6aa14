/**
 * Schematic's capture API as mappings/schematic.map uses it: `POST /e` takes one identify or
 * track event (the API key in the bearer header and in the body), and `GET /environments`
 * checks the key. Every event is stored; an identify also creates or updates the company and
 * the user its keys name (a record matches when it shares any key-value pair), and links the
 * user to the company. Errors are `{ error: "…" }`.
 */
import { randomUUID } from 'node:crypto'
import type { ApiDefinition } from '../core/api-definition.js'
import { assignOwn } from '../core/own.js'
import type { WriteLog } from '../core/write-log.js'

type Keys = Record<string, unknown>

interface Profile {
  id: string
  keys: Keys
  name?: string
  traits: Record<string, unknown>
  /** Users only: the company of the user's latest identify. */
  company_id?: string
  created_at: string
  updated_at: string
}

interface StoredEvent {
  id: string
  type: 'identify' | 'track'
  /** Track only: the (snake_cased) event name as sent. */
  event?: string
  sent_at: string
  received_at: string
  body: Record<string, unknown>
  user_id?: string
  company_id?: string
}

export interface SchematicState {
  events: StoredEvent[]
  users: Profile[]
  companies: Profile[]
}

interface CaptureBody {
  api_key: string
  type: 'identify' | 'track'
  sent_at: string
  body: {
    keys?: Keys
    name?: string
    traits?: Record<string, unknown>
    company?: { keys: Keys; name?: string; traits?: Record<string, unknown> } | Keys
    user?: Keys
    event?: string
  }
}

export function schematicApi(): ApiDefinition<SchematicState> {
  return {
    name: 'schematic',
    credentialName: 'api key',
    credentialOf: (request, endpoint) => {
      if (endpoint.id === 'testEnvironments') return request.headers['x-schematic-api-key']
      const bearer = /^Bearer (.+)$/.exec(request.headers['authorization'] ?? '')?.[1]
      const inBody = (request.body as { api_key?: unknown } | undefined)?.api_key
      // Both must be there and agree; a mismatch is as wrong as a missing key.
      return bearer !== undefined && bearer === inBody ? bearer : undefined
    },
    errorBody: (_status, message) => ({ error: message }),
    createState: () => ({ events: [], users: [], companies: [] }),
    handlers: {
      testEnvironments: () => ({ status: 200, body: { data: [{ id: 'env_emulator', name: 'Emulator' }] } }),
      capture: ({ request, state, writes, now }) => {
        const capture = request.body as CaptureBody
        const at = now().toISOString()
        const event: StoredEvent = { id: randomUUID(), type: capture.type, sent_at: capture.sent_at, received_at: at, body: capture.body }
        if (capture.type === 'identify') {
          const company = capture.body.company as { keys: Keys; name?: string; traits?: Record<string, unknown> } | undefined
          const companyProfile = company && Object.keys(company.keys).length > 0 ? upsert(state.companies, company.keys, company.name, company.traits, at, writes, 'companies') : undefined
          const keys = capture.body.keys ?? {}
          // Keys that name nobody (`{}`: an identify without a userId) store the event and touch no user.
          const user = Object.keys(keys).length > 0 ? upsert(state.users, keys, capture.body.name, capture.body.traits, at, writes, 'users') : undefined
          if (user && companyProfile) user.company_id = companyProfile.id
          if (user) event.user_id = user.id
          if (companyProfile) event.company_id = companyProfile.id
        } else {
          event.event = capture.body.event as string
          const user = capture.body.user ? find(state.users, capture.body.user) : undefined
          const company = capture.body.company ? find(state.companies, capture.body.company as Keys) : undefined
          if (user) event.user_id = user.id
          if (company) event.company_id = company.id
        }
        state.events.push(event)
        writes.record('events', event.id, capture.body.traits)
        return { status: 200, body: { ok: true } }
      }
    },
    view: (state) => ({ events: state.events, users: state.users, companies: state.companies })
  }
}

/** Keys are compared as text: `{ organization_id: 123 }` and `{ organization_id: "123" }` are one company. */
function find(profiles: readonly Profile[], keys: Keys): Profile | undefined {
  const pairs = Object.entries(keys).filter(([, v]) => v !== null && v !== undefined)
  return profiles.find((p) => pairs.some(([k, v]) => p.keys[k] !== undefined && String(p.keys[k]) === String(v)))
}

function upsert(profiles: Profile[], keys: Keys, name: string | undefined, traits: Record<string, unknown> | undefined, at: string, writes: WriteLog, object: string): Profile {
  let profile = find(profiles, keys)
  if (!profile) {
    profile = { id: randomUUID(), keys: {}, traits: {}, created_at: at, updated_at: at }
    profiles.push(profile)
  }
  assignOwn(profile.keys, keys)
  if (name !== undefined) profile.name = name
  assignOwn(profile.traits, traits)
  profile.updated_at = at
  writes.record(object, profile.id, traits)
  return profile
}
