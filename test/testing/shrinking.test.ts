/**
 * A failing property over generated events must shrink to a counter-example a person can read:
 * optional fields gone, adversarial values back to their smallest form.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { eventTypes, type SegmentEvent } from '../../src/schemas/segment/index.js'
import { eventArbitrary } from '../../src/testing/index.js'

function counterexample(
  arbitrary: fc.Arbitrary<SegmentEvent>,
  predicate: (event: SegmentEvent) => boolean,
  seed: number
): SegmentEvent {
  const details = fc.check(fc.property(arbitrary, predicate), { seed, numRuns: 1000 })
  if (details.counterexample === null) throw new Error('the property never failed')
  return details.counterexample[0]
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (typeof value !== 'object' || value === null) return []
  return Object.values(value).flatMap(strings)
}

describe('shrinking', () => {
  it('reduces an identify event that has traits to its identity and empty traits', () => {
    for (const seed of [1, 2, 3]) {
      const event = counterexample(eventArbitrary('identify'), (e) => !('traits' in e), seed)
      const keys = Object.keys(event).sort()
      expect(keys.length, JSON.stringify(event)).toBe(3)
      expect(keys).toContain('type')
      expect(keys).toContain('traits')
      expect(keys.some((key) => key === 'userId' || key === 'anonymousId')).toBe(true)
      expect(event.traits).toEqual({})
      expect(JSON.stringify(event).length).toBeLessThan(80)
    }
  })

  it('reduces a 10,000-character string to exactly 10,000 repeats of one character in an otherwise minimal event', () => {
    const tooLong = (event: SegmentEvent) => strings(event).every((text) => text.length < 10_000)
    for (const seed of [4, 5]) {
      const event = counterexample(eventArbitrary(eventTypes, { adversarial: true }), tooLong, seed)
      const long = strings(event).filter((text) => text.length >= 10_000)
      expect(long).toHaveLength(1)
      expect(long[0]).toHaveLength(10_000)
      expect(new Set(long[0]).size).toBe(1)
      expect(JSON.stringify(event).length - 10_000).toBeLessThan(150)
    }
  })

  it('reduces a prototype-named key to a handful of keys around it', () => {
    const keysIn = (value: unknown): string[] =>
      typeof value === 'object' && value !== null
        ? Object.keys(value).flatMap((key) => [key, ...keysIn((value as Record<string, unknown>)[key])])
        : []
    for (const seed of [6, 7, 8, 9]) {
      const event = counterexample(
        eventArbitrary('track', { adversarial: true }),
        (e) => !keysIn(e).includes('__proto__'),
        seed
      )
      // type, an identity, event, the key itself and its container; fast-check may keep one sibling extra key.
      expect(keysIn(event).length, JSON.stringify(event)).toBeLessThanOrEqual(7)
      expect(keysIn(event).filter((key) => key === '__proto__')).toHaveLength(1)
    }
  })
})
