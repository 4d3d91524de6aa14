/**
 * The deliveries a runtime has started and not yet finished, so that `flush()` and `close()` can
 * wait for them. Tracking a delivery adds no promise that could reject unhandled: a delivery that
 * rejects (only a bug can make one) rejects for its caller, and nowhere else, so it cannot end
 * the process through an unhandled rejection that the caller never saw.
 */
export class InFlight {
  readonly #pending = new Set<Promise<unknown>>()

  /** Returns `delivery` itself: the caller handles its outcome. */
  track<T>(delivery: Promise<T>): Promise<T> {
    this.#pending.add(delivery)
    // Both callbacks, so the promise `then` makes resolves either way (`finally` would reject with the delivery).
    const settled = (): void => void this.#pending.delete(delivery)
    delivery.then(settled, settled)
    return delivery
  }

  /**
   * For a caller that settles `delivery` itself and calls `delete` in its own reactions (the
   * runtime does, with the slot it gives back): no further promise is made here.
   */
  add(delivery: Promise<unknown>): void {
    this.#pending.add(delivery)
  }

  delete(delivery: Promise<unknown>): void {
    this.#pending.delete(delivery)
  }

  /** Every delivery started and not yet finished. */
  get pending(): Promise<unknown>[] {
    return [...this.#pending]
  }
}
