/**
 * The bench's workload: one representative event per action of the three destinations, as a
 * Segment source sends them, and the subscription each runs under (the action's trigger, or for
 * an action without one, the call it is typically subscribed to).
 */
export interface Workload {
  destination: 'attio' | 'matilda' | 'schematic'
  action: string
  /** FQL, the same text for both sides. */
  trigger: string
  /** The n-th event of this workload (distinct ids and emails, as a stream has). */
  event: (n: number) => Record<string, unknown>
  /** Whether the action has a batch block (and actions-core a performBatch). */
  batches: boolean
}

const timestamp = '2026-12-03T10:00:00.000Z'
const context = { library: { name: 'analytics.js', version: '2.11.1' }, ip: '203.0.113.9', userAgent: 'Mozilla/5.0 (X11; Linux x86_64)' }

const identify = (n: number) => ({
  type: 'identify',
  messageId: `bench-identify-${n}`,
  userId: `user-${n}`,
  anonymousId: `anon-${n}`,
  timestamp,
  receivedAt: timestamp,
  context: { ...context, groupId: `group-${n % 97}` },
  traits: { email: `user.${n}@example.com`, name: `User ${n}`, company_name: 'Example Inc', plan: 'pro', logins: n % 50 }
})

const group = (n: number) => ({
  type: 'group',
  messageId: `bench-group-${n}`,
  userId: `user-${n}`,
  groupId: `group-${n}`,
  timestamp,
  receivedAt: timestamp,
  context,
  traits: { name: `Company ${n}`, website: `company-${n}.example.com`, industry: 'Software', employees: 120 }
})

const track = (n: number) => ({
  type: 'track',
  messageId: `bench-track-${n}`,
  userId: `user-${n}`,
  event: 'Order Completed',
  timestamp,
  receivedAt: timestamp,
  context: { ...context, groupId: `group-${n % 97}`, traits: { email: `user.${n}@example.com` } },
  properties: { order_id: `order-${n}`, total: 99.5, currency: 'EUR', products: [{ sku: 'sku-1', quantity: 2 }] }
})

export const WORKLOADS: readonly Workload[] = [
  { destination: 'attio', action: 'identifyUser', trigger: 'type = "identify"', event: identify, batches: true },
  { destination: 'attio', action: 'groupWorkspace', trigger: 'type = "group"', event: group, batches: true },
  { destination: 'attio', action: 'assertRecord', trigger: 'type = "track"', event: track, batches: true },
  { destination: 'matilda', action: 'identify', trigger: 'type = "identify"', event: identify, batches: false },
  { destination: 'matilda', action: 'group', trigger: 'type = "group"', event: group, batches: false },
  { destination: 'matilda', action: 'track', trigger: 'type = "track"', event: track, batches: true },
  { destination: 'schematic', action: 'identifyUser', trigger: 'type = "identify"', event: identify, batches: false },
  { destination: 'schematic', action: 'trackEvent', trigger: 'type = "track"', event: track, batches: false }
]

/** Settings and credentials, the same for both sides. */
export const CREDENTIALS = {
  attio: { settings: {}, accessToken: 'bench-attio-token' },
  matilda: { settings: { apiKey: 'bench-matilda-key' } },
  schematic: { settings: { apiKey: 'bench-schematic-key' } }
} as const
