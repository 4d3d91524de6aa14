/**
 * The fixture the scale-out tests of one destination share: the emulators and a nats-server for
 * the file (hooks registered by `scaleOutFixture`), a client connection with its JetStream
 * manager, the `jetstream:` section of a test's own stream, consumer, dead-letter stream and
 * ledger, a Matilda `track` subscription that carries the messageId into each activity, and
 * such a track event.
 */
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream'
import { connect, type NatsConnection } from '@nats-io/transport-node'
import { afterAll, beforeAll } from 'vitest'
import { startRunSuite, type RunSuite } from '../run/run-support.js'
import { startNatsServer, type NatsServer } from '../support/nats-server.js'

export interface ScaleOutFixture {
  readonly suite: RunSuite
  readonly nats: NatsServer
  readonly nc: NatsConnection
  readonly jsm: JetStreamManager
}

/** Registers the file's beforeAll/afterAll; the fields are there once beforeAll ran. */
export function scaleOutFixture(name: string): ScaleOutFixture {
  const fixture = {} as { suite: RunSuite; nats: NatsServer; nc: NatsConnection; jsm: JetStreamManager }
  beforeAll(async () => {
    ;[fixture.suite, fixture.nats] = await Promise.all([startRunSuite(name), startNatsServer()])
    fixture.nc = await connect({ servers: fixture.nats.url })
    fixture.jsm = await jetstreamManager(fixture.nc)
  }, 120_000)
  afterAll(async () => {
    await fixture.nc?.close()
    await fixture.nats?.stop()
    await fixture.suite?.stop()
  })
  return fixture
}

export interface TestStream {
  stream: string
  subject: string
  consumer: string
  deadLetterStream: string
  ledgerBucket: string
  /** The configuration's `jetstream:` section, with `extra` keys (`ackWaitMs: 2000`) after the names. */
  yaml: string
}

/** A test's own JetStream names, all from `name` (`maxd` → stream `MAXD`, subject `maxd.events`…). */
export function testStream(name: string, extra: Record<string, number> = {}): TestStream {
  const names = { stream: name.toUpperCase(), subject: `${name}.events`, consumer: `${name}-workers`, deadLetterStream: `${name.toUpperCase()}_DEAD`, ledgerBucket: `${name}_ledger` }
  const keys = { ...names, ...extra }
  return { ...names, yaml: `jetstream:\n${Object.entries(keys).map(([k, v]) => `  ${k}: ${v}\n`).join('')}` }
}

/** Matilda's `track` action for every track event, the messageId in each activity's `message_id`. */
export const TRACK_SUBSCRIPTION = `    subscriptions:
      - trigger: type = "track"
        action: track
        mapping: { attributes: '{ message_id: $.messageId }' }
`

export function trackEvent(messageId: string, userId: string, properties: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'track', messageId, userId, event: 'Product Viewed', properties, timestamp: '2024-05-01T10:00:00.000Z' }
}

/** Matilda's activities for `messageId`. */
export function activitiesOf(suite: RunSuite, messageId: string): number {
  return (suite.emulators.matilda.emulator.state().writes.byMessageId[messageId] as Record<string, number> | undefined)?.['activities'] ?? 0
}
