/**
 * The abstract syntax tree of a `.map` file.
 *
 * Every node carries the span of source text it came from, so that every later stage (checker,
 * emitter, runtime errors) can point back at the line the integration author wrote.
 * Nodes are plain data: no methods, no parent pointers; stages walk them with `switch (node.kind)`.
 */

export interface Position {
  /** 0-based offset in UTF-16 code units. */
  offset: number
  /** 1-based line. */
  line: number
  /** 1-based column, in UTF-16 code units. */
  column: number
}

export interface Span {
  file: string
  start: Position
  /** Exclusive end. */
  end: Position
}

interface NodeBase {
  span: Span
}

export interface Identifier extends NodeBase {
  kind: 'Identifier'
  name: string
}

export interface Comment extends NodeBase {
  kind: 'Comment'
  /** The comment's full text, delimiters included (`// x`, `/* x *\/`). */
  text: string
  block: boolean
}

export interface MapFile extends NodeBase {
  kind: 'File'
  destinations: Destination[]
  /** Every comment in the file, in source order; the formatter re-attaches them by offset. */
  comments: Comment[]
}

// ---------------------------------------------------------------------------------------------
// Declarations
// ---------------------------------------------------------------------------------------------

export interface Destination extends NodeBase {
  kind: 'Destination'
  name: Identifier
  members: DestinationMember[]
}

export type DestinationMember = Attribute | Setting | Auth | Preset | UpsertDecl | ShapeDecl | Action

/** `title "X"`, `accepts identify, track`, `default $.x`, `size batch_size` */
export interface Attribute extends NodeBase {
  kind: 'Attribute'
  name: Identifier
  values: Expr[]
}

/** `string`, `string(email)`, `string(pattern "^[a-z]+$")`, `datetime` */
export interface TypeRef extends NodeBase {
  kind: 'TypeRef'
  name: Identifier
  format?: Identifier
  /** The text after the format word: the regular expression of `pattern "…"`. */
  argument?: StringLiteral
}

export interface Setting extends NodeBase {
  kind: 'Setting'
  name: Identifier
  type: TypeRef
  /** `required`, `hidden`, `secret`, `keyvalue`, `multiple`: checked by the checker. */
  modifiers: Identifier[]
  attributes: Attribute[]
}

export interface Field extends NodeBase {
  kind: 'Field'
  name: Identifier
  type: TypeRef
  modifiers: Identifier[]
  attributes: Attribute[]
}

export interface Auth extends NodeBase {
  kind: 'Auth'
  scheme: Identifier
  /** `username …` and `password …` of `auth basic`. */
  attributes: Attribute[]
  headers: HeaderDecl[]
  test?: RequestSpec
}

/** `header authorization = expr` or `header "x-api-key" = expr` */
export interface HeaderDecl extends NodeBase {
  kind: 'Header'
  name: string
  nameSpan: Span
  value: Expr
}

/** `preset "Identify User" when type = "identify" -> identifyUser` */
export interface Preset extends NodeBase {
  kind: 'Preset'
  title: StringLiteral
  trigger: Trigger
  action: Identifier
}

/** `upsert record(object, key, values) PUT `...` { ... }` */
export interface UpsertDecl extends NodeBase {
  kind: 'UpsertDecl'
  name: Identifier
  params: Identifier[]
  request: RequestSpec
}

/** `shape assertion(a, b) = expr` */
export interface ShapeDecl extends NodeBase {
  kind: 'ShapeDecl'
  name: Identifier
  params: Identifier[]
  body: Expr
}

export interface Action extends NodeBase {
  kind: 'Action'
  name: Identifier
  members: ActionMember[]
}

export type ActionMember = Attribute | TriggerDecl | Field | SkipRule | RejectRule | Perform | Batch

/** `trigger type = "identify"` */
export interface TriggerDecl extends NodeBase {
  kind: 'TriggerDecl'
  trigger: Trigger
}

/** `skip "reason" when expr` */
export interface SkipRule extends NodeBase {
  kind: 'Skip'
  reason: StringLiteral
  when: Expr
}

/** `reject field "why" when expr` */
export interface RejectRule extends NodeBase {
  kind: 'Reject'
  field: Identifier
  reason: StringLiteral
  when: Expr
}

export interface Perform extends NodeBase {
  kind: 'Perform'
  steps: Step[]
}

/** `batch { enabled x  size y  send ...  results response.results }` */
export interface Batch extends NodeBase {
  kind: 'Batch'
  members: (Attribute | Step)[]
}

// ---------------------------------------------------------------------------------------------
// Steps and requests
// ---------------------------------------------------------------------------------------------

export type Step = LetStep | SendStep | UpsertStep

export interface LetStep extends NodeBase {
  kind: 'Let'
  name: Identifier
  value: SendStep | UpsertStep
}

export interface SendStep extends NodeBase {
  kind: 'Send'
  request: RequestSpec
}

