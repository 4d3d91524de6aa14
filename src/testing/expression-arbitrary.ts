/**
 * Well-typed expressions of the mapping language, generated from its grammar and its types: every
 * operator, every built-in function (read from the signature registry, so a new built-in is
 * generated as soon as it is registered), conditionals, comprehensions, templates, object
 * spreads, `??`, `exists` and every path form. What the checker accepts is modelled by a few
 * sorts — a boolean, a string, a number, an unknown value read from the event, an object, a list,
 * any scalar — and each generator only builds what the checker types as its sort, so every
 * expression compiles. Differential tests feed the expressions to the code generator and the
 * interpreter; the formatter's round trip prints and re-reads them.
 *
 * The expressions are ASTs (spans all point at the start of the file, as a parser-independent
 * test wants them); `expressionText` prints one as source with the formatter.
 */
import fc from 'fast-check'
import type { Expr, ObjectEntry, PathSegment, Span } from '../compiler/syntax/ast.js'
import { builtinSignatures, type ParamKind } from '../compiler/check/builtins.js'
import { anyType, members, present, type Type } from '../compiler/check/types.js'
import { keywords } from '../compiler/syntax/tokens.js'
import type { BuiltinName } from '../runtime/lib/builtins.js'
import { CommentPrinter } from '../compiler/format/comment-printer.js'
import { printExpression } from '../compiler/format/print-expression.js'
import { printDoc } from '../compiler/format/doc.js'
import { LINE_WIDTH } from '../compiler/format/format.js'

/**
 * What the checker will type an expression as, coarsely. `string` and `number` may be absent (the
 * checker lets absence flow through `+`, templates and functions), `boolean` never is (conditions
 * must be booleans), `unknown` is the `any` of a value read from the event, `scalar` is anything
 * a function's text parameter or a template accepts, `value` is anything at all.
 */
export type Sort = 'boolean' | 'string' | 'number' | 'unknown' | 'object' | 'array' | 'scalar' | 'datetime' | 'numeric' | 'value'

/** A name an expression may read, with the sort the checker gives it. */
export interface NamedValue {
  name: string
  sort: Exclude<Sort, 'scalar' | 'datetime' | 'numeric' | 'value'>
}

/** Where the expressions are evaluated: what they may read. */
export interface ExpressionScope {
  /** Keys of `$.properties` that generated events fill (the values are unknown to the checker). */
  propertyKeys?: readonly string[]
  /** Whether event paths may be read (field defaults: yes; rules and requests: no). */
  event: boolean
  /** `settings.<name>`. */
  settings: readonly NamedValue[]
  /** Payload fields (rules and requests only). */
  fields: readonly NamedValue[]
}

export interface ExpressionArbitraryOptions {
  /** How deep expressions nest (default 3). */
  depth?: number
}

const S: Span = { file: 'gen.map', start: { offset: 0, line: 1, column: 1 }, end: { offset: 0, line: 1, column: 1 } }
const KEYWORDS = new Set(keywords)

/** The keys `eventWithProperties` fills; `a b` and `__proto__` need the quoted path form. */
export const PROPERTY_KEYS: readonly string[] = ['a', 'b', 'n', 'list', 'obj', 'when', 'a b', '__proto__']

/** Text with what templates, strings and JSON escape: quotes, backticks, `${`, backslashes, line separators. */
const text: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', 'a', 'A b', ' x ', '42', '-1.5', 'true', '2024-02-29T12:00:00Z', 'a_b-c', 'ÄÖ', '"', '`', '${a}', '\\', '\u2028', 'é'),
  fc.string({ maxLength: 6 }),
  fc.array(fc.constantFrom('a', 'B', ' ', '-', '_', '"', '`', '$', '{', '}', '\\', '\n', '\u2029', '7', '.', 'ß'), { maxLength: 6 }).map((c) => c.join(''))
)

const numberLiteral: fc.Arbitrary<Expr> = fc
  .oneof(fc.integer({ min: -1000, max: 1000 }), fc.constantFrom(0, 1, -1, 0.5, 1e21, 2.5e-7), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }))
  .map((n) => (Object.is(n, -0) ? 0 : n))
  .map((n): Expr => ({ kind: 'Number', value: n, raw: String(n), span: S }))
