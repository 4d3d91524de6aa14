/**
 * What became of one item of a batch. A batch API that reports per-item status fails only the
 * items it rejected; the rest succeed with it.
 */
export type ItemOutcome<R> = { ok: true; value: R } | { ok: false; error: Error }

export function isItemOutcome(value: unknown): value is ItemOutcome<unknown> {
  if (value === null || typeof value !== 'object') return false
  const candidate = value as { ok?: unknown; error?: unknown }
  return candidate.ok === true || (candidate.ok === false && candidate.error instanceof Error)
}

/**
 * A thrown non-Error still has to reach the item's owner as an Error. A string is kept as the
 * message; an object is only named by its type, as it may carry response data.
 */
export function asError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown
  const description = typeof thrown === 'string' ? JSON.stringify(thrown) : thrown === null ? 'null' : typeof thrown
  return new Error(`the batch sender threw a non-error value: ${description}`)
}
