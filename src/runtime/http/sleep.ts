import { setTimeout as delay } from 'node:timers/promises'

/** The longest delay Node's timers honour; a longer one fires after 1 ms instead. */
export const MAX_TIMER_DELAY_MS = 2_147_483_647

/** Waits between attempts; tests inject one that records the delays and returns at once. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>

/** Real time; rejects as soon as `signal` aborts so a cancelled delivery does not sit out a backoff. */
export const realSleep: Sleep = async (ms, signal) => {
  await delay(ms, undefined, signal === undefined ? undefined : { signal })
}
