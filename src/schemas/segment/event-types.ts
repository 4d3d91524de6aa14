/**
 * The six Segment call types and the shape every event shares.
 */

export const eventTypes = ['identify', 'track', 'group', 'page', 'screen', 'alias'] as const

export type EventType = (typeof eventTypes)[number]

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
