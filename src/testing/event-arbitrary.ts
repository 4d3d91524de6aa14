/**
 * Segment events generated from the Spec's schemas (src/schemas/segment), one call type or
 * several.
 */
import fc from 'fast-check'
import { eventSchema, eventTypes, isEventType, type EventType, type SegmentEvent } from '../schemas/segment/index.js'
import { arbitraryFromSchema } from './schema-arbitrary.js'

/** How `eventArbitrary` generates. */
export interface EventArbitraryOptions {
  /**
   * Mix in what real sources and attackers send: unicode and emoji, empty strings, nulls where
   * a value is optional, 10k-character strings, deep nesting, arrays for objects, numbers for
   * strings, `__proto__`-like and dotted keys, lone surrogates, fields of other call types.
   * Off by default; `mapc test` turns it on.
   */
  adversarial?: boolean
}

/**
 * Events of the given call types (all six by default). Without `adversarial`, every event
 * validates against its type's schema; with it, an event's `type` is still always one of `types`.
 */
export function eventArbitrary(
  types: EventType | readonly EventType[] = eventTypes,
  options: EventArbitraryOptions = {}
): fc.Arbitrary<SegmentEvent> {
  const wanted: readonly unknown[] | undefined =
    typeof types === 'string' ? [types] : Array.isArray(types) ? types : undefined
  if (wanted === undefined)
    throw new TypeError(`eventArbitrary takes an event type or a list of them, not ${JSON.stringify(types)}`)
  if (wanted.length === 0) throw new TypeError('eventArbitrary needs at least one event type')
  const unknown = wanted.filter((type) => !isEventType(type))
  if (unknown.length > 0) {
    throw new TypeError(
      `unknown event type ${unknown.map((t) => JSON.stringify(t)).join(', ')}: expected ${eventTypes.join(', ')}`
    )
  }
  const arbitraries = (wanted as readonly EventType[]).map(
    // The schema requires `type` to be the call's const, which the walker never replaces.
    (type) =>
      arbitraryFromSchema(eventSchema(type), {
        adversarial: options.adversarial ?? false
      }) as fc.Arbitrary<SegmentEvent>
  )
  return fc.oneof(...arbitraries)
}
