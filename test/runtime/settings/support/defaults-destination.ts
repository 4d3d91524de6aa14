/**
 * A destination with two optional defaulted settings, a secret one read by the auth header and a
 * plain one read by a request header and the body, for the setting-default tests of both targets.
 */
export const DEFAULT_KEY = 'sk_default_Secret-Key-1234'

export function mapSource(origin: string): string {
  return `destination defaults {
  title "Setting defaults"
  slug "actions-setting-defaults"
  accepts track

  setting apiKey: password {
    label "API Key"
    default "${DEFAULT_KEY}"
  }
  setting region: string {
    label "Region"
    default "eu"
  }

  auth api_key {
    header authorization = "Bearer " + settings.apiKey
  }

  preset "Track Event" when type = "track" -> trackEvent

  action trackEvent {
    title "Track Event"
    trigger type = "track"

    field event_name: string required {
      label "Event name"
      default $.event
    }

    perform {
      send POST "${origin}/v1/events" {
        headers { "x-region": settings.region }
        json { name: event_name, region: settings.region }
      }
    }
  }
}
`
}

/** The API the `.map`'s request must conform to, next to it as `apis/defaults.schema.json`. */
export function apiSchema(origin: string): unknown {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    oneOf: [{ $ref: '#/definitions/createEvent' }],
    definitions: {
      createEvent: {
        'x-mapc-endpoint': `POST ${origin}/v1/events`,
        type: 'object',
        required: ['method', 'url', 'headers', 'body'],
        properties: {
          method: { const: 'POST' },
          url: { type: 'string' },
          headers: { type: 'object', properties: { 'x-region': { type: 'string' } } },
          body: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, region: { type: 'string' } } }
        }
      }
    }
  }
}
