/**
 * Gathers items into batches and sends each batch once it is full or its oldest item has waited
 * long enough. Every `add` promise settles exactly once, with that item's own outcome: nothing
 * is lost when a send throws, returns too little, or the batcher is closed.
 *
 * Batches are sent as soon as they are ready, possibly several at a time. A caller that adds
 * one item and awaits it before the next gets one-item batches every `maxAgeMs`; add many,
 * then await them together.
 */
import { BatcherClosedError, BatchOutcomeError, requireNumberInRange } from '../errors/index.js'
import { MAX_TIMER_DELAY_MS } from '../http/index.js'
import { realClock, type BatchClock } from './batch-clock.js'
import { asError, isItemOutcome, type ItemOutcome } from './item-outcome.js'

export interface BatcherOptions<T, R> {
  /** A batch is sent as soon as it holds this many items. */
  maxSize: number
  /** A batch is sent when its oldest item has waited this long, full or not. */
  maxAgeMs: number
  /** One outcome per item, in the items' order. A throw fails every item of the batch. */
  send: (items: T[]) => Promise<ReadonlyArray<ItemOutcome<R>>> | ReadonlyArray<ItemOutcome<R>>
  clock?: BatchClock
}

export interface Batcher<T, R> {
  /** Resolves with the item's outcome (never rejects for a failed send); rejects after `close()`. */
  add(item: T): Promise<ItemOutcome<R>>
  /**
   * `add` without its promise: `settle` is called exactly once, with the item's outcome, never
   * before `enqueue` returns. For a caller that makes its own promise per item (the runtime), so
   * that a waiting item holds one promise, not three. Throws `BatcherClosedError` after `close()`.
   */
  enqueue(item: T, settle: (outcome: ItemOutcome<R>) => void): void
  /** Sends what is waiting now; resolves once every item added before the call has its outcome. */
  flush(): Promise<void>
  /**
   * Sends what is waiting now and returns: `flush` without waiting for anything. For a caller
   * that would discard flush's promise (each such promise holds every batch in flight until
   * they all settle: thousands of calls of it held gigabytes).
   */
  sendWaiting(): void
  /** Flushes, then refuses further items. Calling it again returns the same promise. */
  close(): Promise<void>
}

/** The items waiting and, at the same index, what settles each: two arrays, no object per item. */
interface Waiting<T, R> {
  items: T[]
  settles: ((outcome: ItemOutcome<R>) => void)[]
}

function describeReturn(value: unknown, batchSize: number): string {
  if (Array.isArray(value)) return `${value.length} outcomes for ${batchSize} items`
  return value === null ? 'null' : typeof value
}

/**
 * Pairs each item with its outcome. A list of the wrong length fails every item, since which
 * outcome belongs to which item is then unknown; a malformed entry fails its own item only.
 */
function settleBatch<T, R>(settles: Waiting<T, R>['settles'], outcomes: unknown): void {
  const size = settles.length
  const answered = Array.isArray(outcomes) && outcomes.length === size
  for (let index = 0; index < size; index++) {
    const settle = settles[index] as (outcome: ItemOutcome<R>) => void
    const outcome: unknown = answered ? outcomes[index] : undefined
    if (isItemOutcome(outcome)) {
      settle(outcome as ItemOutcome<R>)
    } else {
      // The malformed value itself is not quoted: it may hold response data, secrets included.
      const received = answered ? 'something other than an outcome for it' : describeReturn(outcomes, size)
      settle({ ok: false, error: new BatchOutcomeError({ index, batchSize: size, received }) })
    }
  }
}

export function createBatcher<T, R>(options: BatcherOptions<T, R>): Batcher<T, R> {
  const { send } = options
  const maxSize = requireNumberInRange(options.maxSize, ['maxSize'], { integer: true, min: 1 })
  const maxAgeMs = requireNumberInRange(options.maxAgeMs, ['maxAgeMs'], { min: 0, max: MAX_TIMER_DELAY_MS })
  const clock = options.clock ?? realClock

  let waiting: Waiting<T, R> = { items: [], settles: [] }
  let ageTimer: { handle: unknown } | undefined
  const inFlight = new Set<Promise<void>>()
  let closing: Promise<void> | undefined

  async function deliver({ items, settles }: Waiting<T, R>): Promise<void> {
    let outcomes: unknown
    try {
      // Through a promise, so that a `send` that throws synchronously is caught like one that rejects.
      outcomes = await Promise.resolve().then(() => send(items))
    } catch (thrown) {
      const error = asError(thrown)
      const failed: ItemOutcome<R> = Object.freeze({ ok: false, error })
      for (const settle of settles) settle(failed)
      return
    }
    settleBatch(settles, outcomes)
  }

  function dispatch(): void {
    if (ageTimer !== undefined) {
      clock.clearTimeout(ageTimer.handle)
      ageTimer = undefined
    }
    if (waiting.items.length === 0) return
    const batch = waiting
    waiting = { items: [], settles: [] }
    const delivery = deliver(batch).finally(() => inFlight.delete(delivery))
    inFlight.add(delivery)
  }

  function enqueue(item: T, settle: (outcome: ItemOutcome<R>) => void): void {
    if (closing !== undefined) throw new BatcherClosedError()
    const length = waiting.items.push(item)
    waiting.settles.push(settle)
    if (length >= maxSize) dispatch()
    else if (length === 1) ageTimer = { handle: clock.setTimeout(dispatch, maxAgeMs) }
  }

  function add(item: T): Promise<ItemOutcome<R>> {
    if (closing !== undefined) return Promise.reject(new BatcherClosedError())
    return new Promise<ItemOutcome<R>>((settle) => enqueue(item, settle))
  }

  async function flush(): Promise<void> {
    dispatch()
    // A snapshot: batches that start after this call are not waited for, so a steady stream of
    // adds cannot keep a flush from finishing.
    await Promise.all([...inFlight])
  }

  function close(): Promise<void> {
    closing ??= flush()
    return closing
  }

  return { add, enqueue, flush, sendWaiting: dispatch, close }
}
