/**
 * Schematic written as an `@segment/actions-core` destination definition: the same actions,
 * fields and requests as mappings/schematic.map. `origin` replaces Schematic's capture host.
 * (The `.map`'s Engage default for user traits is left out: the bench's events carry no
 * audience, for which both send no user traits.)
 */
import { createRequire } from 'node:module'
import type { DestinationDefinition, RequestClient } from './types.js'

const snakeCase = createRequire(import.meta.url)('lodash/snakeCase.js') as (text: string) => string

interface TrackEvent {
  event_name: string
  company_keys?: Record<string, unknown>
  timestamp: string
  user_keys?: Record<string, unknown>
  traits?: Record<string, unknown>
}
interface IdentifyUser {
  company_keys: Record<string, unknown>
  company_name?: string
  company_traits?: Record<string, unknown>
  timestamp: string
  user_keys: Record<string, unknown>
  user_name?: string
  user_traits?: Record<string, unknown>
}

class InvalidEventName extends Error {}

export function schematicDefinition(origin = 'https://c.schematichq.com'): DestinationDefinition {
  const capture = (request: RequestClient, json: unknown) => request(`${origin}/e`, { method: 'POST', json })
  return {
    name: 'Schematic',
    slug: 'actions-schematic',
    mode: 'cloud',
    authentication: { scheme: 'custom', fields: { apiKey: { label: 'API Key', description: 'Your Schematic API key', type: 'password', required: true } } },
    extendRequest: ({ settings }) => ({ headers: { authorization: `Bearer ${settings.apiKey}` } }),
    presets: [
      { name: 'Identify User', subscribe: 'type = "identify"', partnerAction: 'identifyUser', type: 'automatic' },
      { name: 'Track Event', subscribe: 'type = "track"', partnerAction: 'trackEvent', type: 'automatic' }
    ],
    actions: {
      trackEvent: {
        title: 'Track Event',
        description: 'Send track events to Schematic',
        defaultSubscription: 'type = "track"',
        fields: {
          event_name: { label: 'Event name', description: 'Name of event', type: 'string', required: true, default: { '@path': '$.event' } },
          company_keys: { label: 'Company keys', description: 'Key-value pairs to look up the company', type: 'object', defaultObjectUI: 'keyvalue' },
          timestamp: { label: 'Timestamp', description: 'Time the event took place', type: 'datetime', required: true, default: { '@path': '$.timestamp' } },
          user_keys: { label: 'User keys', description: 'Key-value pairs to look up the user', type: 'object', defaultObjectUI: 'keyvalue', default: { userId: { '@path': '$.userId' } } },
          traits: { label: 'Traits', description: 'Event traits', type: 'object', defaultObjectUI: 'keyvalue', default: { raw_event_name: { '@path': '$.event' } } }
        },
        perform: (request, { payload, settings }: { payload: TrackEvent; settings: Record<string, string> }) => {
          const event = snakeCase(payload.event_name)
          if (!/^[A-Za-z0-9_-]+$/.test(event)) throw new InvalidEventName(`event_name ${JSON.stringify(payload.event_name)} is no Schematic event name`)
          return capture(request, {
            api_key: settings.apiKey,
            type: 'track',
            sent_at: new Date(payload.timestamp).toISOString(),
            body: { traits: payload.traits, company: payload.company_keys, user: payload.user_keys, event }
          })
        }
      },
      identifyUser: {
        title: 'Identify User',
        description: 'Send identify events to Schematic',
        defaultSubscription: 'type = "identify"',
        fields: {
          company_keys: { label: 'Company keys', description: 'Key-value pairs to look up the company', type: 'object', required: true, defaultObjectUI: 'keyvalue', default: { groupId: { '@path': '$.context.groupId' } } },
          company_name: { label: 'Company name', description: 'Name of the company', type: 'string', default: { '@path': '$.traits.company_name' } },
          company_traits: { label: 'Company traits', description: 'Company traits', type: 'object', defaultObjectUI: 'keyvalue' },
          timestamp: { label: 'Timestamp', description: 'Time the event took place', type: 'datetime', required: true, default: { '@path': '$.timestamp' } },
          user_keys: { label: 'User keys', description: 'Key-value pairs to look up the user', type: 'object', required: true, defaultObjectUI: 'keyvalue', default: { userId: { '@path': '$.userId' } } },
          user_name: { label: 'User name', description: 'Name of the user', type: 'string', default: { '@path': '$.traits.name' } },
          user_traits: { label: 'User traits', description: 'User traits', type: 'object', defaultObjectUI: 'keyvalue' }
        },
        perform: (request, { payload, settings }: { payload: IdentifyUser; settings: Record<string, string> }) =>
          capture(request, {
            api_key: settings.apiKey,
            type: 'identify',
            sent_at: new Date(payload.timestamp).toISOString(),
            body: {
              keys: payload.user_keys,
              name: payload.user_name,
              traits: payload.user_traits,
              company: { keys: payload.company_keys, name: payload.company_name, traits: payload.company_traits }
            }
          })
      }
    }
  }
}
