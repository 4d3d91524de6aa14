/**
 * fast-check generators for triggers and events that exercise Segment's comparison rules: the
 * literals of the triggers and the values of the events come from overlapping pools, so
 * comparisons succeed as often as they fail.
 */
import fc from 'fast-check'
import type { Trigger, TriggerOperator } from '../../src/compiler/syntax/ast.js'
import { and, call, cmp, not, or, type Literal } from './trigger-ast.js'

/** Runs of each property: 1,000 normally, more with MAPC_PROPERTY_RUNS=100000. */
export const propertyRuns = Number(process.env.MAPC_PROPERTY_RUNS ?? 1000)

export const eventTypes = ['identify', 'track', 'group', 'page', 'screen', 'alias'] as const

const eventNames = ['Order Completed', 'Order Started', 'Signed Up', 'Product Viewed', 'Home']

/** Keys of properties/traits/context: a few common ones, so paths often hit, and odd ones. */
const commonKeys = ['total', 'plan', 'email', 'flag']
const oddKeys = ['items', 'a', 'Order ID', 'prénom', '0', 'and', 'null', '__proto__', 'constructor', 'length']

const strings = [
  ...eventTypes,
  ...eventNames,
  'Order',
  'pro',
  '',
  '3',
  '3.0',
  '-1.5',
  'true',
  'false',
  'null',
  'Zoë 👋',
  'a@example.com',
  'back`tick ${x} */ \\',
  '\u2028\u2029',
  'nul\u0000',
  '__proto__'
]

const numbers = [0, -0, 1, 3, -1.5, 0.1, 10, 42, 1e21, 1.5e-7]

const stringArb = fc.oneof(
  { weight: 40, arbitrary: fc.constantFrom(...strings) },
  { weight: 6, arbitrary: fc.string({ maxLength: 6 }) },
  // FQL cannot write a quote: reported as incompatible, so rare here.
  { weight: 1, arbitrary: fc.constant('say "hi"') }
)
const numberArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...numbers) },
  { weight: 1, arbitrary: fc.integer({ min: -5, max: 50 }) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) }
)
const scalarArb: fc.Arbitrary<Literal> = fc.oneof(stringArb, numberArb, fc.boolean(), fc.constant(null))

const keyArb = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...commonKeys) },
  { weight: 6, arbitrary: fc.constantFrom(...oddKeys) },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 4 }) }
)

/** Paths Segment reads, with a few it does not (reported as incompatible and skipped). */
export const pathArb: fc.Arbitrary<string[]> = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom<string[]>(['type'], ['event'], ['name'], ['userId']) },
  { weight: 16, arbitrary: fc.tuple(fc.constantFrom('properties', 'traits', 'context'), keyArb).map(([r, k]) => [r, k]) },
  {
    weight: 8,
    arbitrary: fc.tuple(fc.constantFrom('properties', 'traits', 'context'), keyArb, keyArb).map(([r, k, k2]) => [r, k, k2])
  },
  { weight: 1, arbitrary: fc.constantFrom<string[]>(['anonymousId'], ['event', 'x'], ['properties']) },
  { weight: 2, arbitrary: fc.constant<string[]>(['context', 'traits', 'email']) }
)

const operatorArb = fc.constantFrom<TriggerOperator>('=', '!=', '<', '<=', '>', '>=')

const compareArb: fc.Arbitrary<Trigger> = fc
  .tuple(pathArb, fc.oneof({ weight: 1, arbitrary: fc.constantFrom<TriggerOperator>('=', '!=') }, { weight: 1, arbitrary: operatorArb }), scalarArb)
  .map(([path, operator, literal]) => cmp(path, operator, literal))

const patternArb = fc.oneof(
  stringArb.map((s) => `${s}*`),
  stringArb.map((s) => `*${s}`),
  fc.constantFrom('*', '**', 'Order *', '*Completed', 'a*b*', '*x*')
)

