/**
 * What became of every line, counted as it happens: the outcome of each line (which must add up
 * to the lines read) and of each delivery, per destination, action and subscription, with the
 * reasons for skips and the error codes of failures.
 */
import type { DeliveryResult } from '../runtime/index.js'

export type LineOutcome = 'delivered' | 'skipped' | 'deadLettered' | 'firedNothing' | 'blank'

export interface DeliveryCounts {
  destination: string
  action: string
  subscription: string
  delivered: number
  skipped: number
  failed: number
  /** Reason → skips. */
  skippedBy: Record<string, number>
  /** Error code → failures. */
  failedBy: Record<string, number>
}

export interface TallySnapshot {
  lines: { read: number } & Record<LineOutcome, number>
  /** Lines dead-lettered because they could not be read as JSON (part of `deadLettered`). */
  malformed: number
  /** Lines read whose deliveries have not all finished. */
  inFlight: number
  bytesRead: number
  deliveries: DeliveryCounts[]
}

export interface Tally {
  lineRead(bytesEnd: number): void
  lineDone(outcome: LineOutcome): void
  malformed(): void
  delivery(result: DeliveryResult): void
  snapshot(): TallySnapshot
}

export function createTally(): Tally {
  const lines = { read: 0, delivered: 0, skipped: 0, deadLettered: 0, firedNothing: 0, blank: 0 }
  let malformed = 0
  let bytesRead = 0
  const deliveries = new Map<string, DeliveryCounts>()
  return {
    lineRead(bytesEnd) {
      lines.read++
      bytesRead = bytesEnd
    },
    lineDone(outcome) {
      lines[outcome]++
    },
    malformed: () => void malformed++,
    delivery(result) {
      // An event that is not one belongs to no destination: it shows as such in the table.
      const key = JSON.stringify([result.destination, result.action, result.subscription])
      let counts = deliveries.get(key)
      if (!counts) {
        counts = { destination: result.destination, action: result.action, subscription: result.subscription, delivered: 0, skipped: 0, failed: 0, skippedBy: {}, failedBy: {} }
        deliveries.set(key, counts)
      }
      if (result.status === 'delivered') counts.delivered++
      else if (result.status === 'skipped') {
        counts.skipped++
        counts.skippedBy[result.reason] = (counts.skippedBy[result.reason] ?? 0) + 1
      } else {
        counts.failed++
        counts.failedBy[result.error.code] = (counts.failedBy[result.error.code] ?? 0) + 1
      }
    },
    snapshot() {
      const done = lines.delivered + lines.skipped + lines.deadLettered + lines.firedNothing + lines.blank
      return { lines: { ...lines }, malformed, inFlight: lines.read - done, bytesRead, deliveries: [...deliveries.values()].map((d) => structuredClone(d)) }
    }
  }
}

/** The outcome of a line from its deliveries: any failure dead-letters it; else any delivery delivers it. */
export function lineOutcome(results: readonly DeliveryResult[]): Exclude<LineOutcome, 'blank'> {
  if (results.length === 0) return 'firedNothing'
  if (results.some((r) => r.status === 'failed')) return 'deadLettered'
  if (results.some((r) => r.status === 'delivered')) return 'delivered'
  return 'skipped'
}
