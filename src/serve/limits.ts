/**
 * What `mapc serve` accepts, in size and time. The page checks the same sizes before it sends
 * (the numbers come from `GET /api/session`), so a user sees the limit named, not a dropped request.
 */

/** A `.map` text: the largest real mapping is a few tens of KiB; 1 MiB leaves room without letting one paste stall the checker. */
export const MAX_MAP_BYTES = 1024 * 1024
/** One event as JSON. Segment's own limit for a single event is 32 KiB; samples with big traits still fit. */
export const MAX_EVENT_BYTES = 256 * 1024
/** A request body: the largest map and event, plus the JSON around them. */
export const MAX_BODY_BYTES = MAX_MAP_BYTES + MAX_EVENT_BYTES + 64 * 1024
/** The most events one Batch builds. */
export const MAX_BATCH_EVENTS = 100
/**
 * Checking, compiling and resolving run in a worker thread stopped after this long (then
 * restarted). A check takes milliseconds; the budget is generous for a loaded machine, where
 * the first compile of the code view loads TypeScript.
 */
export const COMPILE_BUDGET_MS = 30_000
/** Send and Batch wait for the destination (an emulator or a real endpoint) at most this long. */
export const DELIVERY_BUDGET_MS = 45_000

/** `1.5 MiB`, `230 KiB`, `12 bytes`. */
export function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`
  return `${bytes} bytes`
}
