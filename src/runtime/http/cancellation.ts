/**
 * The runtime's shutdown signal, given to every request of an instance: once it fires, requests
 * in flight and waits for a retry end at once with a CancelledError, so a bounded shutdown does
 * not wait out backoffs.
 */
import type { Transport } from '../delivery/deliver.js'

/** Every request and every wait for a retry is cancelled once `signal` fires (the runtime's shutdown). */
export function withCancellation(transport: Transport, signal: AbortSignal): Transport {
  return (request, meta) => transport(request, { ...meta, signal: meta.signal ? AbortSignal.any([meta.signal, signal]) : signal })
}
