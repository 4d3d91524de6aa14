/**
 * The runtime's backpressure: at most `limit` events are being delivered at once. An event sent
 * beyond that waits, in order, for one to finish before anything is prepared or sent for it, so
 * payloads, request bodies and HTTP queues stay bounded however many `send()` calls are made;
 * what a waiting event costs is the caller's own event object and one closure.
 */
export interface InFlightLimit {
  /** Takes a slot now (`undefined`) or once one is free (the promise). */
  acquire(): Promise<void> | undefined
  /** Gives a slot back, to the longest-waiting event when there is one. */
  release(): void
  /** Resolves once a slot is free: a caller that waits for it before each send never queues. */
  ready(): Promise<void>
  readonly active: number
  readonly waiting: number
}

export const DEFAULT_MAX_IN_FLIGHT = 4096

/** `onPressure`: called when an event has to wait (the runtime sends the batches that are waiting then). */
export function createInFlightLimit(limit: number, onPressure: () => void): InFlightLimit {
  let active = 0
  // A queue with a moving head: `shift()` on a long array would copy it on every release.
  let queue: (() => void)[] = []
  let head = 0
  let readiness: { promise: Promise<void>; resolve: () => void } | undefined

  const waitingCount = () => queue.length - head

  return {
    acquire() {
      if (active < limit && waitingCount() === 0) {
        active++
        return undefined
      }
      const promise = new Promise<void>((resolve) => queue.push(resolve))
      onPressure()
      return promise
    },
    release() {
      if (waitingCount() > 0) {
        const next = queue[head] as () => void
        queue[head++] = undefined as never
        if (head > 1024 && head * 2 > queue.length) {
          queue = queue.slice(head)
          head = 0
        }
        next()
        return
      }
      active--
      if (readiness !== undefined) {
        readiness.resolve()
        readiness = undefined
      }
    },
    ready() {
      if (active < limit && waitingCount() === 0) return Promise.resolve()
      if (readiness === undefined) {
        let resolve!: () => void
        const promise = new Promise<void>((r) => (resolve = r))
        readiness = { promise, resolve }
      }
      return readiness.promise
    },
    get active() {
      return active
    },
    get waiting() {
      return waitingCount()
    }
  }
}
