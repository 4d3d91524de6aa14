import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  eventSchema,
  eventTypes,
  type EventType,
  type JsonSchema,
  type SegmentEvent
} from '../../src/schemas/segment/index.js'
import { eventArbitrary } from '../../src/testing/index.js'
import { describeErrors, documentValidators } from '../schemas/segment/segment-ajv.js'

const validators = documentValidators()

function propertiesOf(schema: JsonSchema | undefined): Record<string, JsonSchema> {
  return typeof schema === 'object' && schema.properties !== undefined ? schema.properties : {}
}

function sample(types: EventType | readonly EventType[] = eventTypes, runs = 500, seed = 42): SegmentEvent[] {
  return fc.sample(eventArbitrary(types), { seed, numRuns: runs })
}

describe('eventArbitrary in valid mode', () => {
  it('produces only events that validate against their type’s schema', () => {
    fc.assert(
      fc.property(eventArbitrary(), (event) => {
        const validate = validators[event.type]
        validate(event)
        expect(describeErrors(validate.errors)).toEqual([])
      }),
      { seed: 1, numRuns: 1000 }
    )
  })

  it('produces every call type, and only the ones asked for', () => {
    expect(new Set(sample().map((event) => event.type))).toEqual(new Set(eventTypes))
    expect(new Set(sample('track').map((event) => event.type))).toEqual(new Set(['track']))
    expect(new Set(sample(['identify', 'group']).map((event) => event.type))).toEqual(new Set(['identify', 'group']))
  })

  it('leaves optional fields out sometimes and puts them in sometimes', () => {
    const events = sample('identify')
    for (const field of ['context', 'traits', 'timestamp', 'integrations']) {
      const present = events.filter((event) => field in event).length
      expect(present, field).toBeGreaterThan(events.length * 0.2)
      expect(present, field).toBeLessThan(events.length * 0.95)
    }
  })

  it('gives open objects extra keys sometimes, never ones the schema forbids', () => {
    const events = sample('identify')
    const reserved = new Set(Object.keys(propertiesOf(propertiesOf(eventSchema('identify')).traits)))
    const withTraits = events.filter((event) => typeof event.traits === 'object' && event.traits !== null)
    const withCustomTraits = withTraits.filter((event) =>
      Object.keys(event.traits as object).some((key) => !reserved.has(key))
    )
    expect(withCustomTraits.length).toBeGreaterThan(withTraits.length * 0.1)
    expect(withCustomTraits.length).toBeLessThan(withTraits.length * 0.9)
    const topLevelExtras = events.filter((event) =>
      Object.keys(event).some((key) => !(key in propertiesOf(eventSchema('identify'))))
    )
    expect(topLevelExtras.length).toBeGreaterThan(0)
    for (const forbidden of ['event', 'properties', 'groupId', 'previousId', 'name', 'category']) {
      expect(
        events.filter((event) => forbidden in event),
        forbidden
      ).toEqual([])
    }
  })

  it('uses realistic values for reserved traits: addresses at real-looking domains, names, ISO timestamps', () => {
    const traits = sample('identify', 1000)
      .map((event) => event.traits)
      .filter((value): value is Record<string, unknown> => typeof value === 'object' && value !== null)
    const emails = traits.map((t) => t.email).filter((email): email is string => typeof email === 'string')
    expect(
      emails.filter((email) =>
        /^[a-z]+[._+]?[a-z]+@(example\.com|initech\.com|globex\.io|acme\.co\.uk|piedpiper\.com|umbrella-corp\.net|segment\.com)$/.test(
          email
        )
      ).length
    ).toBeGreaterThan(emails.length * 0.3)
    const names = traits.map((t) => t.firstName)
    expect(names).toContain('Grace')
    expect(names).toContain('Søren')
    const timestamps = sample(eventTypes, 500)
      .map((event) => event.timestamp)
      .filter((t): t is string => typeof t === 'string')
    expect(timestamps.filter((t) => t.startsWith('20')).length).toBeGreaterThan(timestamps.length * 0.5)
  })

  it('is deterministic under a seed', () => {
    const first = JSON.stringify(
      fc.sample(eventArbitrary(eventTypes, { adversarial: true }), { seed: 99, numRuns: 50 })
    )
    const second = JSON.stringify(
      fc.sample(eventArbitrary(eventTypes, { adversarial: true }), { seed: 99, numRuns: 50 })
    )
    expect(second).toBe(first)
    const other = JSON.stringify(
      fc.sample(eventArbitrary(eventTypes, { adversarial: true }), { seed: 100, numRuns: 50 })
    )
    expect(other).not.toBe(first)
  })

  it('refuses unknown and missing event types with a clear error', () => {
    expect(() => eventArbitrary('purchase' as EventType)).toThrow(
      new TypeError('unknown event type "purchase": expected identify, track, group, page, screen, alias')
    )
    expect(() => eventArbitrary(['track', 'Track' as EventType])).toThrow('unknown event type "Track"')
    expect(() => eventArbitrary([])).toThrow(new TypeError('eventArbitrary needs at least one event type'))
    expect(() => eventArbitrary(42 as unknown as EventType)).toThrow(
      new TypeError('eventArbitrary takes an event type or a list of them, not 42')
    )
  })
})
