/**
 * Matilda written as an `@segment/actions-core` destination definition: the same actions,
 * fields and requests as mappings/matilda.map. `origin` replaces Matilda's API host. (The
 * `.map`'s Engage default for user attributes is left out: the bench's events carry no
 * audience, for which both send `{}`.)
 */
import { firstOf, type DestinationDefinition, type Directive, type RequestClient } from './types.js'

interface Identify {
  email: string
  user_id: string
  user_attributes?: Record<string, unknown>
  person_attributes?: Record<string, unknown>
}
interface Group {
  domain?: string
  workspace_id?: string
  company_attributes?: Record<string, unknown>
  workspace_attributes?: Record<string, unknown>
}
interface Track {
  event_name: string
  timestamp: string
  email?: string
  user_id?: string
  workspace_id?: string
  attributes?: Record<string, unknown>
}

class Rejected extends Error {}

const firstOfThree = (a: string, b: string, c: string): Directive => ({ '@if': { exists: { '@path': a }, then: { '@path': a }, else: firstOf(b, c) } })

function activity(t: Track): Record<string, unknown> {
  return {
    event: t.event_name,
    occurred_at: new Date(t.timestamp).toISOString(),
    user: { email: t.email, external_id: t.user_id },
    workspace: t.workspace_id === undefined ? undefined : { external_id: t.workspace_id },
    attributes: t.attributes
  }
}

function checkTrack(t: Track): void {
  if (t.event_name === '') throw new Rejected('event_name is empty')
  if (t.user_id === undefined && t.email === undefined) throw new Rejected('user_id or an email address is needed')
}

export function matildaDefinition(origin = 'https://api.matilda.io'): DestinationDefinition {
  const upsert = (request: RequestClient, object: string, primary: string, secondary: string | undefined, values: Record<string, unknown>) =>
    request(`${origin}/v1/objects/${encodeURIComponent(object)}/records`, { method: 'PUT', json: { match: { primary, secondary }, values } })
  const keyValue = (label: string) => ({ label, description: label, type: 'object' as const, defaultObjectUI: 'keyvalue' as const, default: {} })
  return {
    name: 'Matilda', // ajv keys schemas by `<name>:settings`, a URI: no spaces or parentheses
    slug: 'actions-matilda',
    mode: 'cloud',
    authentication: { scheme: 'custom', fields: { apiKey: { label: 'API Key', description: 'Your Matilda API key', type: 'string', required: true } } },
    extendRequest: ({ settings }) => ({ headers: { 'x-api-key': settings.apiKey } }),
    presets: [
      { name: 'Identify', subscribe: 'type = "identify"', partnerAction: 'identify', type: 'automatic' },
      { name: 'Group', subscribe: 'type = "group"', partnerAction: 'group', type: 'automatic' },
      { name: 'Track', subscribe: 'type = "track"', partnerAction: 'track', type: 'automatic' }
    ],
    actions: {
      identify: {
        title: 'Identify',
        description: 'Create or update a Person and a User',
        defaultSubscription: 'type = "identify"',
        fields: {
          email: { label: 'Email', description: 'Email address', type: 'string', format: 'email', required: true, default: firstOf('$.traits.email', '$.email') },
          user_id: { label: 'User ID', description: 'The ID of the User', type: 'string', required: true, default: { '@path': '$.userId' } },
          user_attributes: keyValue('User attributes'),
          person_attributes: keyValue('Person attributes')
        },
        perform: async (request, { payload }: { payload: Identify }) => {
          const person = (await upsert(request, 'people', 'email', undefined, { email: payload.email, ...payload.person_attributes })) as { data: { data: { id: unknown } } }
          return upsert(request, 'users', 'email', 'external_id', {
            email: payload.email,
            external_id: payload.user_id,
            person_id: person.data.data.id,
            ...payload.user_attributes
          })
        }
      },
      group: {
        title: 'Group',
        description: 'Create or update a Company and a Workspace',
        defaultSubscription: 'type = "group"',
        fields: {
          domain: { label: 'Domain', description: 'The domain of the Company', type: 'string', default: firstOfThree('$.traits.domain', '$.traits.website', '$.website') },
          workspace_id: { label: 'Workspace ID', description: 'The ID of the Workspace', type: 'string', default: firstOfThree('$.groupId', '$.traits.workspaceId', '$.context.groupId') },
          company_attributes: keyValue('Company attributes'),
          workspace_attributes: keyValue('Workspace attributes')
        },
        perform: async (request, { payload }: { payload: Group }) => {
          // Matilda ignores Group calls without a domain.
          if (payload.domain === undefined) return undefined
          const company = (await upsert(request, 'companies', 'domain', undefined, { domain: payload.domain, ...payload.company_attributes })) as { data: { data: { id: unknown } } }
          return upsert(request, 'workspaces', 'domain', 'external_id', {
            domain: payload.domain,
            external_id: payload.workspace_id,
            company_id: company.data.data.id,
            ...payload.workspace_attributes
          })
        }
      },
      track: {
        title: 'Track',
        description: 'Record an activity',
        defaultSubscription: 'type = "track"',
        fields: {
          event_name: { label: 'Event name', description: 'Name of the event', type: 'string', required: true, default: { '@path': '$.event' } },
          timestamp: { label: 'Timestamp', description: 'When it happened', type: 'datetime', required: true, default: { '@path': '$.timestamp' } },
          email: { label: 'Email', description: 'Email address', type: 'string', format: 'email', default: firstOf('$.context.traits.email', '$.properties.email') },
          user_id: { label: 'User ID', description: 'The ID of the User', type: 'string', default: { '@path': '$.userId' } },
          workspace_id: { label: 'Workspace ID', description: 'The ID of the Workspace', type: 'string', default: { '@path': '$.context.groupId' } },
          attributes: { label: 'Attributes', description: 'Event properties', type: 'object', defaultObjectUI: 'keyvalue', default: { '@path': '$.properties' } },
          batch_size: { label: 'Batch size', description: 'Activities per request', type: 'integer', unsafe_hidden: true, default: 100 }
        },
        perform: (request, { payload }: { payload: Track }) => {
          checkTrack(payload)
          return request(`${origin}/v1/activities`, { method: 'POST', json: activity(payload) })
        },
        performBatch: (request, { payload }: { payload: Track[] }) => {
          payload.forEach(checkTrack)
          return request(`${origin}/v1/activities/batch`, { method: 'POST', json: { activities: payload.map(activity) } })
        }
      }
    }
  }
}