const stringLiteral: fc.Arbitrary<Expr> = text.map((value): Expr => ({ kind: 'String', value, span: S }))
const booleanLiteral: fc.Arbitrary<Expr> = fc.boolean().map((value): Expr => ({ kind: 'Boolean', value, span: S }))
const nullLiteral: Expr = { kind: 'Null', span: S }
const absentLiteral: Expr = { kind: 'Absent', span: S }

const name = (n: string): Expr => ({ kind: 'Name', name: n, span: S })
const call = (callee: string, args: Expr[]): Expr => ({ kind: 'Call', callee: { kind: 'Identifier', name: callee, span: S }, args, span: S })
const binary = (operator: Extract<Expr, { kind: 'Binary' }>['operator'], left: Expr, right: Expr): Expr => ({ kind: 'Binary', operator, left, right, operatorSpan: S, span: S })
const isWord = (key: string): boolean => /^[A-Za-z_][A-Za-z0-9_]*$/.test(key)

/** A built-in's result sort, from its signature: what it returns for arguments of unknown type. */
export function builtinResultSort(builtin: BuiltinName): Sort {
  const signature = builtinSignatures[builtin]
  const result = signature.result(signature.params.map(() => anyType))
  return sortOfType(result)
}

function sortOfType(type: Type): Sort {
  const kinds = new Set(members(present(type, true)).map((m) => m.kind))
  const only = kinds.size === 1 ? [...kinds][0] : undefined
  if (only === 'boolean' && !members(type).some((m) => m.kind === 'absent')) return 'boolean'
  if (only === 'string' || only === 'number' || only === 'object' || only === 'array') return only
  if (only === 'any') return 'unknown'
  return 'value'
}

/** The sort an argument of a parameter kind is generated in. */
function argumentSort(kind: ParamKind): Sort {
  switch (kind) {
    case 'any':
      return 'value'
    case 'string':
      return 'string'
    case 'scalar':
      return 'scalar'
    case 'datetime':
      return 'datetime'
    case 'numeric':
      return 'numeric'
  }
}

/** Sorts whose values are accepted where `wanted` is asked for. */
function fits(have: Sort, wanted: Sort): boolean {
  if (have === wanted || wanted === 'value') return true
  if (wanted === 'scalar') return have === 'string' || have === 'number' || have === 'boolean' || have === 'unknown'
  // What `iso_datetime` reads: text, epoch numbers, or anything unknown; not a boolean.
  if (wanted === 'datetime') return have === 'string' || have === 'number' || have === 'unknown'
  // What `number` reads: numbers, booleans, unknown values and plain text (a string sort may be a
  // formatted datetime, which it refuses; literals are generated for it instead).
  if (wanted === 'numeric') return have === 'number' || have === 'boolean' || have === 'unknown'
  return false
}

const builtinNames = Object.keys(builtinSignatures) as BuiltinName[]

interface Env {
  scope: ExpressionScope
  /** Loop variables in scope. */
  variables: readonly NamedValue[]
}

/**
 * Expressions of a sort. `depth` bounds nesting; at depth 0 only leaves (literals, paths, names)
 * are generated.
 */
export function expressionArbitrary(sort: Sort, scope: ExpressionScope, options: ExpressionArbitraryOptions = {}): fc.Arbitrary<Expr> {
  return generate(sort, { scope, variables: [] }, options.depth ?? 3)
}

/** Built arbitraries by scope, sort, depth and loop variables: comprehensions build theirs per value otherwise. */
const built = new WeakMap<ExpressionScope, Map<string, fc.Arbitrary<Expr>>>()

function generate(sort: Sort, env: Env, depth: number): fc.Arbitrary<Expr> {
  let cache = built.get(env.scope)
  if (!cache) built.set(env.scope, (cache = new Map()))
  const key = `${sort} ${depth} ${env.variables.map((v) => `${v.name}:${v.sort}`).join(',')}`
  let arbitrary = cache.get(key)
  if (!arbitrary) cache.set(key, (arbitrary = build(sort, env, depth)))
  return arbitrary
}

