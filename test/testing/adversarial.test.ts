/**
 * Adversarial mode must actually deliver each hostile feature it promises, often enough that a
 * property test of a few hundred runs meets every one of them.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { eventTypes, type SegmentEvent } from '../../src/schemas/segment/index.js'
import { eventArbitrary } from '../../src/testing/index.js'
import { documentValidators, createSegmentAjv } from '../schemas/segment/segment-ajv.js'
import { adversarialFeatures, featuresOf, type AdversarialFeature } from './adversarial-features.js'

const runs = 1000
/** Each feature must show up in at least this share of adversarial events. */
const floor = 0.05

const validators = documentValidators(createSegmentAjv({ verbose: true }))

function featureCounts(events: readonly SegmentEvent[]): Record<AdversarialFeature, number> {
  const counts = Object.fromEntries(adversarialFeatures.map((feature) => [feature, 0])) as Record<
    AdversarialFeature,
    number
  >
  for (const event of events) {
    const validate = validators[event.type]
    validate(event)
    for (const feature of featuresOf(event, validate.errors ?? [])) counts[feature]++
  }
  return counts
}

describe('eventArbitrary in adversarial mode', () => {
  const events = fc.sample(eventArbitrary(eventTypes, { adversarial: true }), { seed: 2024, numRuns: runs })
  const counts = featureCounts(events)

  it.each(adversarialFeatures)('produces %s in at least 5% of events', (feature) => {
    expect(counts[feature] / runs).toBeGreaterThanOrEqual(floor)
  })

  it('still produces some events that are entirely valid', () => {
    const valid = events.filter((event) => validators[event.type](event) === true)
    expect(valid.length).toBeGreaterThan(runs * 0.05)
    expect(valid.length).toBeLessThan(runs * 0.5)
  })

  it('never changes an event’s type', () => {
    for (const type of eventTypes) {
      const sampled = fc.sample(eventArbitrary(type, { adversarial: true }), { seed: 5, numRuns: 100 })
      expect(sampled.filter((event) => event.type !== type)).toEqual([])
    }
  })

  // Prototype-named keys are left out of this list: they are valid keys of an open object, and
  // fast-check's own string generator produces them now and then.
  it('is what brings the wrong types: valid mode has none of them', () => {
    const valid = featureCounts(fc.sample(eventArbitrary(), { seed: 2024, numRuns: 300 }))
    for (const feature of [
      'null where optional',
      'array where an object is expected',
      'number where a string is expected',
      'field of another call type',
      'lone surrogate',
      'string of 10,000+ characters',
      'nesting 20+ levels deep'
    ] as const) {
      expect(valid[feature], feature).toBe(0)
    }
  })
})
