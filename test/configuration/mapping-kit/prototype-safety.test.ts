/**
 * Mappings and events are untrusted JSON. Keys named `__proto__`, `constructor` and `prototype`
 * must stay ordinary keys: reading never reaches a prototype, and neither compiling nor
 * resolving changes `Object.prototype` or gives an output object another prototype.
 */
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { MappingError } from '../../../src/runtime/errors/index.js'
import { compileMapping } from '../../../src/configuration/mapping-kit/index.js'

const propertyRuns = Number(process.env.MAPC_PROPERTY_RUNS ?? 1000)

const hostileKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'polluted']

function prototypeSnapshot(): string[] {
  return [Object.prototype, Array.prototype, Function.prototype].map((proto) => Object.getOwnPropertyNames(proto).sort().join(','))
}

const before = prototypeSnapshot()

afterEach(() => {
  expect(prototypeSnapshot()).toEqual(before)
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
})

/** Every object in `value` is a plain object or array with the standard prototype. */
function expectOrdinary(value: unknown): void {
  if (Array.isArray(value)) {
    expect(Object.getPrototypeOf(value)).toBe(Array.prototype)
    value.forEach(expectOrdinary)
  } else if (typeof value === 'object' && value !== null) {
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype)
    for (const key of Object.keys(value)) expectOrdinary((value as Record<string, unknown>)[key])
  }
}

describe('hostile keys', () => {
  const event = JSON.parse(
    '{"traits":{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}},"items":[{"__proto__":{"polluted":"yes"}}]}'
  ) as object

  it.each([
    ['a raw object with a __proto__ key', '{"__proto__":{"polluted":"yes"}}', '{"__proto__":{"polluted":"yes"}}'],
    ['a raw object with constructor.prototype', '{"constructor":{"prototype":{"polluted":"yes"}}}', '{"constructor":{"prototype":{"polluted":"yes"}}}'],
    ['@path to an own __proto__', '{"@path":"$.traits.__proto__"}', '{"polluted":"yes"}'],
    ['@merge of an object with a __proto__ key', '{"@merge":{"objects":[{"@path":"$.traits"}],"direction":"right"}}', '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}'],
    ['@flatten of an object with a __proto__ key', '{"@flatten":{"value":{"@path":"$.traits"},"separator":"."}}', '{"__proto__.polluted":"yes","constructor.prototype.polluted":"yes"}'],
    ['@json decode of a __proto__ key', '{"@json":{"mode":"decode","value":"{\\"__proto__\\":{\\"polluted\\":\\"yes\\"}}"}}', '{"__proto__":{"polluted":"yes"}}'],
    ['@arrayPath over items with __proto__ keys', '{"@arrayPath":["$.items",{"p":{"@path":"$.__proto__"}}]}', '[{"p":{"polluted":"yes"}}]'],
    ['@literal with a __proto__ key', '{"@literal":{"__proto__":{"polluted":"yes"}}}', '{"__proto__":{"polluted":"yes"}}'],
    ['@if with a __proto__ branch', '{"@if":{"exists":"x","then":{"__proto__":{"polluted":"yes"}}}}', '{"__proto__":{"polluted":"yes"}}']
  ])('%s', (_name, mappingJson, expectedJson) => {
    const output = compileMapping(JSON.parse(mappingJson), 'mapping.x')(event)
    expect(JSON.stringify(output)).toBe(expectedJson)
    expectOrdinary(output)
  })

  it('inherited names read nothing', () => {
    for (const key of hostileKeys) {
      expect(compileMapping({ '@path': `$.${key}` }, 'mapping.x')({})).toBeUndefined()
      expect(compileMapping({ '@path': `$.traits.${key}.x` }, 'mapping.x')({ traits: {} })).toBeUndefined()
      expect(compileMapping({ '@template': `[{{${key}}}]` }, 'mapping.x')({})).toBe('[]')
    }
  })

  it('directive option names are own keys only: an inherited "then" is not an option', () => {
    const options = Object.create({ then: 'inherited' }) as Record<string, unknown>
    options.exists = 'x'
    // Without an own "then" the directive has no branch: the value is absent whatever the condition.
    expect(compileMapping({ '@if': options }, 'mapping.x')({})).toBeUndefined()
  })
})

describe('generated mappings and events with hostile keys', () => {
  const keyArb = fc.oneof(fc.constantFrom(...hostileKeys, 'a', 'b'), fc.string({ maxLength: 3 }))
  const jsonArb = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', maxDepth: 3 },
      fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.boolean(), fc.constant(null)),
      fc.array(tie('value'), { maxLength: 3 }),
      fc.array(fc.tuple(keyArb, tie('value')), { maxLength: 4 }).map(toObject)
    )
  })).value
  const pathArb = fc.array(fc.constantFrom(...hostileKeys, 'a', 'b', '0'), { minLength: 1, maxLength: 3 }).map((keys) => `$${keys.map((k) => `["${k}"]`).join('')}`)
  const directiveArb = fc.oneof(
    pathArb.map((path) => ({ '@path': path })),
    pathArb.map((path) => ({ '@template': `{{${path}}}/{{{${path}}}}` })),
    pathArb.map((path) => ({ '@merge': { objects: [{ '@path': path }, { '@path': '$' }], direction: 'right' } })),
    pathArb.map((path) => ({ '@flatten': { value: { '@path': path }, separator: '.' } })),
    pathArb.map((path) => ({ '@arrayPath': [path, { v: { '@path': '$.__proto__' } }] })),
    pathArb.map((path) => ({ '@if': { blank: { '@path': path }, then: { '@path': path }, else: 'blank' } })),
    pathArb.map((path) => ({ '@json': { mode: 'encode', value: { '@path': path } } })),
    pathArb.map((path) => ({ '@replace': { pattern: 'a', replacement: '$&$&', value: { '@path': path } } })),
    pathArb.map((path) => ({ '@case': { operator: 'upper', value: { '@path': path } } }))
  )
  const mappingArb = fc.oneof(
    directiveArb,
    fc.array(fc.tuple(keyArb, directiveArb), { maxLength: 4 }).map(toObject),
    jsonArb.filter((value) => !JSON.stringify(value ?? null).includes('"@'))
  )

  function toObject(entries: [string, unknown][]): Record<string, unknown> {
    // Through JSON text, as a mapping or event arrives: `__proto__` becomes an own key.
    return JSON.parse(`{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v ?? null)}`).join(',')}}`) as Record<string, unknown>
  }

  it('compile and resolve without throwing anything but MappingError, and without pollution', () => {
    let resolved = 0
    fc.assert(
      fc.property(mappingArb, jsonArb, (mapping, eventBody) => {
        const event = toObject([['traits', eventBody], ['__proto__', eventBody], ['a', eventBody]])
        let output: unknown
        try {
          output = compileMapping(mapping, 'mapping.x')(event)
        } catch (error) {
          expect(error).toBeInstanceOf(MappingError)
          return
        }
        expectOrdinary(output)
        expect(({} as Record<string, unknown>).polluted).toBeUndefined()
        resolved++
      }),
      { numRuns: propertyRuns }
    )
    // The generated mappings are valid: errors must not be what makes the property pass.
    expect(resolved).toBeGreaterThan(propertyRuns * 0.9)
  })
})
