/**
 * The contract between a compiled destination and the runtime.
 *
 * `mapc build` emits modules that export a `CompiledDestination`; the interpreter
 * (src/compiler/interpret) builds the same shape from the IR without generating code. The runtime
 * only ever sees this interface, which is what lets the two be compared event for event and
 * benchmarked against each other.
 */
export type EventType = 'identify' | 'track' | 'group' | 'page' | 'screen' | 'alias'

/** A `.map` location as run-time errors report it: `mappings/attio.map:42:5`. */
export interface Loc {
  file: string
  line: number
  column: number
}

/** A compiler span's start (structurally: the runtime does not depend on the compiler's types). */
export function locOf(span: { file: string; start: { line: number; column: number } }): Loc {
  return { file: span.file, line: span.start.line, column: span.start.column }
}

/** An event as the runtime receives it: untrusted JSON. */
export type SegmentEvent = Record<string, unknown>

export type Payload = Record<string, unknown>

/** Settings and OAuth data: what defaults, rules and requests may read besides the event. */
export interface ValueContext {
  settings: Readonly<Record<string, unknown>>
  auth: Readonly<{ accessToken?: string; refreshToken?: string }>
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** A request as a compiled action describes it; the runtime adds auth headers, encodes and sends it. */
export interface RequestSpec {
  method: HttpMethod
  /** The URL with interpolated path parts already percent-encoded, without the query string. */
  url: string
  /** Query parameters in order; absent values are left out. */
  query?: readonly (readonly [string, unknown])[]
  /** Request headers (lower-case names); absent values are left out. */
  headers?: Readonly<Record<string, unknown>>
  json?: unknown
  form?: Readonly<Record<string, unknown>>
  /** The endpoint of the API schema this request matched at compile time. */
  endpoint?: string
  loc: Loc
}

/** What `send` resolves to: the parsed body is what `let x = …` binds. */
export interface ResponseData {
  status: number
  body: unknown
}

export interface ActionContext extends ValueContext {
  send(request: RequestSpec): Promise<ResponseData>
}

export interface FieldMeta {
  name: string
  label: string
  description?: string
  type: 'string' | 'number' | 'integer' | 'boolean' | 'datetime' | 'object' | 'array'
  format?: string
  required: boolean
  hidden: boolean
  keyvalue: boolean
  multiple: boolean
  choices?: readonly (string | number)[]
  /** The default as written in the `.map` file, for docs. */
  defaultText?: string
  loc: Loc
}

export interface SettingMeta {
  name: string
  label: string
  description?: string
  type: 'string' | 'password' | 'number' | 'integer' | 'boolean'
  required: boolean
  secret: boolean
  choices?: readonly (string | number)[]
  default?: string | number | boolean
  loc: Loc
}

/** A validator as ajv compiles it: the function, with the errors of its last call. */
export interface Validator {
  (data: unknown): boolean
  errors?: readonly ValidationErrorObject[] | null
}

export interface ValidationErrorObject {
  instancePath: string
  keyword: string
  params: Record<string, unknown>
  message?: string
}

/** The first rule that applies to a payload, if any. */
export type RuleOutcome = { kind: 'skip'; reason: string; loc: Loc } | { kind: 'reject'; field: string; reason: string; loc: Loc }

/** Outcome of one item of a batch as the API reported it. */
export interface ItemReport {
  status: number
  message?: string
  /**
   * The response reports failures it does not attribute to items, and names no failure of this
   * one: it may have failed, so it is retried (status 500) rather than reported delivered.
   */
  unattributed?: true
}

export interface CompiledBatch {
  /** The boolean field that switches batching on for a subscription. */
  enabledField?: string
  /** The most items in one request. */
  size: { kind: 'literal'; value: number } | { kind: 'field'; name: string; fallback: number }
  /**
   * Sends the items; resolves to one report per item when the API reports per-item outcomes
   * (`results` in the `.map`), or to undefined when the whole batch shares one outcome.
   */
  perform(items: readonly Payload[], ctx: ActionContext): Promise<readonly ItemReport[] | undefined>
  loc: Loc
}

export interface CompiledAction {
  name: string
  title: string
  description?: string
  /** The default trigger as FQL, and compiled. */
  fql?: string
  trigger?: (event: unknown) => boolean
  eventTypes: readonly EventType[]
  fields: readonly FieldMeta[]
  /** One resolver per field that has a default. */
  defaults: Readonly<Record<string, (event: SegmentEvent, ctx: ValueContext) => unknown>>
  /** Every default at once, in field order: the fast path for subscriptions without overrides. */
  resolveDefaults(event: SegmentEvent, ctx: ValueContext): Payload
  /**
   * removeEmptyValues (delivery/payload.ts) compiled for the action's fields, in place; `single`
   * for a single event. Absent in modules built before it existed: the runtime's loop does it then.
   */
  clean?(payload: Payload, single: boolean): void
  /** Converts scalars to the fields' declared types, in place. */
  coerce(payload: Payload): void
  validate: Validator
  rules(payload: Payload, ctx: ValueContext): RuleOutcome | undefined
  /**
   * Fields whose value goes into a URL path: each must stay one segment (not `.`, `..` or empty),
   * or the event is refused with a validation error naming the field. Absent in modules built
   * before it existed; `$.pathPart` guards their paths all the same.
   */
  pathFields?: readonly string[]
  perform?: (payload: Payload, ctx: ActionContext) => Promise<unknown>
  batch?: CompiledBatch
  payloadSchema: unknown
  loc: Loc
}

export interface PresetMeta {
  title: string
  fql: string
  action: string
  trigger: (event: unknown) => boolean
}

export interface CompiledDestination {
  name: string
  title: string
  slug: string
  description?: string
  /** The `.map` file it was compiled from. */
  source: string
  accepts: readonly EventType[]
  settings: readonly SettingMeta[]
  validateSettings: Validator
  authScheme: 'api_key' | 'oauth' | 'basic' | 'none'
  /** Headers sent with every request; absent values are left out. */
  authHeaders(ctx: ValueContext): Record<string, unknown>
  testRequest?: (ctx: ValueContext) => RequestSpec
  presets: readonly PresetMeta[]
  actions: Readonly<Record<string, CompiledAction>>
}