function build(sort: Sort, env: Env, depth: number): fc.Arbitrary<Expr> {
  const choices: fc.Arbitrary<Expr>[] = []
  const leaves = leafArbitraries(sort, env)
  if (depth <= 0 || leaves.length === 0) {
    if (leaves.length > 0) return fc.oneof(...leaves)
  }
  const g = (s: Sort, e: Env = env): fc.Arbitrary<Expr> => generate(s, e, depth - 1)
  if (depth > 0) choices.push(...composite(sort, env, depth, g))
  if (leaves.length === 0) return fc.oneof(...choices)
  return fc.oneof({ arbitrary: fc.oneof(...leaves), weight: 2 }, ...choices.map((arbitrary) => ({ arbitrary, weight: 1 })))
}

function leafArbitraries(sort: Sort, env: Env): fc.Arbitrary<Expr>[] {
  const out: fc.Arbitrary<Expr>[] = []
  const named = [...env.scope.fields, ...env.variables]
  for (const n of named) if (fits(n.sort, sort)) out.push(fc.constant(name(n.name)))
  for (const s of env.scope.settings) if (fits(s.sort, sort)) out.push(fc.constant<Expr>({ kind: 'Member', object: name('settings'), property: s.name, propertySpan: S, span: S }))
  if (fits('string', sort) || sort === 'numeric') out.push(stringLiteral)
  if (fits('number', sort)) out.push(numberLiteral)
  if (fits('boolean', sort)) out.push(booleanLiteral)
  if (sort === 'value') out.push(fc.constant(nullLiteral), fc.constant(absentLiteral))
  if (fits('unknown', sort) && env.scope.event) out.push(eventPath(env.scope))
  if (fits('unknown', sort)) {
    // A member of an object field or variable is unknown too; without any, a parsed JSON literal.
    const objects = named.filter((n) => n.sort === 'object').map((n) => n.name)
    if (objects.length > 0) {
      out.push(fc.tuple(fc.constantFrom(...objects), fc.constantFrom('a', 'b', 'n', 'id')).map(([o, property]): Expr => ({ kind: 'Member', object: name(o), property, propertySpan: S, span: S })))
    } else if (!env.scope.event) {
      out.push(fc.constantFrom('{"a":1,"b":[true,null]}', '[1,"2"]', '"x"', '3.5', 'null', 'nope').map((json) => call('from_json', [{ kind: 'String', value: json, span: S }])))
    }
  }
  if (sort === 'object' && env.scope.settings.length > 0) out.push(fc.constant(name('settings')))
  if (sort === 'object') out.push(fc.constant<Expr>({ kind: 'Object', entries: [], span: S }))
  if (sort === 'array') out.push(fc.constant<Expr>({ kind: 'Array', items: [], span: S }))
  if (fits('string', sort) && env.scope.event) out.push(fc.constant<Expr>({ kind: 'EventPath', segments: [{ kind: 'Key', name: 'event', quoted: false, span: S }], span: S }))
  return out
}

/** `$.properties.a`, `$.properties["a b"]`, `$.properties.list[1]`, `$.properties.obj.a.b`: unknown to the checker. */
function eventPath(scope: ExpressionScope): fc.Arbitrary<Expr> {
  const keys = scope.propertyKeys ?? PROPERTY_KEYS
  const key = (k: string): PathSegment => ({ kind: 'Key', name: k, quoted: !isWord(k) || KEYWORDS.has(k), span: S })
  const tail = fc.array(
    fc.oneof(fc.constantFrom(...keys).map(key), fc.nat({ max: 2 }).map((index): PathSegment => ({ kind: 'Index', index, span: S }))),
    { maxLength: 2 }
  )
  return fc.tuple(fc.constantFrom(...keys), tail, fc.boolean()).map(([first, rest, quotedRoot]): Expr => ({
    kind: 'EventPath',
    segments: [{ kind: 'Key', name: 'properties', quoted: quotedRoot, span: S }, key(first), ...rest],
    span: S
  }))
}

