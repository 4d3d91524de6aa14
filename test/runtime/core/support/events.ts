/** Events shaped like the ones Segment sends, for the crm destination's actions. */
import type { SegmentEvent } from '../../../../src/runtime/contract.js'

export function identifyEvent(overrides: { traits?: Record<string, unknown> } & Record<string, unknown> = {}): SegmentEvent {
  const { traits, ...rest } = overrides
  return {
    type: 'identify',
    messageId: 'msg-identify-1',
    userId: 'user-1',
    timestamp: '2024-03-01T10:00:00.000Z',
    traits: { email: 'ada@example.com', name: 'Ada Lovelace', ...traits },
    ...rest
  }
}

export function trackEvent(overrides: Record<string, unknown> = {}): SegmentEvent {
  return {
    type: 'track',
    messageId: 'msg-track-1',
    event: 'Order Completed',
    userId: 'user-1',
    timestamp: '2024-03-01T10:00:00.000Z',
    properties: { total: 42.5, currency: 'EUR' },
    ...overrides
  }
}

export function groupEvent(overrides: Record<string, unknown> = {}): SegmentEvent {
  return {
    type: 'group',
    messageId: 'msg-group-1',
    groupId: 'acct-1',
    userId: 'user-1',
    traits: { name: 'Analytical Engines Ltd' },
    ...overrides
  }
}
