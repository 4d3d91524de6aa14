/**
 * Attio written as an `@segment/actions-core` destination definition: the same actions, fields
 * and requests as mappings/attio.map, in the format Segment's runtime executes. `origin` replaces
 * Attio's, as mapc's endpoint override does, so both sides can send to one loopback server.
 */
import { firstOf, type DestinationDefinition, type InputField, type RequestClient } from './types.js'

interface IdentifyUser {
  email_address: string
  user_id: string
  user_attributes?: Record<string, unknown>
  person_attributes?: Record<string, unknown>
  received_at?: string
}
interface GroupWorkspace {
  domain: string
  workspace_id: string
  user_id?: string
  company_attributes?: Record<string, unknown>
  workspace_attributes?: Record<string, unknown>
  received_at?: string
}
interface AssertRecord {
  object: string
  matching_attribute: string
  attributes?: Record<string, unknown>
  received_at: string
}

const keyValue = (label: string): InputField => ({ label, description: label, type: 'object', defaultObjectUI: 'keyvalue', default: {} })
const batching: Record<string, InputField> = {
  enable_batching: { label: 'Send data to Attio in batches', description: 'Batching', type: 'boolean', unsafe_hidden: true, default: true },
  batch_size: { label: 'Batch Size', description: 'Max batch size', type: 'number', unsafe_hidden: true, default: 1000 }
}
const receivedAt = (required: boolean): InputField => ({ label: 'Received at', description: 'When the event was received.', type: 'datetime', required, default: { '@path': '$.receivedAt' } })

/** One item of the batch endpoint; a nested assertion as a value links two records. */
function assertion(object: string, key: string, values: Record<string, unknown>, receivedAt: string | undefined): Record<string, unknown> {
  return { object, mode: 'create-or-update', matching_attribute: key, multiselect_values: 'append', values, received_at: receivedAt === undefined ? undefined : String(receivedAt) }
}

export function attioDefinition(origin = 'https://api.attio.com'): DestinationDefinition {
  const upsert = (request: RequestClient, object: string, key: string, values: Record<string, unknown>) =>
    request(`${origin}/v2/objects/${encodeURIComponent(object)}/records/simple`, {
      method: 'PUT',
      searchParams: { matching_attribute: key, append_to_existing_values: 'true' },
      json: { data: { values } }
    })
  const batch = (request: RequestClient, assertions: unknown[]) => request(`${origin}/v2/batch/records`, { method: 'PUT', json: { assertions } })

  return {
    name: 'Attio', // ajv keys schemas by `<name>:settings`, a URI: no spaces or parentheses
    slug: 'actions-attio',
    mode: 'cloud',
    authentication: { scheme: 'oauth2', fields: {} },
    extendRequest: ({ auth }) => ({ headers: { authorization: `Bearer ${auth?.accessToken}` } }),
    presets: [
      { name: 'Identify User', subscribe: 'type = "identify"', partnerAction: 'identifyUser', type: 'automatic' },
      { name: 'Group Workspace', subscribe: 'type = "group"', partnerAction: 'groupWorkspace', type: 'automatic' }
    ],
    actions: {
      identifyUser: {
        title: 'Identify User',
        description: 'Create or update an Attio User and link it to a Person based on a shared email address.',
        defaultSubscription: 'type = "identify"',
        fields: {
          email_address: { label: 'Email address', description: 'The email address of the person', type: 'string', format: 'email', required: true, default: firstOf('$.traits.email', '$.email') },
          user_id: { label: 'ID', description: 'The ID of the User', type: 'string', required: true, default: { '@path': '$.userId' } },
          user_attributes: keyValue('Additional User attributes'),
          person_attributes: keyValue('Additional Person attributes'),
          ...batching,
          received_at: receivedAt(false)
        },
        perform: async (request, { payload }: { payload: IdentifyUser }) => {
          await upsert(request, 'people', 'email_addresses', { email_addresses: payload.email_address, ...payload.person_attributes })
          return upsert(request, 'users', 'user_id', { primary_email_address: payload.email_address, person: payload.email_address, user_id: payload.user_id, ...payload.user_attributes })
        },
        performBatch: (request, { payload }: { payload: IdentifyUser[] }) =>
          batch(
            request,
            payload.map((user) =>
              assertion('users', 'user_id', {
                primary_email_address: user.email_address,
                user_id: user.user_id,
                person: assertion('people', 'email_addresses', { email_addresses: user.email_address, ...user.person_attributes }, user.received_at),
                ...user.user_attributes
              }, user.received_at)
            )
          )
      },
      groupWorkspace: {
        title: 'Group Workspace',
        description: 'Create or update an Attio Workspace and link it to a Company based on a domain attribute.',
        defaultSubscription: 'type = "group"',
        fields: {
          domain: { label: 'Domain', description: 'The domain of the Company', type: 'string', required: true, default: firstOf('$.traits.website', '$.website') },
          workspace_id: { label: 'ID', description: 'The ID of the Workspace', type: 'string', required: true, default: firstOf('$.groupId', '$.context.group_id') },
          user_id: { label: 'User ID', description: 'The ID of the User', type: 'string', default: { '@path': '$.userId' } },
          company_attributes: keyValue('Additional Company attributes'),
          workspace_attributes: keyValue('Additional Workspace attributes'),
          ...batching,
          received_at: receivedAt(false)
        },
        perform: async (request, { payload }: { payload: GroupWorkspace }) => {
          const company = (await upsert(request, 'companies', 'domains', { domains: payload.domain, ...payload.company_attributes })) as { data: { data: { id: { record_id: string } } } }
          return upsert(request, 'workspaces', 'workspace_id', {
            workspace_id: payload.workspace_id,
            company: company.data.data.id.record_id,
            users: payload.user_id === undefined ? undefined : [payload.user_id],
            ...payload.workspace_attributes
          })
        },
        performBatch: (request, { payload }: { payload: GroupWorkspace[] }) =>
          batch(
            request,
            payload.map((group) =>
              assertion('workspaces', 'workspace_id', {
                workspace_id: group.workspace_id,
                users: group.user_id === undefined ? undefined : [group.user_id],
                company: assertion('companies', 'domains', { domains: group.domain, ...group.company_attributes }, group.received_at),
                ...group.workspace_attributes
              }, group.received_at)
            )
          )
      },
      assertRecord: {
        title: 'Assert Record',
        description: 'Create or update a Record in Attio.',
        fields: {
          object: { label: 'Attio Object', description: 'The Attio Object', type: 'string', required: true, default: 'person' },
          matching_attribute: { label: 'Matching Attribute', description: 'The unique attribute', type: 'string', required: true, default: 'email_addresses' },
          attributes: keyValue('Attributes'),
          ...batching,
          received_at: receivedAt(true)
        },
        perform: (request, { payload }: { payload: AssertRecord }) => upsert(request, payload.object, payload.matching_attribute, payload.attributes ?? {}),
        performBatch: (request, { payload }: { payload: AssertRecord[] }) =>
          batch(request, payload.map((item) => assertion(item.object, item.matching_attribute, item.attributes ?? {}, item.received_at)))
      }
    }
  }
}
