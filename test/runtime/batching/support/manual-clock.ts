import type { BatchClock } from '../../../../src/runtime/batching/index.js'

/** Timers that fire only when the test moves time forward. */
export interface ManualClock extends BatchClock {
  now(): number
  /** Moves time forward by `ms`, firing due timers in order. */
  advance(ms: number): void
  pendingTimers(): number
}

export function manualClock(): ManualClock {
  let now = 0
  let nextId = 1
  const timers = new Map<number, { at: number; callback: () => void }>()
  return {
    now: () => now,
    setTimeout(callback, ms) {
      const id = nextId++
      timers.set(id, { at: now + ms, callback })
      return id
    },
    clearTimeout(handle) {
      timers.delete(handle as number)
    },
    advance(ms) {
      const until = now + ms
      for (;;) {
        const due = [...timers.entries()]
          .filter(([, timer]) => timer.at <= until)
          .sort((a, b) => a[1].at - b[1].at || a[0] - b[0])
        const first = due[0]
        if (first === undefined) break
        timers.delete(first[0])
        now = first[1].at
        first[1].callback()
      }
      now = until
    },
    pendingTimers: () => timers.size
  }
}

/** Lets pending promise callbacks run (a batch send resolving, outcomes settling). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve()
  await new Promise<void>((resolve) => setImmediate(resolve))
}
