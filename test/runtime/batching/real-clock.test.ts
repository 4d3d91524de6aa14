/**
 * The batcher's production clock (realClock), the one part of batching the manual clock stands in
 * for everywhere else. Asserted by order, never by duration: Node fires timers that are due in
 * the order of their due times, and timers of one duration in the order they were set.
 */
import { describe, expect, it } from 'vitest'
import { createBatcher, realClock } from '../../../src/runtime/batching/index.js'

const afterOneMs = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1))

describe('realClock', () => {
  it('fires a timer it set', async () => {
    const fired = await new Promise<string>((resolve) => realClock.setTimeout(() => resolve('fired'), 1))
    expect(fired).toBe('fired')
  })

  it('never fires a timer it cleared: a timer of the same duration set after it fires alone', async () => {
    const events: string[] = []
    const handle = realClock.setTimeout(() => events.push('cleared timer'), 1)
    realClock.clearTimeout(handle)
    await afterOneMs()
    events.push('later timer')
    await afterOneMs()
    expect(events).toEqual(['later timer'])
  })

  it('waits the delay it was given: a longer timer fires after a shorter one set later', async () => {
    const events: string[] = []
    const long = realClock.setTimeout(() => events.push('long'), 60_000)
    await afterOneMs()
    events.push('short')
    realClock.clearTimeout(long)
    expect(events).toEqual(['short'])
  })

  it('is what a batcher without a clock uses: its age limit sends a batch that is not full', async () => {
    const sent: number[][] = []
    const batcher = createBatcher<number, number>({ maxSize: 10, maxAgeMs: 1, send: (items) => (sent.push(items), items.map((value) => ({ ok: true, value }))) })
    const outcomes = await Promise.all([batcher.add(1), batcher.add(2)])
    expect(outcomes).toEqual([{ ok: true, value: 1 }, { ok: true, value: 2 }])
    expect(sent).toEqual([[1, 2]])
  })
})
