/**
 * fast-check arbitraries for mapc ASTs, built bottom-up with a depth limit. They produce only
 * ASTs the parser can produce (a shorthand property names itself; an unquoted key is a word; a
 * number's `raw` is JSON), so that `parse(format(ast))` must give the same AST back.
 */
import fc from 'fast-check'
import type {
  Action,
  ActionMember,
  Attribute,
  Auth,
  Destination,
  DestinationMember,
  Expr,
  HeaderDecl,
  HttpMethod,
  Identifier,
  MapFile,
  ObjectEntry,
  PathSegment,
  RequestPart,
  RequestSpec,
  SendStep,
  Span,
  Step,
  Trigger,
  TriggerPath,
  TriggerValue,
  TypeRef,
  UpsertStep
} from '../../src/compiler/syntax/ast.js'
import { keywords } from '../../src/compiler/syntax/tokens.js'

const S: Span = { file: 'gen.map', start: { offset: 0, line: 1, column: 1 }, end: { offset: 0, line: 1, column: 1 } }
const KEYWORDS = new Set(keywords)

/** A name that is not a keyword. */
export const identifierName = fc
  .oneof(fc.constantFrom('a', 'b', 'user', 'email', 'values', 'title', 'x_1', '_y', 'format', 'iff', 'nulls'), fc.stringMatching(/^[a-z_][a-z0-9_]{0,7}$/))
  .filter((name) => !KEYWORDS.has(name))
/** Any word: where keywords are allowed too (after `.`, as object keys, header names). */
const word = fc.oneof(identifierName, fc.constantFrom(...keywords))
const text = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 6 }), fc.constantFrom('', '"', '\\', '`', '{}', 'a b', '\n\t'))
const identifier: fc.Arbitrary<Identifier> = identifierName.map((name) => ({ kind: 'Identifier', name, span: S }))

const numberRaw = fc
  .oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }))
  .map((n) => String(n))

const leaf: fc.Arbitrary<Expr> = fc.oneof(
  text.map((value): Expr => ({ kind: 'String', value, span: S })),
  numberRaw.map((raw): Expr => ({ kind: 'Number', value: Number(raw), raw, span: S })),
  fc.boolean().map((value): Expr => ({ kind: 'Boolean', value, span: S })),
  fc.constant<Expr>({ kind: 'Null', span: S }),
  fc.oneof(identifierName, fc.constantFrom('auth', 'batch')).map((name): Expr => ({ kind: 'Name', name, span: S })),
  fc.array(pathSegment(), { maxLength: 3 }).map((segments): Expr => ({ kind: 'EventPath', segments, span: S }))
)

function pathSegment(): fc.Arbitrary<PathSegment> {
  return fc.oneof(
    word.map((name): PathSegment => ({ kind: 'Key', name, quoted: false, span: S })),
    text.map((name): PathSegment => ({ kind: 'Key', name, quoted: true, span: S })),
    fc.nat({ max: 20 }).map((index): PathSegment => ({ kind: 'Index', index, span: S }))
  )
}

export function expression(depth: number): fc.Arbitrary<Expr> {
  if (depth <= 0) return leaf
  const inner = expression(depth - 1)
  const small = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, { maxLength: 3 })
  return fc.oneof(
    { arbitrary: leaf, weight: 3 },
    fc.record({ object: inner, property: word }).map(({ object, property }): Expr => ({ kind: 'Member', object, property, propertySpan: S, span: S })),
    fc.record({ object: inner, index: inner }).map(({ object, index }): Expr => ({ kind: 'Index', object, index, span: S })),
    fc.record({ callee: identifier, args: small(inner) }).map(({ callee, args }): Expr => ({ kind: 'Call', callee, args, span: S })),
    small(fc.tuple(inner, text)).chain((parts) =>
      text.map((first): Expr => ({ kind: 'Template', quasis: [first, ...parts.map((p) => p[1])], expressions: parts.map((p) => p[0]), span: S }))
    ),
    small(objectEntry(inner)).map((entries): Expr => ({ kind: 'Object', entries, span: S })),
    small(inner).map((items): Expr => ({ kind: 'Array', items, span: S })),
    fc.record({ variable: identifier, iterable: inner, body: inner }).map((r): Expr => ({ kind: 'For', ...r, span: S })),
    fc
      .record({ operator: fc.constantFrom('??', '+', '==', '!=', 'and', 'or' as const), left: inner, right: inner })
      .map((r): Expr => ({ kind: 'Binary', ...r, operatorSpan: S, span: S })),
    inner.map((operand): Expr => ({ kind: 'Not', operand, span: S })),
    fc.record({ condition: inner, then: inner, otherwise: fc.option(inner, { nil: undefined }) }).map(({ condition, then, otherwise }): Expr => {
      const result: Expr = { kind: 'If', condition, then, span: S }
      if (otherwise !== undefined) result.else = otherwise
      return result
    })
  )
}

