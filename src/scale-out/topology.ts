/**
 * The JetStream resources scale-out delivery uses, created when missing and brought to the
 * configured limits when present: the event stream (work-queue retention, file storage, a
 * duplicate window for publishers' retries), the dead-letter stream, the durable pull consumer
 * every worker shares, and the ledger of delivered message ids.
 */
import { AckPolicy, DeliverPolicy, jetstream, RetentionPolicy, StorageType, type JetStreamManager, type StreamConfig } from '@nats-io/jetstream'
import { Kvm, type KV } from '@nats-io/kv'
import type { NatsConnection } from '@nats-io/transport-node'
import { kvLedger, type Ledger } from './delivered-ledger.js'
import { ledgerTiming, nanos, type ScaleOutSettings } from './settings.js'

export function eventStreamConfig(s: ScaleOutSettings): Partial<StreamConfig> & { name: string } {
  return { name: s.stream, subjects: [`${s.subject}.>`], retention: RetentionPolicy.Workqueue, storage: StorageType.File, duplicate_window: nanos(s.duplicateWindowMs), allow_direct: true }
}

export function deadLetterStreamConfig(s: ScaleOutSettings): Partial<StreamConfig> & { name: string } {
  return { name: s.deadLetterStream, subjects: [`${s.deadLetterSubject}.>`], retention: RetentionPolicy.Limits, storage: StorageType.File, duplicate_window: nanos(s.duplicateWindowMs) }
}

/** Adds the stream, or updates one that exists (its subjects and limits may have changed in the configuration). */
export async function ensureStream(jsm: JetStreamManager, config: Partial<StreamConfig> & { name: string }): Promise<void> {
  try {
    await jsm.streams.info(config.name)
  } catch {
    await jsm.streams.add(config)
    return
  }
  await jsm.streams.update(config.name, config)
}

/**
 * The shared durable consumer. JetStream's `max_deliver` is one more than the configured
 * attempts: a worker dead-letters the message on its last attempt, and the extra delivery only
 * happens when the worker of that last attempt died, so the next one dead-letters it unsent.
 */
export async function ensureConsumer(jsm: JetStreamManager, s: ScaleOutSettings): Promise<void> {
  const config = { durable_name: s.consumer, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All, ack_wait: nanos(s.ackWaitMs), max_deliver: s.maxDeliver + 1, max_ack_pending: s.maxAckPending }
  try {
    await jsm.consumers.info(s.stream, s.consumer)
  } catch {
    await jsm.consumers.add(s.stream, config)
    return
  }
  await jsm.consumers.update(s.stream, s.consumer, { ack_wait: config.ack_wait, max_deliver: config.max_deliver, max_ack_pending: config.max_ack_pending })
}

/** The ledger's bucket, its requests timed out after `ledgerTiming(s).requestTimeoutMs` (not JetStream's 5 s default) so a write lost in a server restart is sent again in time. */
export async function openLedgerBucket(nc: NatsConnection, s: ScaleOutSettings): Promise<KV> {
  const js = jetstream(nc, { timeout: ledgerTiming(s).requestTimeoutMs })
  return new Kvm(js).create(s.ledgerBucket, { ttl: s.ledgerTtlMs, storage: StorageType.File, history: 1 })
}

/** The delivered ledger a worker uses: its bucket, the timing `ledgerTiming` derives from the settings, and the connection's losses counted. */
export async function openLedger(nc: NatsConnection, s: ScaleOutSettings): Promise<Ledger> {
  const bucket = await openLedgerBucket(nc, s)
  let disruptions = 0
  void (async () => {
    for await (const status of nc.status()) if (status.type === 'disconnect') disruptions++
  })()
  return kvLedger(bucket, { ...ledgerTiming(s), disruptions: () => disruptions })
}
