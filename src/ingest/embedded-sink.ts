/**
 * The ingest sink of the embedded mode: each event handed to the in-process runtime, with at most
 * `concurrency` waiting for their results (a request waits for a slot, which is the endpoint's
 * backpressure). Results are counted and failures dead-lettered as `mapc run` does, to its
 * dead-letter file; the answer does not wait for the destinations.
 */
import { errorLetter, failedLetter, type DeadLetterSink } from '../run/dead-letter.js'
import { lineOutcome, type Tally } from '../run/tally.js'
import { InternalError, type Runtime } from '../runtime/index.js'
import type { IngestSink } from './ingest-server.js'
import type { TrackingEvent } from './tracking-api.js'

export interface EmbeddedSink extends IngestSink {
  /** Resolves once every event accepted so far has its results. */
  drain(): Promise<void>
}

export function embeddedSink(runtime: Runtime, deadLetters: DeadLetterSink, tally: Tally, concurrency: number, input = 'ingest'): EmbeddedSink {
  const inFlight = new Set<Promise<void>>()
  const waiters: (() => void)[] = []
  let received = 0

  const handOver = (event: TrackingEvent): void => {
    const line = ++received
    tally.lineRead(0)
    const delivery = runtime
      .send(event)
      .then(
        (results) => {
          for (const result of results) {
            tally.delivery(result)
            if (result.status === 'failed') deadLetters.write(failedLetter(input, line, event, result, new Date()), runtime.redactorFor(result.destination))
          }
          tally.lineDone(lineOutcome(results))
        },
        (error: unknown) => {
          deadLetters.write(errorLetter(input, line, event, new InternalError(error instanceof Error ? error.message : String(error)), new Date()), runtime.redactorFor(''))
          tally.lineDone('deadLettered')
        }
      )
      .finally(() => {
        inFlight.delete(delivery)
        waiters.shift()?.()
      })
    inFlight.add(delivery)
  }

  return {
    async accept(events) {
      for (const event of events) {
        if (inFlight.size >= concurrency) {
          // Waiting batches go now: nothing new joins them while the window is full.
          runtime.flush().catch(() => {})
          while (inFlight.size >= concurrency) await new Promise<void>((resolve) => waiters.push(resolve))
        }
        handOver(event)
      }
    },
    async drain() {
      await runtime.flush()
      await Promise.all([...inFlight])
    }
  }
}
