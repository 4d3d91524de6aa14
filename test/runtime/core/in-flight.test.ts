/**
 * InFlight (src/runtime/in-flight.ts): what the runtime waits for on flush and close. Tracking a
 * delivery that rejects must leave no unhandled rejection behind (the runtime's `track()` once
 * did, through `finally`), which under Node's default would end the process.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { InFlight } from '../../../src/runtime/in-flight.js'

describe('deliveries in flight', () => {
  const unhandled: unknown[] = []
  const record = (reason: unknown): void => void unhandled.push(reason)
  beforeEach(() => {
    unhandled.length = 0
    process.on('unhandledRejection', record)
  })
  afterEach(() => void process.off('unhandledRejection', record))

  it('a delivery that rejects rejects for its caller only, and leaves the set', async () => {
    const inFlight = new InFlight()
    const failure = new Error('a bug in a compiled module')
    const tracked = inFlight.track(Promise.reject(failure))
    expect(inFlight.pending).toHaveLength(1)
    await expect(tracked).rejects.toBe(failure)
    // Unhandled rejections are reported after the microtask queue drains: give them a turn of the event loop.
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(unhandled).toEqual([])
    expect(inFlight.pending).toEqual([])
  })

  it('a delivery that resolves leaves the set too', async () => {
    const inFlight = new InFlight()
    await inFlight.track(Promise.resolve([]))
    expect(inFlight.pending).toEqual([])
  })

  it('a delivery added by a caller that settles it stays pending until that caller deletes it', async () => {
    const inFlight = new InFlight()
    let finish!: () => void
    const delivery: Promise<void> = new Promise<void>((resolve) => (finish = resolve)).then(() => inFlight.delete(delivery))
    inFlight.add(delivery)
    expect(inFlight.pending).toEqual([delivery])
    finish()
    await delivery
    expect(inFlight.pending).toEqual([])
  })
})
