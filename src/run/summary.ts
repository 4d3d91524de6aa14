/**
 * The end of a run, for people (a table per destination, action and subscription, the reasons and
 * error codes, the line count that must add up) and for programs (`--json`: the same numbers).
 */
import type { DeliveryCounts, TallySnapshot } from './tally.js'

export interface RunSummary {
  input: string
  dryRun: boolean
  /** The signal that stopped reading, when one did. */
  interrupted: string | null
  lines: TallySnapshot['lines']
  malformed: number
  /** When interrupted: the last line read; the lines after it were not read. */
  stoppedAfterLine: number | null
  /** Deliveries still in flight when the drain timed out, cancelled (they are dead-lettered as CANCELLED). */
  cancelledInFlight: boolean
  deliveries: DeliveryCounts[]
  deadLetters: { file: string | null; written: number }
  durationMs: number
  linesPerSecond: number
  /** The process's peak resident memory (`process.resourceUsage().maxRSS`). */
  maxRssBytes: number
}

export function renderSummary(summary: RunSummary): string {
  const out: string[] = []
  const rows = [...summary.deliveries].sort((a, b) => a.destination.localeCompare(b.destination) || a.action.localeCompare(b.action) || a.subscription.localeCompare(b.subscription))
  if (rows.length > 0) {
    const header = ['destination', 'action', 'subscription', 'delivered', 'skipped', 'failed']
    const cells = rows.map((r) => [r.destination || '(no destination)', r.action || '-', r.subscription || '-', String(r.delivered), String(r.skipped), String(r.failed)])
    const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] as string).length)))
    const line = (c: readonly string[]): string => c.map((text, i) => (i >= 3 ? text.padStart(widths[i] as number) : text.padEnd(widths[i] as number))).join('  ').trimEnd()
    out.push(line(header), ...cells.map(line), '')
    for (const r of rows) {
      const who = [r.destination || '(no destination)', r.action, r.subscription].filter((p) => p !== '').join(' / ')
      for (const [reason, n] of Object.entries(r.skippedBy)) out.push(`skipped  ${who}: ${reason} (${n})`)
      for (const [code, n] of Object.entries(r.failedBy)) out.push(`failed   ${who}: ${code} (${n})`)
    }
    if (rows.some((r) => r.skipped + r.failed > 0)) out.push('')
  }
  const l = summary.lines
  const malformed = summary.malformed > 0 ? ` (${summary.malformed} not readable)` : ''
  const blank = l.blank > 0 ? ` + ${l.blank} blank` : ''
  out.push(`${l.read} lines read = ${l.delivered} delivered + ${l.skipped} skipped + ${l.deadLettered} dead-lettered${malformed} + ${l.firedNothing} fired nothing${blank}`)
  if (summary.interrupted !== null) {
    out.push(`interrupted by ${summary.interrupted} after line ${summary.stoppedAfterLine ?? 0}: the lines after it were not read${summary.cancelledInFlight ? '; deliveries still in flight were cancelled and dead-lettered' : ''}`)
  }
  if (summary.dryRun) out.push('dry run: nothing was sent, and no dead letters were written')
  else if (summary.deadLetters.written > 0) out.push(`${summary.deadLetters.written} dead letter${summary.deadLetters.written === 1 ? '' : 's'} appended to ${summary.deadLetters.file}`)
  out.push(`${(summary.durationMs / 1000).toFixed(1)} s, ${Math.round(summary.linesPerSecond)} lines/s, peak memory ${Math.round(summary.maxRssBytes / 2 ** 20)} MiB`)
  return `${out.join('\n')}\n`
}
