/**
 * What one emulated API adds to its schema: how it checks credentials, what its errors look
 * like, its state, and a handler per endpoint. Everything else (routing, validation, faults,
 * write counts, the control endpoints, HTTP) is the shared core's.
 */
import type { Endpoint, Problem } from './api-schema.js'
import type { ApiRequest } from './types.js'
import type { WriteLog } from './write-log.js'

export interface HandlerCall<S> {
  request: ApiRequest
  /** The path's `{param}`s, decoded. */
  params: Record<string, string>
  state: S
  writes: WriteLog
  /** For an itemized endpoint: the schema problems of each item (by index), which fail that item alone. */
  itemProblems: ReadonlyMap<number, Problem[]>
  now(): Date
}

export interface HandlerAnswer {
  status: number
  body?: unknown
}

export type Handler<S> = (call: HandlerCall<S>) => HandlerAnswer

/** Thrown by a handler: answered with the API's error shape. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The kind of error: one of the core's ErrorKinds, or the API's own word for it (Attio's `type`). */
    readonly kind?: string
  ) {
    super(message)
  }
}

/** The kinds of error the shared core answers with; each API names them in its own words. */
export type ErrorKind = 'unauthorized' | 'invalid_request' | 'not_found' | 'rate_limited' | 'server_error' | 'not_implemented'

export interface ApiDefinition<S> {
  name: string
  /** What the credential is called in messages: `access token`, `API key`. */
  credentialName: string
  /** The credential a request carries, or undefined when it carries none. */
  credentialOf(request: ApiRequest, endpoint: Endpoint): string | undefined
  /** The body of an error answer in the API's own shape. */
  errorBody(status: number, message: string, kind: string | undefined): unknown
  createState(): S
  handlers: Readonly<Record<string, Handler<S>>>
  /** Endpoint id → the keys of the array whose items the API judges one by one (Matilda's batch). */
  itemized?: Readonly<Record<string, readonly string[]>>
  /** The state as `GET /__emulator/state` shows it. */
  view(state: S): Record<string, unknown>
}
