import type { Sleep } from '../../../../src/runtime/http/index.js'

/** A sleep that returns at once and remembers what it was asked to wait. */
export function recordingSleep(): { sleep: Sleep; delays: number[] } {
  const delays: number[] = []
  return {
    delays,
    sleep: async (ms, signal) => {
      delays.push(ms)
      signal?.throwIfAborted()
    }
  }
}
