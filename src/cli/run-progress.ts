/**
 * Progress of `mapc run` on standard error: on a terminal a progress bar (cli-progress) with the
 * rate and the counts, redrawn in place; otherwise a plain line every few seconds, which logs
 * and CI output keep readable.
 */
import cliProgress from 'cli-progress'
import type { TallySnapshot } from '../run/tally.js'

export interface ProgressOptions {
  /** The terminal to draw on; without one, plain lines go to `write`. */
  terminal: NodeJS.WriteStream | undefined
  write(text: string): void
  /** The input's size in bytes, when it is a file: the bar's 100%. */
  totalBytes: number | undefined
  snapshot(): TallySnapshot
  /** Between plain lines. Default 5 s. */
  intervalMs?: number
}

export interface Progress {
  stop(): void
}

export function startProgress(options: ProgressOptions): Progress {
  const started = Date.now()
  const rate = (lines: number): number => Math.round(lines / Math.max(0.001, (Date.now() - started) / 1000))
  if (options.terminal) {
    const known = options.totalBytes !== undefined && options.totalBytes > 0
    const bar = new cliProgress.SingleBar(
      {
        stream: options.terminal,
        format: `${known ? '{bar} {percentage}% | ' : ''}{lines} lines | {rate} lines/s | delivered {delivered} · skipped {skipped} · dead-lettered {dead} · fired nothing {nothing} · in flight {inFlight}`,
        hideCursor: true,
        clearOnComplete: false,
        fps: 5
      },
      cliProgress.Presets.shades_classic
    )
    const payload = (s: TallySnapshot) => ({ lines: s.lines.read, rate: rate(s.lines.read), delivered: s.lines.delivered, skipped: s.lines.skipped, dead: s.lines.deadLettered, nothing: s.lines.firedNothing, inFlight: s.inFlight })
    const first = options.snapshot()
    bar.start(known ? (options.totalBytes as number) : 1, 0, payload(first))
    const timer = setInterval(() => {
      const s = options.snapshot()
      bar.update(known ? s.bytesRead : 0, payload(s))
    }, 200)
    return {
      stop() {
        clearInterval(timer)
        const s = options.snapshot()
        bar.update(known ? s.bytesRead : 0, payload(s))
        bar.stop()
      }
    }
  }
  const timer = setInterval(() => {
    const s = options.snapshot()
    const share = options.totalBytes ? ` (${Math.floor((100 * s.bytesRead) / options.totalBytes)}%)` : ''
    options.write(
      `progress: ${s.lines.read} lines read${share}, ${rate(s.lines.read)} lines/s: ${s.lines.delivered} delivered, ${s.lines.skipped} skipped, ${s.lines.deadLettered} dead-lettered, ${s.lines.firedNothing} fired nothing, ${s.inFlight} in flight\n`
    )
  }, options.intervalMs ?? 5000)
  return { stop: () => clearInterval(timer) }
}
