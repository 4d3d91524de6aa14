/**
 * A destination written around generated expressions (src/testing/expression-arbitrary.ts): each
 * field default holds one expression over the event and the settings, and the one request's JSON
 * body holds expressions over the payload fields and the settings. The names and sorts below are
 * what the expressions may read; the values generated for them must match the declarations.
 */
import fc from 'fast-check'
import type { Expr } from '../../../src/compiler/syntax/ast.js'
import { expressionArbitrary, expressionText, propertyValueArbitrary, PROPERTY_KEYS, type ExpressionScope } from '../../../src/testing/expression-arbitrary.js'
import { eventArbitrary } from '../../../src/testing/index.js'
import type { SegmentEvent } from '../../../src/runtime/contract.js'

export const GENERATED_FILE = 'test/emit/generated.map'
export const GENERATED_ENDPOINT = 'POST https://api.generated.test/v1/items'

export const settingsScope: ExpressionScope['settings'] = [
  { name: 'region', sort: 'string' },
  { name: 'limit', sort: 'number' },
  { name: 'enabled', sort: 'boolean' },
  { name: 'prefix', sort: 'string' }
]

export const fieldsScope: ExpressionScope['fields'] = [
  { name: 'email', sort: 'string' },
  { name: 'score', sort: 'number' },
  { name: 'active', sort: 'boolean' },
  { name: 'note', sort: 'string' },
  { name: 'traits', sort: 'object' },
  { name: 'tags', sort: 'array' }
]

/** Field defaults read the event and the settings. */
export const defaultScope: ExpressionScope = { event: true, propertyKeys: PROPERTY_KEYS, settings: settingsScope, fields: [] }
/** The request reads the payload and the settings. */
export const requestScope: ExpressionScope = { event: false, settings: settingsScope, fields: fieldsScope }

export interface GeneratedExpressions {
  defaults: Expr[]
  body: Expr[]
}

export function generatedExpressionsArbitrary(depth = 3, count = { defaults: 3, body: 3 }): fc.Arbitrary<GeneratedExpressions> {
  return fc.record({
    defaults: fc.array(expressionArbitrary('value', defaultScope, { depth }), { minLength: 1, maxLength: count.defaults }),
    body: fc.array(expressionArbitrary('value', requestScope, { depth }), { minLength: 1, maxLength: count.body })
  })
}

const indentLines = (text: string, by: string): string => text.split('\n').join(`\n${by}`)

/** The `.map` text: each expression is the value of `v` in an object, so that every field is an object. */
export function generatedDestinationText(expressions: GeneratedExpressions): string {
  const defaults = expressions.defaults
    .map((e, i) => `    field out${i}: object {\n      label "Out ${i}"\n      default { v: ${indentLines(expressionText(e), '      ')} }\n    }`)
    .join('\n')
  const body = expressions.body.map((e, i) => `          v${i}: ${indentLines(expressionText(e), '          ')},`).join('\n')
  return `destination generated {
  title "Generated"
  accepts track
  setting region: string required { label "Region" }
  setting limit: number required { label "Limit" }
  setting enabled: boolean required { label "Enabled" }
  setting prefix: string required { label "Prefix" }
  auth none { }
  action items {
    title "Items"
    trigger type = "track"
    field email: string required { label "Email" }
    field score: number required { label "Score" }
    field active: boolean required { label "Active" }
    field note: string required { label "Note" }
    field traits: object required { label "Traits" }
    field tags: array required { label "Tags" }
${defaults}
    perform {
      send POST "https://api.generated.test/v1/items" {
        json {
${body}
        }
      }
    }
  }
}
`
}

/** Settings as a configured subscription has them: validated against their declarations. */
export const settingsValueArbitrary: fc.Arbitrary<Record<string, unknown>> = fc.record({
  region: propertyTextArbitrary(),
  limit: fc.oneof(fc.integer({ min: -10, max: 1000 }), fc.double({ noNaN: true, noDefaultInfinity: true })),
  enabled: fc.boolean(),
  prefix: propertyTextArbitrary()
})

function propertyTextArbitrary(): fc.Arbitrary<string> {
  return fc.oneof(fc.constantFrom('', 'eu', 'US West', ' 12 ', '2024-02-29T12:00:00Z', 'x"y', 'ä'), fc.string({ maxLength: 6 }))
}

/** A payload that passes the action's validation: every field present with its declared type. */
export const payloadArbitrary: fc.Arbitrary<Record<string, unknown>> = fc.record({
  email: propertyTextArbitrary(),
  score: fc.oneof(fc.integer({ min: -10, max: 1000 }), fc.double({ noNaN: true, noDefaultInfinity: true })),
  active: fc.boolean(),
  note: propertyTextArbitrary(),
  traits: fc.dictionary(fc.constantFrom('a', 'b', 'n', 'id', '__proto__'), propertyValueArbitrary, { maxKeys: 3 }),
  tags: fc.array(propertyValueArbitrary, { maxLength: 3 })
})

/** Track events whose properties hold the keys the expressions read, with values of every kind. */
export const generatedEventArbitrary: fc.Arbitrary<SegmentEvent> = fc
  .tuple(eventArbitrary('track'), fc.dictionary(fc.constantFrom(...PROPERTY_KEYS), propertyValueArbitrary, { maxKeys: PROPERTY_KEYS.length }))
  .map(([event, properties]) => ({ ...event, properties }) as SegmentEvent)