function composite(sort: Sort, env: Env, depth: number, g: (s: Sort, e?: Env) => fc.Arbitrary<Expr>): fc.Arbitrary<Expr>[] {
  const out: fc.Arbitrary<Expr>[] = []
  // Built-in calls whose result fits, arguments by parameter kind.
  for (const builtin of builtinNames) {
    if (!fits(builtinResultSort(builtin), sort)) continue
    const params = builtinSignatures[builtin].params
    out.push(fc.tuple(...params.map((p) => g(argumentSort(p.kind)))).map((args) => call(builtin, args)))
  }
  // A conditional of the sort; one without `else` may be absent, which booleans may not.
  out.push(
    fc.record({ condition: g('boolean'), then: g(sort), otherwise: sort === 'boolean' ? g(sort) : fc.option(g(sort), { nil: undefined }) }).map(({ condition, then, otherwise }) => {
      const expr: Expr = { kind: 'If', condition, then, span: S }
      if (otherwise !== undefined) expr.else = otherwise
      return expr
    })
  )
  switch (sort) {
    case 'boolean':
      out.push(
        fc.tuple(g('boolean'), g('boolean')).map(([l, r]) => binary('and', l, r)),
        fc.tuple(g('boolean'), g('boolean')).map(([l, r]) => binary('or', l, r)),
        g('boolean').map((operand): Expr => ({ kind: 'Not', operand, span: S })),
        // The left side is never a literal: two different literals can never be equal, which the checker refuses.
        fc.tuple(fc.constantFrom('==', '!=' as const), comparable(g), g('value')).map(([op, l, r]) => binary(op, l, r))
      )
      break
    case 'string':
      out.push(
        fc.tuple(g('string'), g('string')).map(([l, r]) => binary('+', l, r)),
        fc.tuple(g('unknown'), g('string')).map(([l, r]) => binary('+', l, r)),
        template(g)
      )
      break
    case 'number':
      out.push(
        fc.tuple(g('number'), g('number')).map(([l, r]) => binary('+', l, r)),
        fc.tuple(g('unknown'), g('number')).map(([l, r]) => binary('+', l, r))
      )
      break
    case 'unknown':
      out.push(
        fc.tuple(g('unknown'), g('value')).map(([l, r]) => binary('??', l, r)),
        fc.tuple(g('unknown'), fc.constantFrom(...(env.scope.propertyKeys ?? PROPERTY_KEYS)).filter((k) => isWord(k))).map(
          ([object, property]): Expr => ({ kind: 'Member', object, property, propertySpan: S, span: S })
        ),
        fc.tuple(g('unknown'), fc.oneof(numberIndex, g('string'), g('number'))).map(([object, index]): Expr => ({ kind: 'Index', object, index, span: S }))
      )
      break
    case 'object':
      out.push(objectLiteral(env, g))
      break
    case 'array':
      out.push(
        fc.constantFrom<Sort>('string', 'number', 'boolean', 'unknown', 'object').chain((item) => fc.array(g(item), { maxLength: 3 })).map((items): Expr => ({ kind: 'Array', items, span: S })),
        comprehension(env, depth)
      )
      break
    case 'scalar':
      out.push(g('string'), g('number'), g('boolean'), g('unknown'))
      break
    case 'datetime':
      out.push(g('string'), g('number'), g('unknown'))
      break
    case 'numeric':
      out.push(g('number'), g('boolean'), g('unknown'))
      break
    case 'value':
      out.push(g('string'), g('number'), g('boolean'), g('unknown'), g('object'), g('array'))
      break
  }
  return out
}

const numberIndex: fc.Arbitrary<Expr> = fc.nat({ max: 3 }).map((n): Expr => ({ kind: 'Number', value: n, raw: String(n), span: S }))

/** What `==` may take on its left: a value the checker cannot pin to one literal. */
function comparable(g: (s: Sort) => fc.Arbitrary<Expr>): fc.Arbitrary<Expr> {
  return fc.oneof(g('unknown'), g('string').map((s) => call('lower', [s])), g('value').map((v) => call('to_json', [v])))
}

function template(g: (s: Sort) => fc.Arbitrary<Expr>): fc.Arbitrary<Expr> {
  return fc
    .array(fc.tuple(g('scalar'), text), { minLength: 0, maxLength: 3 })
    .chain((parts) => text.map((first): Expr => ({ kind: 'Template', quasis: [first, ...parts.map((p) => p[1])], expressions: parts.map((p) => p[0]), span: S })))
}

