/**
 * ajv errors → validation issues, for the shapes of error the crm destination cannot produce on
 * its own (nested paths, escaped pointers, unknown names), checked on ajv's own error objects.
 */
import { Ajv } from 'ajv'
import { describe, expect, it } from 'vitest'
import type { ValidationErrorObject } from '../../../src/runtime/contract.js'
import { issuesFromAjv, type NamedValue } from '../../../src/runtime/delivery/validation-issues.js'

const loc = (line: number) => ({ file: 'x.map', line, column: 5 })
const fields: NamedValue[] = [
  { name: 'contact', label: 'Contact', type: 'object', loc: loc(3) },
  { name: 'a/b~c', label: 'Odd name', type: 'string', loc: loc(4) },
  { name: 'amount', label: 'Amount', type: 'number', loc: loc(5) }
]

function errorsOf(schema: object, data: unknown): ValidationErrorObject[] {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema)
  expect(validate(data)).toBe(false)
  return validate.errors ?? []
}

describe('issuesFromAjv', () => {
  it('names the field a nested required property belongs to, and the property', () => {
    const schema = { type: 'object', properties: { contact: { type: 'object', required: ['email'] } } }
    expect(issuesFromAjv(errorsOf(schema, { contact: {} }), fields)).toEqual([
      { field: 'contact', label: 'Contact', message: 'is missing email', location: loc(3) }
    ])
  })

  it('gives the path inside a field as users write it', () => {
    const schema = {
      type: 'object',
      properties: { contact: { type: 'object', properties: { emails: { type: 'array', items: { type: 'string', format: 'email' } }, 'first name': { type: 'string' } } } }
    }
    const formats = new Ajv({ allErrors: true, strict: false })
    formats.addFormat('email', /@/)
    const validate = formats.compile(schema)
    expect(validate({ contact: { emails: ['a@x', 'nope'], 'first name': 3 } })).toBe(false)
    expect(issuesFromAjv(validate.errors ?? [], fields).map((i) => i.message)).toEqual([
      'must be a valid email address at emails[1]',
      'must be a string at ["first name"]'
    ])
  })

  it('unescapes JSON pointer segments (~1 is /, ~0 is ~)', () => {
    const schema = { type: 'object', properties: { 'a/b~c': { type: 'string' } } }
    expect(issuesFromAjv(errorsOf(schema, { 'a/b~c': 1 }), fields)).toEqual([
      { field: 'a/b~c', label: 'Odd name', message: 'must be a string', location: loc(4) }
    ])
  })

  it('names a top-level property that is not a field, without label or location', () => {
    const schema = { type: 'object', properties: { amount: { type: 'number' } }, additionalProperties: false }
    expect(issuesFromAjv(errorsOf(schema, { amount: 1, extra: 2 }), fields)).toEqual([{ field: 'extra', message: 'is not a field of this action' }])
    expect(issuesFromAjv(errorsOf(schema, { extra: 2 }), fields, { missing: 'is missing', unknown: 'is not a setting' })).toEqual([
      { field: 'extra', message: 'is not a setting' }
    ])
  })

  it('words a union of types and a list of choices', () => {
    const schema = { type: 'object', properties: { amount: { type: ['number', 'string'] }, contact: { enum: ['a', 1] } } }
    expect(issuesFromAjv(errorsOf(schema, { amount: true, contact: 'b' }), fields).map((i) => i.message)).toEqual([
      'must be a number or a string',
      'must be one of "a", 1'
    ])
  })

  it('words the bounds of a number, and reports each problem once', () => {
    const schema = { type: 'object', properties: { amount: { type: 'number', minimum: 10 } } }
    const errors = errorsOf(schema, { amount: 3 })
    expect(issuesFromAjv([...errors, ...errors], fields)).toEqual([
      { field: 'amount', label: 'Amount', message: 'must be at least 10', location: loc(5) }
    ])
  })

  it("falls back to ajv's message for other keywords", () => {
    const schema = { type: 'object', properties: { amount: { type: 'number', multipleOf: 5 } } }
    expect(issuesFromAjv(errorsOf(schema, { amount: 3 }), fields)).toEqual([
      { field: 'amount', label: 'Amount', message: 'must be multiple of 5', location: loc(5) }
    ])
  })

  it('reports a payload that is not an object against the payload as a whole', () => {
    expect(issuesFromAjv(errorsOf({ type: 'object' }, 'text'), fields)).toEqual([{ field: '', message: 'must be an object' }])
  })
})
