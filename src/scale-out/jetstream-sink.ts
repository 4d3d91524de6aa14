/**
 * The ingest sink of scale-out delivery: each event published to the event stream with
 * `Nats-Msg-Id` = its messageId, so a client's retry inside the duplicate window is the same
 * message, not a second one. `accept` resolves only once JetStream has acknowledged every event
 * (it is then stored on disk); any failure refuses the request, and the client's retry publishes
 * again, deduplicated.
 */
import type { JetStreamClient } from '@nats-io/jetstream'
import { SinkUnavailableError, type IngestSink } from '../ingest/ingest-server.js'
import type { TrackingEvent } from '../ingest/tracking-api.js'
import { describeNatsError } from './connection.js'
import { eventSubject, type ScaleOutSettings } from './settings.js'

export interface JetStreamSinkCounts {
  published: number
  /** Publishes JetStream recognised as repeats of a messageId within the duplicate window. */
  duplicates: number
}

export function jetStreamSink(js: JetStreamClient, settings: ScaleOutSettings, publishTimeoutMs = 5000): IngestSink & { counts: JetStreamSinkCounts } {
  const counts: JetStreamSinkCounts = { published: 0, duplicates: 0 }
  return {
    counts,
    async accept(events: readonly TrackingEvent[]) {
      try {
        const acks = await Promise.all(events.map((event) => js.publish(eventSubject(settings, event), JSON.stringify(event), { msgID: event.messageId, timeout: publishTimeoutMs })))
        for (const ack of acks) {
          if (ack.duplicate) counts.duplicates++
          else counts.published++
        }
      } catch (error) {
        throw new SinkUnavailableError(`JetStream did not acknowledge the events (${describeNatsError(error)}); retry`)
      }
    }
  }
}