/** Keys unique within the object (the checker refuses a key given twice), quoted where they must be. */
function objectLiteral(env: Env, g: (s: Sort) => fc.Arbitrary<Expr>): fc.Arbitrary<Expr> {
  const key = fc.oneof(fc.constantFrom('a', 'b', 'id', 'name', 'value', 'in', 'if'), fc.constantFrom('a b', '__proto__', 'constructor', '', '"', '\u2028'))
  const named = [...env.scope.fields, ...env.variables].map((n) => n.name)
  const shorthand: fc.Arbitrary<ObjectEntry>[] =
    named.length === 0
      ? []
      : [fc.constantFrom(...named).map((n): ObjectEntry => ({ kind: 'Property', key: n, keySpan: S, quoted: false, shorthand: true, value: name(n), span: S }))]
  const entry = fc.oneof(
    ...shorthand,
    { weight: 3, arbitrary: fc.tuple(key, g('value')).map(([k, value]): ObjectEntry => ({ kind: 'Property', key: k, keySpan: S, quoted: !isWord(k), shorthand: false, value, span: S })) },
    { weight: 1, arbitrary: fc.oneof(g('object'), g('unknown')).map((value): ObjectEntry => ({ kind: 'Spread', value, span: S })) },
    // `...o without (a, "a b")`: keys a spread leaves out; and `a: absent`, which removes `a` from the spreads before it.
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.oneof(g('object'), g('unknown')), fc.uniqueArray(key, { minLength: 1, maxLength: 2 }))
        .map(([value, keys]): ObjectEntry => ({ kind: 'Spread', value, span: S, without: keys.map((k) => ({ key: k, quoted: !isWord(k), span: S })) }))
    },
    { weight: 1, arbitrary: key.map((k): ObjectEntry => ({ kind: 'Property', key: k, keySpan: S, quoted: !isWord(k), shorthand: false, value: absentLiteral, span: S })) }
  )
  return fc
    .array(entry, { maxLength: 4 })
    .map((entries) => {
      const seen = new Set<string>()
      return entries.filter((e) => e.kind === 'Spread' || (!seen.has(e.key) && (seen.add(e.key), true)))
    })
    .map((entries): Expr => ({ kind: 'Object', entries, span: S }))
}

const LOOP_VARIABLES = ['x', 'item', 'each']

/** `[for x in list: body]`: the variable has the sort of the list's items. */
function comprehension(env: Env, depth: number): fc.Arbitrary<Expr> {
  const free = LOOP_VARIABLES.filter((v) => !env.variables.some((n) => n.name === v) && !env.scope.fields.some((f) => f.name === v))
  if (free.length === 0) return generate('array', env, 0)
  const listOf = (item: NamedValue['sort']): fc.Arbitrary<{ iterable: Expr; item: NamedValue['sort'] }> =>
    fc.array(generate(item, env, depth - 1), { maxLength: 3 }).map((items) => ({ iterable: { kind: 'Array', items, span: S } as Expr, item }))
  const iterable = fc.oneof(
    generate('unknown', env, depth - 1).map((iterable) => ({ iterable, item: 'unknown' as const })),
    listOf('string'),
    listOf('number'),
    listOf('unknown')
  )
  return fc.tuple(fc.constantFrom(...free), iterable, fc.constantFrom<Sort>('value', 'string', 'boolean', 'object')).chain(([variable, { iterable, item }, bodySort]) =>
    generate(bodySort, { ...env, variables: [...env.variables, { name: variable, sort: item }] }, depth - 1).map(
      (body): Expr => ({ kind: 'For', variable: { kind: 'Identifier', name: variable, span: S }, iterable, body, span: S })
    )
  )
}

/** An expression as source text, printed by the formatter on one line where it fits. */
export function expressionText(expr: Expr): string {
  return printDoc(printExpression(expr, new CommentPrinter(new Map())), LINE_WIDTH)
}

/** Values the keys of `PROPERTY_KEYS` take in generated events: every kind a path may meet. */
export const propertyValueArbitrary: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    fc.constantFrom('', ' ', '0', '12', '-3.5', '1e3', 'abc', 'Hello World', '2024-02-29T12:00:00Z', '2024-02-29', 'not a date', 'true', 'null'),
    fc.integer({ min: -5, max: 1e6 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(0, -0, 1, 1.5, 1700000000000, true, false, null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'n', 'list', 'obj', '__proto__', 'constructor'), tie('value'), { maxKeys: 3 })
  )
})).value