function objectEntry(inner: fc.Arbitrary<Expr>): fc.Arbitrary<ObjectEntry> {
  return fc.oneof(
    fc.record({ key: word, value: inner }).map(({ key, value }): ObjectEntry => ({ kind: 'Property', key, keySpan: S, quoted: false, shorthand: false, value, span: S })),
    fc.record({ key: text, value: inner }).map(({ key, value }): ObjectEntry => ({ kind: 'Property', key, keySpan: S, quoted: true, shorthand: false, value, span: S })),
    identifierName.map(
      (key): ObjectEntry => ({ kind: 'Property', key, keySpan: S, quoted: false, shorthand: true, value: { kind: 'Name', name: key, span: S }, span: S })
    ),
    inner.map((value): ObjectEntry => ({ kind: 'Spread', value, span: S }))
  )
}

const triggerPath: fc.Arbitrary<TriggerPath> = fc
  .tuple(identifierName, fc.array(word, { maxLength: 2 }))
  .map(([first, rest]) => ({ kind: 'TriggerPath', segments: [first, ...rest], span: S }))

const triggerValue: fc.Arbitrary<TriggerValue> = fc.oneof(
  text.map((value): TriggerValue => ({ kind: 'String', value, span: S })),
  numberRaw.map((raw): TriggerValue => ({ kind: 'Number', value: Number(raw), raw, span: S })),
  fc.boolean().map((value): TriggerValue => ({ kind: 'Boolean', value, span: S })),
  fc.constant<TriggerValue>({ kind: 'Null', span: S })
)

export function trigger(depth: number): fc.Arbitrary<Trigger> {
  const leafTrigger: fc.Arbitrary<Trigger> = fc.oneof(
    fc
      .record({ path: triggerPath, operator: fc.constantFrom('=', '!=', '<', '<=', '>', '>=' as const), value: triggerValue })
      .map((r): Trigger => ({ kind: 'TriggerCompare', ...r, operatorSpan: S, span: S })),
    fc
      .record({ fn: fc.constantFrom('contains', 'match' as const), path: triggerPath, argument: text })
      .map(({ fn, path, argument }): Trigger => ({ kind: 'TriggerCall', function: fn, path, argument: { value: argument, span: S }, span: S }))
  )
  if (depth <= 0) return leafTrigger
  const inner = trigger(depth - 1)
  return fc.oneof(
    { arbitrary: leafTrigger, weight: 2 },
    fc.record({ left: inner, right: inner }).map((r): Trigger => ({ kind: 'TriggerOr', ...r, span: S })),
    fc.record({ left: inner, right: inner }).map((r): Trigger => ({ kind: 'TriggerAnd', ...r, span: S })),
    inner.map((operand): Trigger => ({ kind: 'TriggerNot', operand, span: S }))
  )
}

const value = expression(2)

const attribute: fc.Arbitrary<Attribute> = fc
  .record({ name: identifier, values: fc.array(value, { minLength: 1, maxLength: 2 }) })
  .map((r) => ({ kind: 'Attribute', ...r, span: S }))

const typeRef: fc.Arbitrary<TypeRef> = fc
  .record({
    name: identifier,
    format: fc.option(fc.oneof(word, fc.constantFrom('date-time', 'a-b-c')).map((name): Identifier => ({ kind: 'Identifier', name, span: S })), { nil: undefined })
  })
  .map(({ name, format }) => (format === undefined ? { kind: 'TypeRef', name, span: S } : { kind: 'TypeRef', name, format, span: S }))

const declared = fc.record({
  name: identifier,
  type: typeRef,
  modifiers: fc.array(identifier, { maxLength: 2 }),
  attributes: fc.array(attribute, { maxLength: 3 })
})

