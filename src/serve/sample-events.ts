/**
 * The sample events the event pane offers, a few of each Segment type, written the way
 * analytics.js sends them. Batch makes its N events from one sample by giving each its own
 * message id, user and email, so that the items are distinct records at the API.
 */
import type { SegmentEvent } from '../runtime/contract.js'

export interface SampleEvent {
  /** Unique among the samples: what the page's picker and a shared URL name. */
  id: string
  label: string
  event: SegmentEvent
}

const context = { library: { name: 'analytics.js', version: '5.2.0' }, ip: '203.0.113.7', userAgent: 'Mozilla/5.0 (X11; Linux x86_64)' }
const times = { timestamp: '2024-05-01T08:00:30.241Z', sentAt: '2024-05-01T08:00:30.361Z', receivedAt: '2024-05-01T08:00:30.491Z' }

export const SAMPLE_EVENTS: readonly SampleEvent[] = [
  {
    id: 'identify',
    label: 'identify — a user with an email',
    event: { type: 'identify', messageId: 'msg_serve_identify', userId: 'usr_001', anonymousId: 'anon_7c2e', traits: { email: 'grace.thompson@globex.com', name: 'Grace Thompson', plan: 'pro', company: { name: 'Globex' } }, context: { ...context, groupId: 'grp_globex' }, ...times }
  },
  {
    id: 'identify-no-email',
    label: 'identify — no email',
    event: { type: 'identify', messageId: 'msg_serve_identify_anon', userId: 'usr_002', traits: { name: 'Alan Johnson', plan: 'free' }, context, ...times }
  },
  {
    id: 'track',
    label: 'track — Order Completed',
    event: { type: 'track', messageId: 'msg_serve_track', userId: 'usr_001', event: 'Order Completed', properties: { order_id: 'ord_1001', total: 129.5, currency: 'USD', products: [{ sku: 'pro-plan', price: 99, quantity: 1 }] }, context: { ...context, traits: { email: 'grace.thompson@globex.com' }, groupId: 'grp_globex' }, ...times }
  },
  {
    id: 'track-viewed',
    label: 'track — Product Viewed',
    event: { type: 'track', messageId: 'msg_serve_track_viewed', userId: 'usr_026', event: 'Product Viewed', properties: { product: 'Pro Plan', price: 99 }, context: { ...context, traits: { email: 'linus.turing@initech.io' } }, ...times }
  },
  {
    id: 'group',
    label: 'group — a company with a website',
    event: { type: 'group', messageId: 'msg_serve_group', userId: 'usr_001', groupId: 'grp_globex', traits: { name: 'Globex', website: 'globex.com', domain: 'globex.com', plan: 'enterprise', employees: 250 }, context, ...times }
  },
  {
    id: 'group-no-domain',
    label: 'group — no domain',
    event: { type: 'group', messageId: 'msg_serve_group_nodomain', userId: 'usr_008', groupId: 'grp_acme', traits: { name: 'Acme Corp' }, context, ...times }
  },
  {
    id: 'page',
    label: 'page — Pricing',
    event: { type: 'page', messageId: 'msg_serve_page', userId: 'usr_015', name: 'Pricing', properties: { path: '/pricing', url: 'https://example.com/pricing', title: 'Pricing' }, context, ...times }
  },
  {
    id: 'screen',
    label: 'screen — Home',
    event: { type: 'screen', messageId: 'msg_serve_screen', userId: 'usr_015', name: 'Home', properties: { variant: 'b' }, context: { ...context, library: { name: 'analytics-ios', version: '4.1.0' } }, ...times }
  },
  {
    id: 'alias',
    label: 'alias — anonymous to known',
    event: { type: 'alias', messageId: 'msg_serve_alias', userId: 'usr_003', previousId: 'anon_5b1c', context, ...times }
  }
]

export function sampleEvent(id: string): SampleEvent | undefined {
  return SAMPLE_EVENTS.find((s) => s.id === id)
}

/**
 * `count` events made from `base`: item i has its own message id, user id and (where the event
 * has one) email and group id, so that a batch writes `count` distinct records.
 */
export function batchEvents(base: SegmentEvent, count: number): SegmentEvent[] {
  return Array.from({ length: count }, (_, i) => vary(base, i + 1) as SegmentEvent)
}

function vary(value: unknown, n: number, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => vary(v, n))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, vary(v, n, k)]))
  }
  if (typeof value !== 'string') return value
  switch (key) {
    case 'messageId':
    case 'userId':
    case 'groupId':
    case 'anonymousId':
      return `${value}_${n}`
    case 'email': {
      const at = value.indexOf('@')
      return at > 0 ? `${value.slice(0, at)}+${n}${value.slice(at)}` : value
    }
    case 'website':
    case 'domain':
      return `b${n}.${value}`
    default:
      return value
  }
}
