/**
 * The delivery loop of `mapc run`, usable by any source: items in (events, dead letters to retry,
 * lines that could not be read), each event sent through the runtime with at most `concurrency`
 * events waiting for their results, each failure and unreadable line dead-lettered, every
 * outcome counted. When the window is full, waiting batches are sent at once: no new event can
 * join them until results come back, so waiting longer would only slow the run.
 *
 * `stop` ends reading (the rest of the input is left unread, and said so); what was read is
 * still finished: batches flushed, requests awaited for up to `drainTimeoutMs`, after which
 * `cancel` is called and what is still in flight fails as CANCELLED, and is dead-lettered like
 * any failure. Nothing read is lost or counted twice.
 */
import { ConfigError, InternalError, type DeliveryResult, type Runtime } from '../runtime/index.js'
import { errorLetter, failedLetter, malformedLetter, notFiredLetter, type DeadLetterSink } from './dead-letter.js'
import type { SourceItem } from './source.js'
import { lineOutcome, type Tally } from './tally.js'

export interface DeliverStreamOptions {
  items: AsyncIterable<SourceItem>
  runtime: Runtime
  deadLetters: DeadLetterSink
  tally: Tally
  /** The input's name in dead letters: a file, or `-`. */
  input: string
  /** Events waiting for their results at most. */
  concurrency: number
  /** Stops reading the input when it fires. */
  stop?: AbortSignal
  /** After `stop`, how long to wait for what is in flight before `cancel`. */
  drainTimeoutMs?: number
  /** Cancels the runtime's requests in flight (the runtime's `signal`). */
  cancel?: () => void
  /** Told of each line that could not be read, as it is dead-lettered. */
  onMalformed?: (item: Extract<SourceItem, { kind: 'malformed' }>) => void
  now?: () => Date
}

export interface StreamOutcome {
  /** Reading stopped before the end of the input. */
  stopped: boolean
  /** The last line read. */
  lastLine: number
  /** Requests still in flight after `drainTimeoutMs` were cancelled. */
  cancelled: boolean
}

export async function deliverStream(options: DeliverStreamOptions): Promise<StreamOutcome> {
  const { runtime, deadLetters, tally, input } = options
  const now = options.now ?? (() => new Date())
  const inFlight = new Set<Promise<void>>()
  // Woken when a delivery finishes: waiting on `Promise.race(inFlight)` instead would attach a
  // reaction to every delivery in flight each time a slot frees, concurrency² of them at once.
  let wake: (() => void) | undefined
  const slotFreed = (): Promise<void> => new Promise<void>((resolve) => (wake = resolve))
  let lastLine = 0

  const settle = (item: Extract<SourceItem, { kind: 'event' }>, results: readonly DeliveryResult[]): void => {
    for (const result of results) {
      tally.delivery(result)
      if (result.status === 'failed') deadLetters.write(failedLetter(input, item.line, item.event, result, now()), runtime.redactorFor(result.destination))
    }
    if (results.length === 0 && item.only) {
      deadLetters.write(notFiredLetter(input, item.line, item.event, item.only, now()), runtime.redactorFor(item.only.destination))
      tally.lineDone('deadLettered')
      return
    }
    tally.lineDone(lineOutcome(results))
  }

  const start = (item: Extract<SourceItem, { kind: 'event' }>): void => {
    const delivery = runtime
      .send(item.event, item.only ? { only: item.only } : {})
      .then(
        (results) => settle(item, results),
        (error: unknown) => {
          // send rejects only once the runtime is closed, which this loop does after its last send: a bug, reported rather than lost.
          const failure = error instanceof ConfigError ? error : new InternalError(error instanceof Error ? error.message : String(error))
          deadLetters.write(errorLetter(input, item.line, item.event, failure, now()), runtime.redactorFor(''))
          tally.lineDone('deadLettered')
        }
      )
      .finally(() => {
        inFlight.delete(delivery)
        const waiting = wake
        wake = undefined
        waiting?.()
      })
    inFlight.add(delivery)
  }

  const iterator = options.items[Symbol.asyncIterator]()
  let wasStopped = false
  try {
    for (;;) {
      if (options.stop?.aborted) {
        wasStopped = true
        break
      }
      const next = await untilStopped(iterator.next(), options.stop)
      if (next === STOPPED) {
        wasStopped = true
        break
      }
      if (next.done) break
      const item = next.value
      lastLine = item.line
      tally.lineRead(item.bytesEnd)
      if (item.kind === 'blank') {
        tally.lineDone('blank')
        continue
      }
      if (item.kind === 'malformed') {
        tally.malformed()
        deadLetters.write(malformedLetter(input, item.line, item.code, item.reason, item.raw, item.rawTruncated === true, now()), runtime.redactorFor(''))
        tally.lineDone('deadLettered')
        options.onMalformed?.(item)
        continue
      }
      start(item)
      if (inFlight.size < options.concurrency) continue
      // Once, not per freed slot: the batches are empty after it, and nothing new joins them while the window is full.
      runtime.flush().catch(() => {})
      while (inFlight.size >= options.concurrency && !options.stop?.aborted) await untilStopped(slotFreed(), options.stop)
    }
  } finally {
    // An iterator left mid-way (a stop) is closed, so the file it reads is closed too.
    if (wasStopped) void iterator.return?.(undefined)
  }

  const finished = Promise.all([runtime.close(), ...inFlight]).then(() => true)
  let cancelled = false
  if (wasStopped && options.drainTimeoutMs !== undefined) {
    let timer: NodeJS.Timeout | undefined
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), options.drainTimeoutMs)
    })
    const inTime = await Promise.race([finished, timedOut])
    clearTimeout(timer)
    if (!inTime) {
      cancelled = true
      options.cancel?.()
    }
  }
  await finished
  // Deliveries settle their lines in `.then`, which runs before `finished` resolves; in-flight ones added none since.
  await Promise.all([...inFlight])
  return { stopped: wasStopped, lastLine, cancelled }
}

const STOPPED = Symbol('stopped')

/**
 * `promise`, or STOPPED as soon as `signal` fires. The listener is removed after each wait:
 * racing against one promise that never settles would keep every line's item reachable from it.
 */
function untilStopped<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T | typeof STOPPED> {
  if (!signal) return promise
  if (signal.aborted) return Promise.resolve(STOPPED)
  return new Promise<T | typeof STOPPED>((resolve, reject) => {
    const onAbort = (): void => resolve(STOPPED)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      }
    )
  })
}
