/**
 * Every write an emulator applies, counted two ways: per record (`people/<id>`: how often it was
 * written) and per message id, read from the written values' trace key (`message_id` unless
 * configured otherwise). A subscription that maps `$.messageId` to that attribute lets a test
 * prove that no event was applied twice, whatever retries and faults happened on the way.
 */

export interface WriteCounts {
  total: number
  /** `"<object>/<record id>"` → writes. */
  byRecord: Record<string, number>
  /** message id → `{ <object>: writes }`, for writes whose values carry the trace key. */
  byMessageId: Record<string, Record<string, number>>
}

export interface WriteLog {
  /** One write of `values` to the record `id` of `object` (`events`, `activities` for appended items). */
  record(object: string, id: string, values: unknown): void
  counts(): WriteCounts
  reset(): void
}

export function createWriteLog(traceKey: string): WriteLog {
  let total = 0
  let byRecord = new Map<string, number>()
  let byMessageId = new Map<string, Map<string, number>>()
  return {
    record(object, id, values) {
      total++
      const key = `${object}/${id}`
      byRecord.set(key, (byRecord.get(key) ?? 0) + 1)
      const trace = values !== null && typeof values === 'object' && !Array.isArray(values) ? (values as Record<string, unknown>)[traceKey] : undefined
      if (typeof trace !== 'string' && typeof trace !== 'number') return
      const perObject = byMessageId.get(String(trace)) ?? new Map<string, number>()
      perObject.set(object, (perObject.get(object) ?? 0) + 1)
      byMessageId.set(String(trace), perObject)
    },
    counts: () => ({
      total,
      byRecord: Object.fromEntries(byRecord),
      byMessageId: Object.fromEntries([...byMessageId].map(([id, perObject]) => [id, Object.fromEntries(perObject)]))
    }),
    reset() {
      total = 0
      byRecord = new Map()
      byMessageId = new Map()
    }
  }
}
