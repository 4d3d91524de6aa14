/**
 * The typed intermediate representation: what the checker hands to the code generator, the
 * interpreter and the docs writer. Names are resolved, every expression carries its inferred type,
 * defaults are attached to fields, triggers are narrowed. Nothing downstream re-derives any of it.
 */
import type { HttpMethod, Span, Trigger } from './syntax/ast.js'
import type { BuiltinName } from '../runtime/lib/builtins.js'
import type { Type } from './check/types.js'
import type { JsonSchema } from './check/schema-types.js'

export type EventType = 'identify' | 'track' | 'group' | 'page' | 'screen' | 'alias'

/** Every IR node keeps the span of the `.map` text it came from; generated code and run-time errors name it. */
export type SourceRef = Span

export interface DestinationIR {
  name: string
  title: string
  slug: string
  description?: string
  accepts: EventType[]
  sourceFile: string
  settings: SettingIR[]
  auth: AuthIR
  presets: PresetIR[]
  shapes: ShapeIR[]
  upserts: UpsertIR[]
  actions: ActionIR[]
  /** JSON Schema of the settings object. */
  settingsSchema: JsonSchema
  /** Where the destination API's request schema came from, when it has one. */
  apiSchemaFile?: string
  span: Span
}

export type ScalarSettingType = 'string' | 'password' | 'number' | 'integer' | 'boolean'

export interface SettingIR {
  name: string
  type: ScalarSettingType
  format?: string
  /** `string(pattern "…")`: the regular expression (unicode mode) the value must match. */
  pattern?: string
  required: boolean
  /** Passwords and settings marked `secret`: redacted from every log and error. */
  secret: boolean
  label: string
  description?: string
  choices?: (string | number)[]
  default?: string | number | boolean
  source: SourceRef
}

export type AuthScheme = 'api_key' | 'oauth' | 'basic' | 'none'

export interface AuthIR {
  scheme: AuthScheme
  headers: { name: string; value: ExprIR; source: SourceRef }[]
  test?: RequestIR
}

export interface PresetIR {
  title: string
  trigger: Trigger
  /** The trigger as Segment's FQL text. */
  fql: string
  action: string
  source: SourceRef
}

export interface ShapeIR {
  name: string
  params: string[]
  body: ExprIR
  source: SourceRef
}

export interface UpsertIR {
  name: string
  /** object, key, [secondary key,] values: the order of the declaration. */
  params: string[]
  request: RequestIR
  source: SourceRef
}

export type FieldType = 'string' | 'number' | 'integer' | 'boolean' | 'datetime' | 'object' | 'array'

export interface FieldIR {
  name: string
  type: FieldType
  format?: string
  required: boolean
  hidden: boolean
  keyvalue: boolean
  multiple: boolean
  label: string
  description?: string
  placeholder?: string
  choices?: (string | number)[]
  default?: ExprIR
  /** The field's JSON Schema inside the payload schema. */
  schema: JsonSchema
  source: SourceRef
}

export interface RuleIR {
  kind: 'skip' | 'reject'
  /** For `reject`: the field the validation error names. */
  field?: string
  reason: string
  when: ExprIR
  source: SourceRef
}

export interface ActionIR {
  name: string
  title: string
  description?: string
  trigger?: Trigger
  fql?: string
  /** Event types the default trigger can match (all accepted types when there is no trigger). */
  eventTypes: EventType[]
  fields: FieldIR[]
  rules: RuleIR[]
  perform: StepIR[]
  batch?: BatchIR
  /** JSON Schema of the payload: one property per field. */
  payloadSchema: JsonSchema
  source: SourceRef
}

export interface BatchIR {
  /** The field that switches batching on for a subscription (Segment's `enable_batching`). */
  enabledField?: string
  /** The most items in one request: a number or a field. */
  size: { kind: 'literal'; value: number } | { kind: 'field'; name: string; fallback: number }
  /** The loop variables' payload is `batch`; steps read it through `[for x in batch: …]`. */
  steps: StepIR[]
  /** Where the last response reports one outcome per item, if the API does. */
  results?: ExprIR
  /**
   * The items the last response names as failed (`failures`): a list of `{ index | key, status?,
   * message? }`, with the number of failures it reports (`failed`) and one key per item (`keys`)
   * that an entry's `key` is matched against. Exclusive with `results`.
   */
  failures?: ExprIR
  failedCount?: ExprIR
  keys?: ExprIR
  source: SourceRef
}

export type StepIR =
  | { kind: 'send'; bind?: string; request: RequestIR; responseType: Type; source: SourceRef }
  | { kind: 'upsert'; bind?: string; upsert: string; args: ExprIR[]; responseType: Type; source: SourceRef }

export interface RequestIR {
  method: HttpMethod
  /**
   * URL parts: literal text and interpolated values (percent-encoded when sent). With `hosts`, the
   * first value is a setting that picks the URL's whole host from these (its `choices`): it is
   * sent as the host it equals, and a value that equals none fails the request before it is sent.
   */
  url: { quasis: string[]; expressions: ExprIR[]; hosts?: string[] }
  query: { name: string; value: ExprIR }[]
  headers: { name: string; value: ExprIR }[]
  body?: { kind: 'json' | 'form'; value: ExprIR }
  /** The API endpoint this request matched, e.g. `PUT https://api.attio.com/v2/objects/{object}/records/simple`. */
  endpoint?: string
  source: SourceRef
}

interface ExprBase {
  type: Type
  source: SourceRef
}

export type RefTarget = 'field' | 'param' | 'local' | 'item' | 'setting' | 'auth' | 'response' | 'batch'

export type ExprIR =
  | (ExprBase & { kind: 'literal'; value: unknown })
  | (ExprBase & { kind: 'event'; keys: (string | number)[] })
  | (ExprBase & { kind: 'ref'; target: RefTarget; name: string })
  | (ExprBase & { kind: 'member'; object: ExprIR; key: string | number })
  | (ExprBase & { kind: 'index'; object: ExprIR; index: ExprIR })
  | (ExprBase & { kind: 'object'; entries: ObjectEntryIR[] })
  | (ExprBase & { kind: 'array'; items: ExprIR[] })
  | (ExprBase & { kind: 'for'; variable: string; iterable: ExprIR; body: ExprIR })
  | (ExprBase & { kind: 'template'; quasis: string[]; expressions: ExprIR[] })
  | (ExprBase & { kind: 'binary'; operator: '??' | '+' | '==' | '!=' | 'and' | 'or'; left: ExprIR; right: ExprIR })
  | (ExprBase & { kind: 'not'; operand: ExprIR })
  | (ExprBase & { kind: 'if'; condition: ExprIR; then: ExprIR; else?: ExprIR })
  | (ExprBase & { kind: 'call'; builtin: BuiltinName; args: ExprIR[] })
  | (ExprBase & { kind: 'shape'; name: string; args: ExprIR[] })

export type ObjectEntryIR =
  /** `keySource`: where the key is written, when it is (diagnostics point at a misspelt key). */
  | { kind: 'property'; key: string; value: ExprIR; keySource?: Span }
  /** `without`: keys of the spread object left out (`...traits without email`, or a later `email: absent`). */
  | { kind: 'spread'; value: ExprIR; without?: string[] }