const request: fc.Arbitrary<RequestSpec> = fc
  .record({
    method: fc.constantFrom<HttpMethod>('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
    url: fc.oneof(
      text.map((v): Expr => ({ kind: 'String', value: v, span: S })),
      fc.tuple(text, value, text).map(([a, e, b]): Expr => ({ kind: 'Template', quasis: [a, b], expressions: [e], span: S }))
    ),
    parts: fc.array(
      fc.record({ part: fc.constantFrom('query', 'headers', 'json', 'form' as const), value }).map((r): RequestPart => ({ kind: 'RequestPart', ...r, span: S })),
      { maxLength: 3 }
    )
  })
  .map((r) => ({ kind: 'Request', ...r, methodSpan: S, span: S }))

const send: fc.Arbitrary<SendStep> = request.map((r) => ({ kind: 'Send', request: r, span: S }))
const upsert: fc.Arbitrary<UpsertStep> = fc
  .record({ target: identifier, object: value, keys: fc.array(value, { minLength: 1, maxLength: 2 }), values: value })
  .map((r) => ({ kind: 'Upsert', ...r, span: S }))
const step: fc.Arbitrary<Step> = fc.oneof(
  send,
  upsert,
  fc.record({ name: identifier, value: fc.oneof(send, upsert) }).map((r): Step => ({ kind: 'Let', ...r, span: S }))
)

const header: fc.Arbitrary<HeaderDecl> = fc
  .record({ name: fc.oneof(word, text), value })
  .map((r) => ({ kind: 'Header', ...r, nameSpan: S, span: S }))

const auth: fc.Arbitrary<Auth> = fc
  .record({
    scheme: identifier,
    attributes: fc.array(attribute, { maxLength: 2 }),
    headers: fc.array(header, { maxLength: 2 }),
    test: fc.option(request, { nil: undefined })
  })
  .map(({ scheme, attributes, headers, test }) =>
    test === undefined ? { kind: 'Auth', scheme, attributes, headers, span: S } : { kind: 'Auth', scheme, attributes, headers, test, span: S }
  )

const actionMember: fc.Arbitrary<ActionMember> = fc.oneof(
  attribute,
  trigger(2).map((t): ActionMember => ({ kind: 'TriggerDecl', trigger: t, span: S })),
  declared.map((d): ActionMember => ({ kind: 'Field', ...d, span: S })),
  fc.record({ reason: text, when: value }).map(({ reason, when }): ActionMember => ({ kind: 'Skip', reason: { kind: 'String', value: reason, span: S }, when, span: S })),
  fc
    .record({ field: identifier, reason: text, when: value })
    .map(({ field, reason, when }): ActionMember => ({ kind: 'Reject', field, reason: { kind: 'String', value: reason, span: S }, when, span: S })),
  fc.array(step, { maxLength: 3 }).map((steps): ActionMember => ({ kind: 'Perform', steps, span: S })),
  fc.array(fc.oneof(attribute, step), { maxLength: 3 }).map((members): ActionMember => ({ kind: 'Batch', members, span: S }))
)

const action: fc.Arbitrary<Action> = fc
  .record({ name: identifier, members: fc.array(actionMember, { maxLength: 4 }) })
  .map((r) => ({ kind: 'Action', ...r, span: S }))

const destinationMember: fc.Arbitrary<DestinationMember> = fc.oneof(
  attribute,
  declared.map((d): DestinationMember => ({ kind: 'Setting', ...d, span: S })),
  auth,
  fc.record({ name: identifier, params: fc.array(identifier, { maxLength: 4 }), request }).map((r): DestinationMember => ({ kind: 'UpsertDecl', ...r, span: S })),
  fc.record({ name: identifier, params: fc.array(identifier, { maxLength: 3 }), body: value }).map((r): DestinationMember => ({ kind: 'ShapeDecl', ...r, span: S })),
  fc
    .record({ title: text, trigger: trigger(2), action: identifier })
    .map(({ title, trigger: t, action: a }): DestinationMember => ({ kind: 'Preset', title: { kind: 'String', value: title, span: S }, trigger: t, action: a, span: S })),
  action
)

const destination: fc.Arbitrary<Destination> = fc
  .record({ name: identifier, members: fc.array(destinationMember, { maxLength: 5 }) })
  .map((r) => ({ kind: 'Destination', ...r, span: S }))

export const mapFile: fc.Arbitrary<MapFile> = fc
  .array(destination, { minLength: 1, maxLength: 2 })
  .map((destinations) => ({ kind: 'File', destinations, comments: [], span: S }))
