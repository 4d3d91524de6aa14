import { describe, expect, it } from 'vitest'
import { checkConformance, substitute, type ConformanceContext, type SchemaIssue } from '../../src/compiler/check/schema-conformance.js'
import type { JsonSchema } from '../../src/compiler/check/schema-types.js'
import {
  absentType,
  anyType,
  arrayType,
  datetimeType,
  numberType,
  objectType,
  openObjectType,
  stringType,
  union,
  type Type
} from '../../src/compiler/check/types.js'
import { typedExpression, type Names } from './support/typed-expression.js'

const order: JsonSchema = {
  type: 'object',
  required: ['order_id', 'total'],
  additionalProperties: false,
  properties: {
    order_id: { type: 'string' },
    total: { type: 'number' },
    quantity: { type: 'integer' },
    status: { enum: ['open', 'closed'] },
    tags: { type: 'array', items: { type: 'string' } },
    placed_at: { type: 'string' },
    note: { type: ['string', 'null'] }
  }
}

const noShapes: ConformanceContext = { root: true, params: new Map(), instantiate: () => undefined }

/** `code col path: message` for each issue: the column is where the caret goes on line 1. */
function issues(text: string, schema: JsonSchema, names: Names = {}, ctx: ConformanceContext = noShapes): string[] {
  return checkConformance(typedExpression(text, names), schema, 'body', ctx).map(render)
}

function render(i: SchemaIssue): string {
  return `${i.code} ${i.span.start.column} ${i.message}`
}

const optionalString = union(stringType, absentType)

describe('checkConformance: objects', () => {
  it('accepts what the schema describes', () => {
    expect(issues('{ order_id: "o1", total: 12.5, status: "open", tags: ["a"], note: null }', order)).toEqual([])
  })

  it('reports a missing required property at the object', () => {
    expect(issues('{ order_id: "o1" }', order)).toEqual(['MAPC4002 1 `body.total` is required by the API but not sent'])
  })

  it('warns at the value when a required property may be absent', () => {
    expect(issues('{ order_id: id, total: 1 }', order, { fields: { id: optionalString } })).toEqual([
      'MAPC4007 13 `body.order_id` is required by the API but may be absent'
    ])
  })

  it('does not warn for a value of unknown type', () => {
    expect(issues('{ order_id: id, total: 1 }', order, { fields: { id: anyType } })).toEqual([])
  })

  it('reports a value of the wrong type at the value', () => {
    expect(issues('{ order_id: "o1", total: "12" }', order)).toEqual(['MAPC4003 26 `body.total` must be number, not "12"'])
  })

  it('reports a property a closed object does not allow at its value', () => {
    expect(issues('{ order_id: "o1", total: 1, coupon: "X" }', order)).toEqual(['MAPC4004 37 the API does not accept `body.coupon`'])
  })

  it('checks extra properties against additionalProperties', () => {
    const map: JsonSchema = { type: 'object', additionalProperties: { type: 'string' } }
    expect(issues('{ a: "x", b: 2 }', map)).toEqual(['MAPC4003 14 `body.b` must be string, not 2'])
  })

  it('trusts an open spread to carry required properties', () => {
    expect(issues('{ order_id: "o1", ...extra }', order, { fields: { extra: openObjectType } })).toEqual([])
  })

  it('trusts an open object to carry a required property it does not declare, whatever its other keys hold', () => {
    // A map of strings may hold `order_id`; it is not "possibly absent" any more than an untyped map.
    expect(issues('{ ...labels, total: 1 }', order, { fields: { labels: objectType({}, stringType) } })).toEqual([])
  })

  it('checks the properties an opaque object value is known to have', () => {
    const value = objectType({ order_id: stringType, total: stringType })
    expect(issues('o', order, { fields: { o: value } })).toEqual(['MAPC4003 1 `body.total` must be number, not string'])
    expect(issues('o', order, { fields: { o: objectType({ order_id: stringType }) } })).toEqual([
      'MAPC4002 1 `body.total` is required by the API but not sent'
    ])
  })

  it('reports every problem of nested objects with their full path', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: { customer: { type: 'object', required: ['id'], additionalProperties: false, properties: { id: { type: 'string' } } } }
    }
    expect(issues('{ customer: { name: "A" } }', schema)).toEqual([
      'MAPC4002 13 `body.customer.id` is required by the API but not sent',
      'MAPC4004 21 the API does not accept `body.customer.name`'
    ])
  })
})

