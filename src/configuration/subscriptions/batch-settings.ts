/**
 * Whether a subscription batches, and how. Batching is on when the configuration asks for it
 * (`batch:`) or when a Segment mapping sets the action's `enabled` field to `true`, as Segment's
 * `enable_batching` does. The size is the configuration's, else the number the Segment mapping
 * gives the action's size field (`batch_size`), and never more than the `.map`'s size: the most
 * the API takes, as the `.map`'s author wrote it.
 */
import type { SubscriptionConfig } from '../../runtime/config-types.js'
import type { CompiledBatch } from '../../runtime/contract.js'
import type { BatchSettings } from '../../runtime/subscription.js'

export const DEFAULT_MAX_AGE_MS = 1000

/** @param fail throws the caller's error for a reason; it never returns. */
export function batchSettings(config: SubscriptionConfig, batch: CompiledBatch | undefined, fail: (reason: string) => never): BatchSettings | undefined {
  const segment = config.segmentMapping ?? {}
  const enabledBySegment = batch?.enabledField !== undefined && segment[batch.enabledField] === true
  if (config.batch === undefined && !enabledBySegment) return undefined
  if (batch === undefined) return fail(`${config.action} cannot batch: its .map declares no batch block`)
  const limit = batch.size.kind === 'literal' ? batch.size.value : batch.size.fallback
  const segmentSize = batch.size.kind === 'field' ? segment[batch.size.name] : undefined
  const wanted = config.batch?.size ?? (isPositiveInteger(segmentSize) ? segmentSize : limit)
  return { maxSize: Math.max(1, Math.min(wanted, limit)), maxAgeMs: config.batch?.maxAgeMs ?? DEFAULT_MAX_AGE_MS }
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1
}