/** Segment's calls do not read `type`, so it is rare here. */
const callPathArb: fc.Arbitrary<string[]> = fc.oneof(
  { weight: 25, arbitrary: pathArb.filter((path) => path.join('.') !== 'type') },
  { weight: 1, arbitrary: fc.constant<string[]>(['type']) }
)

const callArb: fc.Arbitrary<Trigger> = fc.oneof(
  fc.tuple(callPathArb, stringArb).map(([path, text]) => call('contains', path, text)),
  fc.tuple(callPathArb, patternArb).map(([path, pattern]) => call('match', path, pattern))
)

const leafArb: fc.Arbitrary<Trigger> = fc.oneof(
  { weight: 10, arbitrary: compareArb },
  { weight: 4, arbitrary: callArb },
  { weight: 4, arbitrary: callArb.map(not) },
  { weight: 1, arbitrary: compareArb.map(not) }
)

const combine = (kind: 'and' | 'or', parts: Trigger[]): Trigger => {
  const [first, second, ...rest] = parts
  if (first === undefined) throw new Error('combine needs at least one trigger')
  if (second === undefined) return first
  return kind === 'and' ? and(first, second, ...rest) : or(first, second, ...rest)
}

/** The shape Segment's parser reads: one operator at the top, groups of conditions one level down. */
const segmentShapedArb: fc.Arbitrary<Trigger> = fc
  .tuple(
    fc.constantFrom<'and' | 'or'>('and', 'or'),
    fc.array(
      fc.oneof(
        { weight: 3, arbitrary: leafArb },
        {
          weight: 1,
          arbitrary: fc
            .tuple(fc.constantFrom<'and' | 'or'>('and', 'or'), fc.array(leafArb, { minLength: 2, maxLength: 3 }))
            .map(([kind, leaves]) => combine(kind, leaves))
        }
      ),
      { minLength: 1, maxLength: 4 }
    )
  )
  .map(([kind, parts]) => combine(kind, parts))

/** Any tree of and/or/not, up to depth 4. */
const anyTreeArb: fc.Arbitrary<Trigger> = fc.letrec<{ tree: Trigger }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    leafArb,
    fc.tuple(tie('tree'), tie('tree')).map(([l, r]) => and(l, r)),
    fc.tuple(tie('tree'), tie('tree')).map(([l, r]) => or(l, r)),
    tie('tree').map(not)
  )
})).tree

export const triggerArb: fc.Arbitrary<Trigger> = fc.oneof({ weight: 5, arbitrary: segmentShapedArb }, { weight: 1, arbitrary: anyTreeArb })

/** Values inside properties/traits/context: scalars, nested objects and arrays of objects. */
const fieldValueArb: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 2 },
    { weight: 4, arbitrary: scalarArb },
    { weight: 1, arbitrary: fc.array(fc.tuple(keyArb, tie('value')), { maxLength: 3 }).map((entries) => Object.fromEntries(entries)) },
    { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 2 }) }
  )
})).value

const objectOrOddArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.array(fc.tuple(keyArb, fieldValueArb), { maxLength: 6 }).map((entries) => Object.fromEntries(entries)) },
  { weight: 1, arbitrary: scalarArb },
  { weight: 1, arbitrary: fc.array(fieldValueArb, { maxLength: 2 }) }
)

const optional = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: 4, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(undefined) })

/**
 * Events of every call type, as JSON objects (parsed from JSON text, so a `__proto__` key is an own
 * property, as it is for events Segment receives).
 */
export const eventArb: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    type: optional(fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...eventTypes) }, { weight: 1, arbitrary: scalarArb })),
    event: optional(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...eventNames) }, { weight: 1, arbitrary: scalarArb })),
    name: optional(fc.oneof(fc.constantFrom(...eventNames), scalarArb)),
    userId: optional(scalarArb),
    anonymousId: optional(stringArb),
    properties: optional(objectOrOddArb),
    traits: optional(objectOrOddArb),
    context: optional(objectOrOddArb)
  })
  .map((event) => JSON.parse(JSON.stringify(event)) as Record<string, unknown>)
