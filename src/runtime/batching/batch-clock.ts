/**
 * The timers the batcher uses for its age limit. Injected by tests, so that "the oldest item is
 * maxAgeMs old" is a step a test takes, not a real wait.
 */
export interface BatchClock {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export const realClock: BatchClock = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
}