/** `upsert record "people" by "email_addresses" with { ... }` */
export interface UpsertStep extends NodeBase {
  kind: 'Upsert'
  target: Identifier
  object: Expr
  keys: Expr[]
  values: Expr
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface RequestSpec extends NodeBase {
  kind: 'Request'
  method: HttpMethod
  methodSpan: Span
  /** A string literal or a template; template parts are percent-encoded. */
  url: Expr
  parts: RequestPart[]
}

export interface RequestPart extends NodeBase {
  kind: 'RequestPart'
  part: 'query' | 'headers' | 'json' | 'form'
  value: Expr
}

// ---------------------------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------------------------

export type Expr =
  | EventPath
  | Name
  | Member
  | Index
  | Call
  | StringLiteral
  | NumberLiteral
  | BooleanLiteral
  | NullLiteral
  | AbsentLiteral
  | TemplateLiteral
  | ObjectLiteral
  | ArrayLiteral
  | ForExpr
  | Binary
  | Not
  | If
  | ErrorExpr

export type PathSegment =
  | { kind: 'Key'; name: string; quoted: boolean; span: Span }
  | { kind: 'Index'; index: number; span: Span }

/** `$`, `$.traits.email`, `$.properties["Order ID"]`, `$.items[0].sku` */
export interface EventPath extends NodeBase {
  kind: 'EventPath'
  segments: PathSegment[]
}

/** A bare name: a field, parameter, `let` binding, loop variable, `settings`, `auth`, `response`. */
export interface Name extends NodeBase {
  kind: 'Name'
  name: string
}

/** `object.property` */
export interface Member extends NodeBase {
  kind: 'Member'
  object: Expr
  property: string
  propertySpan: Span
}

/** `object[index]` */
export interface Index extends NodeBase {
  kind: 'Index'
  object: Expr
  index: Expr
}

export interface Call extends NodeBase {
  kind: 'Call'
  callee: Identifier
  args: Expr[]
}

export interface StringLiteral extends NodeBase {
  kind: 'String'
  value: string
}

export interface NumberLiteral extends NodeBase {
  kind: 'Number'
  value: number
  /** As written, so the formatter keeps `1e3` as `1e3`. */
  raw: string
}

export interface BooleanLiteral extends NodeBase {
  kind: 'Boolean'
  value: boolean
}

export interface NullLiteral extends NodeBase {
  kind: 'Null'
}

/** `absent`: the value that is not there (a key given it is left out, and removed from the spreads before it). */
export interface AbsentLiteral extends NodeBase {
  kind: 'Absent'
}

/** `` `a{x}b{y}c` ``: quasis.length === expressions.length + 1 */
export interface TemplateLiteral extends NodeBase {
  kind: 'Template'
  quasis: string[]
  expressions: Expr[]
}

export type ObjectEntry =
  | { kind: 'Property'; key: string; keySpan: Span; quoted: boolean; shorthand: boolean; value: Expr; span: Span }
  | { kind: 'Spread'; value: Expr; span: Span; without?: OmittedKey[] }

/** A key `without` leaves out of a spread: a name or a quoted string, as object keys are written. */
export interface OmittedKey {
  key: string
  quoted: boolean
  span: Span
}

export interface ObjectLiteral extends NodeBase {
  kind: 'Object'
  entries: ObjectEntry[]
}

export interface ArrayLiteral extends NodeBase {
  kind: 'Array'
  items: Expr[]
}

/** `[for x in list: body]` */
export interface ForExpr extends NodeBase {
  kind: 'For'
  variable: Identifier
  iterable: Expr
  body: Expr
}

export type BinaryOperator = '??' | '+' | '==' | '!=' | 'and' | 'or'

export interface Binary extends NodeBase {
  kind: 'Binary'
  operator: BinaryOperator
  operatorSpan: Span
  left: Expr
  right: Expr
}

export interface Not extends NodeBase {
  kind: 'Not'
  operand: Expr
}

/** `if c then a [else b]` */
export interface If extends NodeBase {
  kind: 'If'
  condition: Expr
  then: Expr
  else?: Expr
}

/** Stands in for an expression the parser could not read; only present alongside diagnostics. */
export interface ErrorExpr extends NodeBase {
  kind: 'ErrorExpr'
}

// ---------------------------------------------------------------------------------------------
// Triggers: Segment's FQL subset
// ---------------------------------------------------------------------------------------------

export type Trigger = TriggerOr | TriggerAnd | TriggerNot | TriggerCompare | TriggerCall | TriggerError

export interface TriggerOr extends NodeBase {
  kind: 'TriggerOr'
  left: Trigger
  right: Trigger
}

export interface TriggerAnd extends NodeBase {
  kind: 'TriggerAnd'
  left: Trigger
  right: Trigger
}

export interface TriggerNot extends NodeBase {
  kind: 'TriggerNot'
  operand: Trigger
}

export type TriggerOperator = '=' | '!=' | '<' | '<=' | '>' | '>='

export interface TriggerPath extends NodeBase {
  kind: 'TriggerPath'
  /** `properties.total` → ['properties', 'total'] */
  segments: string[]
}

export type TriggerValue =
  | { kind: 'String'; value: string; span: Span }
  | { kind: 'Number'; value: number; raw: string; span: Span }
  | { kind: 'Boolean'; value: boolean; span: Span }
  | { kind: 'Null'; span: Span }

/** `type = "track"`, `properties.total > 10`, `traits.email != null` */
export interface TriggerCompare extends NodeBase {
  kind: 'TriggerCompare'
  path: TriggerPath
  operator: TriggerOperator
  operatorSpan: Span
  value: TriggerValue
}

/** `contains(event, "Order")`, `match(event, "Order *")` */
export interface TriggerCall extends NodeBase {
  kind: 'TriggerCall'
  function: 'contains' | 'match'
  path: TriggerPath
  argument: { value: string; span: Span }
}

export interface TriggerError extends NodeBase {
  kind: 'TriggerError'
}
