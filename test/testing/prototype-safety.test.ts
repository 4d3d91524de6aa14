/**
 * Generated `__proto__` keys must be data, as JSON.parse makes them: own properties of plain
 * objects, never a prototype change, and they must survive a JSON round trip.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { eventTypes } from '../../src/schemas/segment/index.js'
import { eventArbitrary, hostileKeyArbitrary, prototypeKeys } from '../../src/testing/index.js'

/** Every object in a value, with the path to it. */
function* objectsIn(value: unknown, path = '$'): Generator<[string, object]> {
  if (typeof value !== 'object' || value === null) return
  yield [path, value]
  for (const key of Object.keys(value))
    yield* objectsIn((value as Record<string, unknown>)[key], `${path}[${JSON.stringify(key)}]`)
}

const hostile = new Set<string>(prototypeKeys)

describe('hostile keys in generated events', () => {
  const events = fc.sample(eventArbitrary(eventTypes, { adversarial: true }), { seed: 31337, numRuns: 600 })
  const carriers = events.filter((event) =>
    [...objectsIn(event)].some(([, object]) => Object.keys(object).includes('__proto__'))
  )

  it('occur (else this suite proves nothing)', () => {
    expect(carriers.length).toBeGreaterThan(10)
  })

  it('are own, enumerable properties of plain objects', () => {
    for (const event of events) {
      for (const [path, object] of objectsIn(event)) {
        const prototype = Object.getPrototypeOf(object)
        expect(prototype === Object.prototype || prototype === Array.prototype, path).toBe(true)
        for (const key of Object.keys(object).filter((k) => hostile.has(k))) {
          const descriptor = Object.getOwnPropertyDescriptor(object, key)
          expect(descriptor?.enumerable, `${path}.${key}`).toBe(true)
          expect('value' in (descriptor ?? {}), `${path}.${key}`).toBe(true)
        }
      }
    }
  })

  it('leave Object.prototype untouched', () => {
    const probe: Record<string, unknown> = {}
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(
      [
        '__defineGetter__',
        '__defineSetter__',
        '__lookupGetter__',
        '__lookupSetter__',
        '__proto__',
        'constructor',
        'hasOwnProperty',
        'isPrototypeOf',
        'propertyIsEnumerable',
        'toLocaleString',
        'toString',
        'valueOf'
      ].sort()
    )
    for (const name of ['polluted', 'a', 'data', 'plan', 'child']) expect(probe[name], name).toBeUndefined()
  })

  it('survive JSON.stringify and come back as the same own keys', () => {
    for (const event of carriers) {
      const text = JSON.stringify(event)
      expect(text).toContain('"__proto__":')
      const parsed: unknown = JSON.parse(text)
      expect(JSON.stringify(parsed)).toBe(text)
      const before = [...objectsIn(event)].map(([path, object]) => `${path}: ${Object.keys(object).join(',')}`)
      const after = [...objectsIn(parsed)].map(([path, object]) => `${path}: ${Object.keys(object).join(',')}`)
      expect(after).toEqual(before)
    }
  })

  it('include every prototype name and dotted or spaced paths', () => {
    const keys = new Set(fc.sample(hostileKeyArbitrary(), { seed: 3, numRuns: 500 }))
    for (const key of prototypeKeys) expect(keys.has(key), key).toBe(true)
    expect([...keys].some((key) => key.includes('.'))).toBe(true)
    expect([...keys].some((key) => key.includes(' '))).toBe(true)
  })
})