describe('checkConformance: scalars', () => {
  it('checks enum and const literals', () => {
    expect(issues('{ order_id: "o", total: 1, status: "pending" }', order)).toEqual([
      'MAPC4003 36 `body.status` must be "open" or "closed", not "pending"'
    ])
    expect(issues('"update"', { const: 'create-or-update' })).toEqual(['MAPC4003 1 `body` must be "create-or-update", not "update"'])
  })

  it('takes a whole number literal, or a number of unknown value, for an integer', () => {
    expect(issues('{ order_id: "o", total: 1, quantity: 2 }', order)).toEqual([])
    expect(issues('{ order_id: "o", total: 1, quantity: n }', order, { fields: { n: numberType } })).toEqual([])
    expect(issues('{ order_id: "o", total: 1, quantity: 2.5 }', order)).toEqual(['MAPC4003 38 `body.quantity` must be integer, not 2.5'])
  })

  it('lets a datetime through as a string or a number', () => {
    expect(issues('{ order_id: "o", total: 1, placed_at: t }', order, { fields: { t: datetimeType } })).toEqual([])
    expect(issues('{ order_id: "o", total: t }', order, { fields: { t: datetimeType } })).toEqual([])
  })

  it('reports a value where the schema is false', () => {
    expect(issues('{ a: 1 }', { type: 'object', properties: { a: false } })).toEqual(['MAPC4004 6 the API does not accept `body.a`'])
    expect(issues('{ a: 1 }', false)).toEqual(['MAPC4004 1 the API accepts no `body`'])
  })

  it('accepts null only where the schema does', () => {
    expect(issues('{ order_id: null, total: 1 }', order)).toEqual(['MAPC4003 13 `body.order_id` must be string, not null'])
  })
})

describe('checkConformance: arrays', () => {
  it('checks each item of an array literal at its index', () => {
    expect(issues('{ order_id: "o", total: 1, tags: ["a", 2] }', order)).toEqual(['MAPC4003 40 `body.tags[1]` must be string, not 2'])
  })

  it('checks the body of a for expression once', () => {
    expect(issues('{ order_id: "o", total: 1, tags: [for x in xs: 1] }', order, { fields: { xs: arrayType(stringType) } })).toEqual([
      'MAPC4003 48 `body.tags[]` must be string, not 1'
    ])
  })

  it('checks the items of an opaque array value', () => {
    expect(issues('{ order_id: "o", total: 1, tags: xs }', order, { fields: { xs: arrayType(numberType) } })).toEqual([
      'MAPC4003 34 `body.tags[]` must be string, not number'
    ])
  })
})

describe('checkConformance: expressions it sees through', () => {
  it('checks both branches of an if, and the then branch alone without else', () => {
    expect(issues('if c then { order_id: "o", total: 1 } else { order_id: "o" }', order, { fields: { c: { kind: 'boolean' } } })).toEqual([
      'MAPC4002 44 `body.total` is required by the API but not sent'
    ])
    expect(issues('{ order_id: "o", total: 1, tags: if c then [1] }', order, { fields: { c: { kind: 'boolean' } } })).toEqual([
      'MAPC4003 45 `body.tags[0]` must be string, not 1'
    ])
  })

  it('checks both sides of ??', () => {
    expect(issues('{ order_id: id ?? 7, total: 1 }', order, { fields: { id: optionalString } })).toEqual([
      'MAPC4003 19 `body.order_id` must be string, not 7'
    ])
  })

  it('checks a parameter as the argument it is bound to', () => {
    const argument = typedExpression('"12"')
    const ctx: ConformanceContext = { ...noShapes, params: new Map([['t', argument]]) }
    const body = typedExpression('{ order_id: "o", total: t }', { params: { t: anyType } })
    expect(checkConformance(substitute(body, ctx.params), order, 'body', ctx).map(render)).toEqual([
      'MAPC4003 1 `body.total` must be number, not "12"'
    ])
  })
})

describe('checkConformance: schemas', () => {
  it('resolves $ref against the root', () => {
    const root: JsonSchema = { definitions: { order } }
    expect(issues('{ order_id: "o" }', { $ref: '#/definitions/order' }, {}, { ...noShapes, root })).toEqual([
      'MAPC4002 1 `body.total` is required by the API but not sent'
    ])
    expect(issues('{ order_id: "o" }', { $ref: '#/definitions/missing' }, {}, { ...noShapes, root })).toEqual([])
  })

  it('passes when any oneOf branch fits, else reports the closest branch', () => {
    const either: JsonSchema = { oneOf: [{ type: 'string' }, order] }
    expect(issues('"o1"', either)).toEqual([])
    expect(issues('{ order_id: "o1", total: 1 }', either)).toEqual([])
    expect(issues('{ order_id: "o1" }', either)).toEqual(['MAPC4002 1 `body.total` is required by the API but not sent'])
  })

  it('applies every allOf part', () => {
    const both: JsonSchema = {
      allOf: [
        { type: 'object', required: ['a'] },
        { type: 'object', required: ['b'] }
      ]
    }
    expect(issues('{ c: 1 }', both)).toEqual([
      'MAPC4002 1 `body.a` is required by the API but not sent',
      'MAPC4002 1 `body.b` is required by the API but not sent'
    ])
  })

  it('stops on a schema that refers to itself', () => {
    const root: JsonSchema = { definitions: { node: { type: 'object', properties: { child: { $ref: '#/definitions/node' } } } } }
    let deep: Type = numberType
    for (let i = 0; i < 200; i++) deep = objectType({ child: deep })
    const value = typedExpression('v', { fields: { v: deep } })
    // The walk gives up past its depth limit instead of overflowing the stack: no issue is invented.
    expect(checkConformance(value, { $ref: '#/definitions/node' }, 'body', { ...noShapes, root })).toEqual([])
  })
})
