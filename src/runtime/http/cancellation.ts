/**
 * The runtime's shutdown signal, given to every request of an instance: once it fires, requests
 * in flight and waits for a retry end at once with a CancelledError, so a bounded shutdown does
 * not wait out backoffs.
 *
 * Each request gets a controller of its own, aborted when the shutdown signal fires, rather than
 * `AbortSignal.any([shutdown, …])`: on Node 20 every signal combined with a long-lived one stays
 * reachable from it, which over thousands of requests costs memory and collection time.
 */
import type { Transport } from '../delivery/deliver.js'

export function withCancellation(transport: Transport, shutdown: AbortSignal): Transport {
  const live = new Set<AbortController>()
  shutdown.addEventListener('abort', () => {
    for (const controller of live) controller.abort(shutdown.reason)
  }, { once: true })
  return async (request, meta) => {
    if (shutdown.aborted) return transport(request, { ...meta, signal: shutdown })
    const controller = new AbortController()
    const forward = meta.signal ? () => controller.abort(meta.signal?.reason) : undefined
    if (meta.signal?.aborted) controller.abort(meta.signal.reason)
    else if (forward) meta.signal?.addEventListener('abort', forward, { once: true })
    live.add(controller)
    try {
      return await transport(request, { ...meta, signal: controller.signal })
    } finally {
      live.delete(controller)
      if (forward) meta.signal?.removeEventListener('abort', forward)
    }
  }
}
