/**
 * The six Segment call types and the shape every event shares.
 */

/** The call types, in the Spec's order. */
export const eventTypes = ['identify', 'track', 'group', 'page', 'screen', 'alias'] as const

/** `'identify' | 'track' | 'group' | 'page' | 'screen' | 'alias'` */
export type EventType = (typeof eventTypes)[number]

/** Whether a value (an event's `type`, a user's argument) names a call type. */
export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && (eventTypes as readonly string[]).includes(value)
}

/**
 * A Segment event as it arrives: its `type` names the call, everything else is untrusted JSON
 * until checked against the call type's schema.
 */
export interface SegmentEvent {
  type: EventType
  [field: string]: unknown
}
