/**
 * The little of `@segment/actions-core`'s destination definition format the bench's
 * destinations use, typed here so that bench code needs no import from the CommonJS package at
 * compile time (it is loaded with require, as Node loads it for Segment's own destinations).
 */
export type Directive = { '@path': string } | { '@if': { exists: Directive; then: Mapped; else?: Mapped } }
export type Mapped = Directive | string | number | boolean | { [key: string]: Mapped }

export interface InputField {
  label: string
  description: string
  type: 'string' | 'password' | 'number' | 'integer' | 'boolean' | 'object' | 'datetime'
  format?: 'email' | 'date-time'
  required?: boolean
  unsafe_hidden?: boolean
  defaultObjectUI?: 'keyvalue'
  default?: Mapped
}

export type RequestClient = (url: string, options: { method: string; json?: unknown; searchParams?: Record<string, string> }) => Promise<{ data: unknown }>

export interface PerformInput<Payload> {
  payload: Payload
  settings: Record<string, string>
  auth?: { accessToken?: string }
}

export interface ActionDefinition<Payload = Record<string, unknown>> {
  title: string
  description: string
  defaultSubscription?: string
  fields: Record<string, InputField>
  perform: (request: RequestClient, input: PerformInput<Payload>) => Promise<unknown>
  performBatch?: (request: RequestClient, input: PerformInput<Payload[]>) => Promise<unknown>
}

export interface DestinationDefinition {
  name: string
  slug: string
  mode: 'cloud'
  authentication: { scheme: 'oauth2' | 'custom'; fields: Record<string, InputField> }
  extendRequest: (input: { settings: Record<string, string>; auth?: { accessToken?: string } }) => { headers: Record<string, string | undefined> }
  presets?: { name: string; subscribe: string; partnerAction: string; type: 'automatic' }[]
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  actions: Record<string, ActionDefinition<any>>
}

/** `a ?? b` in mapping-kit: the first path when the event has it, else the second. */
export function firstOf(first: string, second: string): Directive {
  return { '@if': { exists: { '@path': first }, then: { '@path': first }, else: { '@path': second } } }
}
