/**
 * Payloads for an action's payload schema, valid and not: each declared field absent, of its
 * type, of another type, or a string that is almost right for its format; plus keys the schema
 * does not declare, `__proto__` and `constructor` among them. Built as JSON.parse builds objects.
 */
import fc from 'fast-check'
import { hostileKeyArbitrary, jsonValueArbitrary } from '../../../src/testing/index.js'
import { plainObject } from '../../../src/testing/plain-object.js'

type Schema = Record<string, unknown>

const almostEmails = ['ada@example.com', 'ada@example', 'ada example.com', '@example.com', 'a@b.co', '']
const almostDates = ['2024-05-01T10:00:00Z', '2024-05-01', '2024-05-01 10:00', '2024-02-30', '2024-05-01T24:00:00Z', '1714557600000', 'yesterday', '2024-13-01']

function scalarFor(schema: Schema): fc.Arbitrary<unknown> {
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : typeof schema.type === 'string' ? [schema.type] : []
  const options: fc.Arbitrary<unknown>[] = [jsonValueArbitrary(2)]
  if (Array.isArray(schema.enum)) options.push(fc.constantFrom(...(schema.enum as unknown[])))
  if (types.includes('string')) options.push(fc.string({ maxLength: 8 }), fc.constantFrom(...almostEmails, ...almostDates))
  if (types.includes('number') || types.includes('integer')) {
    options.push(fc.integer({ min: -1e6, max: 1e6 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(1714557600000))
  }
  if (types.includes('boolean')) options.push(fc.boolean())
  if (types.includes('object')) options.push(fc.dictionary(hostileKeyArbitrary(), jsonValueArbitrary(1), { maxKeys: 3 }).map((o) => plainObject(Object.entries(o))))
  if (types.includes('array')) {
    const items = (schema.items as Schema | undefined) ?? {}
    options.push(fc.array(scalarFor(items), { maxLength: 3 }))
  }
  return fc.oneof(...options)
}

export function payloadArbitrary(schema: unknown): fc.Arbitrary<Record<string, unknown>> {
  const properties = Object.entries(((schema as Schema).properties as Record<string, Schema> | undefined) ?? {})
  const declared = fc.tuple(...properties.map(([name, property]) => fc.option(scalarFor(property).map((value) => [name, value] as const), { nil: undefined, freq: 3 })))
  const extra = fc.array(fc.tuple(hostileKeyArbitrary(), jsonValueArbitrary(1)), { maxLength: 2 })
  return fc.tuple(declared, extra).map(([fields, extras]) =>
    plainObject([...fields.filter((f): f is readonly [string, unknown] => f !== undefined), ...extras])
  )
}
