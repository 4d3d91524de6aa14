/**
 * `mapc run --config mapc.yaml [--input events.ndjson | -]`: delivers an NDJSON stream of
 * events through the destinations the configuration names, and ends with a summary. The loop
 * itself is src/run/deliver-stream.ts; this file is the command around it: options, the
 * runtime, signals, progress and the exit code.
 *
 * Exit codes: 0 every line delivered, skipped or firing nothing; 1 some dead-lettered; 2 usage or
 * configuration errors; 130/143 interrupted by SIGINT/SIGTERM (after the summary).
 */
import { createReadStream, statSync } from 'node:fs'
import { setMaxListeners } from 'node:events'
import { resolve } from 'node:path'
import { countingSink, deadLetterFile, type DeadLetterSink } from '../../run/dead-letter.js'
import { deliverStream } from '../../run/deliver-stream.js'
import { sourceItems } from '../../run/source.js'
import { renderSummary, type RunSummary } from '../../run/summary.js'
import { createTally } from '../../run/tally.js'
import { createLineLogger, createRuntimeFromConfig, MapcError, type Runtime } from '../../runtime/index.js'
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError, type Command, type CommandInput } from '../command.js'
import type { CliIo } from '../io.js'
import { runWorkerCommand } from './worker.js'
import { dryRunTransports, renderPrintedRequest } from '../dry-run-transport.js'
import { startProgress } from '../run-progress.js'

const SIGNAL_EXIT: Readonly<Record<string, number>> = { SIGINT: 130, SIGTERM: 143 }
/** Malformed lines reported one by one on standard error; the rest are counted (all are dead-lettered). */
const MALFORMED_REPORTED = 20

export const runCommand: Command = {
  name: 'run',
  summary: 'deliver an NDJSON stream of events through the configured destinations',
  usage: 'mapc run --config mapc.yaml [--input events.ndjson | -] [--dry-run] [--dead-letter FILE] [--json]   (or --nats URL: a worker, see mapc worker)',
  optionHelp: [
    '--config FILE          the YAML configuration (docs/runtime.md)',
    '--nats URL             be a scale-out worker on this NATS server instead (as mapc worker; docs/scale-out.md)',
    '--input FILE|-         NDJSON events, one per line; - for standard input (default -)',
    '--dead-letter FILE     where lines that could not be delivered are appended (default dead-letters.ndjson)',
    '--dry-run              print each request instead of sending it (secrets redacted)',
    '--json                 print the summary as JSON',
    '--concurrency N        events waiting for their results at most (default 200)',
    '--drain-timeout-ms N   on SIGINT/SIGTERM, how long to wait for requests in flight (default 10000)',
    '--max-line-bytes N     longer lines are dead-lettered (default 1048576)',
    '--quiet                no progress on standard error',
    '--verbose              log every HTTP attempt on standard error'
  ],
  options: {
    config: { type: 'string' },
    nats: { type: 'string' },
    input: { type: 'string', default: '-' },
    'dead-letter': { type: 'string', default: 'dead-letters.ndjson' },
    'dry-run': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    concurrency: { type: 'string', default: '200' },
    'drain-timeout-ms': { type: 'string', default: '10000' },
    'max-line-bytes': { type: 'string', default: '1048576' },
    quiet: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false }
  },
  async run({ positionals, values }, io) {
    if (values['nats'] !== undefined) return runAsWorker(values, io, positionals)
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' (the input is given with --input)`)
    const config = values['config']
    if (typeof config !== 'string') throw new UsageError('--config is required')
    const input = String(values['input'])
    const dryRun = values['dry-run'] === true
    const json = values['json'] === true
    const concurrency = positiveInteger(values['concurrency'], '--concurrency')
    const drainTimeoutMs = positiveInteger(values['drain-timeout-ms'], '--drain-timeout-ms', 0)
    const maxLineBytes = positiveInteger(values['max-line-bytes'], '--max-line-bytes')
    const deadLetterPath = String(values['dead-letter'])
    if (input !== '-' && resolve(input) === resolve(deadLetterPath)) {
      throw new UsageError(`--dead-letter ${deadLetterPath} is the input itself: write this run's dead letters to another file`)
    }
    let totalBytes: number | undefined
    if (input !== '-') {
      try {
        const stat = statSync(input)
        if (!stat.isFile()) throw new UsageError(`--input ${input} is not a file`)
        totalBytes = stat.size
      } catch (error) {
        if (error instanceof UsageError) throw error
        throw new UsageError(`cannot read --input ${input}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
      }
    }

    const cancel = new AbortController()
    // Every retry's wait listens to it: thousands of events in flight are not a leak.
    setMaxListeners(0, cancel.signal)
    const logger = createLineLogger({ write: (text: string) => io.stderr(text) }, { level: values['verbose'] === true ? 'debug' : 'info' })
    const printRequest = json
      ? (request: object) => io.stdout(`${JSON.stringify({ dryRun: request })}\n`)
      : (request: Parameters<typeof renderPrintedRequest>[0]) => io.stdout(renderPrintedRequest(request))
    let runtime: Runtime
    try {
      runtime = await createRuntimeFromConfig(config, io.env, { logger, signal: cancel.signal, ...(dryRun ? { transport: dryRunTransports(printRequest) } : {}) })
    } catch (error) {
      // The runtime's located message (file:line:column, key, what to change); never a stack trace.
      if (error instanceof MapcError) {
        io.stderr(`mapc run: ${error.message}\n`)
        return EXIT_USAGE
      }
      throw error
    }

    const stop = new AbortController()
    let signalName: string | null = null
    const onSignal = (signal: NodeJS.Signals): void => {
      if (signalName !== null) {
        io.stderr(`mapc run: ${signal} again: exiting now, without waiting for deliveries in flight\n`)
        process.exit(SIGNAL_EXIT[signal] ?? EXIT_FAILURE)
      }
      signalName = signal
      io.stderr(`mapc run: ${signal}: no more lines are read; finishing what is in flight (up to ${drainTimeoutMs} ms; ${signal} again exits at once)\n`)
      stop.abort()
    }
    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)

    const deadLetters: DeadLetterSink & { file?: string } = dryRun ? countingSink() : deadLetterFile(deadLetterPath)
    const tally = createTally()
    const started = Date.now()
    const progress = values['quiet'] === true ? undefined : startProgress({ terminal: io.terminal, write: io.stderr, totalBytes, snapshot: tally.snapshot })
    const stream = input === '-' ? (io.stdin?.() ?? process.stdin) : createReadStream(input, { highWaterMark: 64 * 1024 })
    let malformedSeen = 0
    let outcome
    try {
      outcome = await deliverStream({
        items: sourceItems(stream as AsyncIterable<Buffer>, maxLineBytes),
        runtime,
        deadLetters,
        tally,
        input,
        concurrency,
        stop: stop.signal,
        drainTimeoutMs,
        cancel: () => cancel.abort(),
        onMalformed(item) {
          malformedSeen++
          if (malformedSeen <= MALFORMED_REPORTED) io.stderr(`${input === '-' ? 'stdin' : input}:${item.line}: ${runtime.redactorFor('').redact(item.reason)} (dead-lettered)\n`)
          else if (malformedSeen === MALFORMED_REPORTED + 1) io.stderr('… more lines that cannot be read are dead-lettered without being reported here\n')
        }
      })
    } finally {
      progress?.stop()
      deadLetters.close()
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
      if ('destroy' in stream && typeof stream.destroy === 'function' && input !== '-') stream.destroy()
    }

    const snapshot = tally.snapshot()
    const durationMs = Date.now() - started
    const summary: RunSummary = {
      input,
      dryRun,
      interrupted: signalName,
      lines: snapshot.lines,
      malformed: snapshot.malformed,
      stoppedAfterLine: outcome.stopped ? outcome.lastLine : null,
      cancelledInFlight: outcome.cancelled,
      deliveries: snapshot.deliveries,
      deadLetters: { file: dryRun ? null : deadLetterPath, written: deadLetters.written },
      durationMs,
      linesPerSecond: snapshot.lines.read / Math.max(0.001, durationMs / 1000),
      maxRssBytes: process.resourceUsage().maxRSS * 1024
    }
    io.stdout(json ? `${JSON.stringify(summary)}\n` : renderSummary(summary))
    if (signalName !== null) return SIGNAL_EXIT[signalName] ?? EXIT_FAILURE
    return snapshot.lines.deadLettered > 0 ? EXIT_FAILURE : EXIT_OK
  }
}

/** `mapc run --nats URL`: the worker, with the options both commands share; the ones only a file run has are refused. */
function runAsWorker(values: CommandInput['values'], io: CliIo, positionals: string[]): Promise<number> {
  for (const option of ['input', 'dry-run', 'dead-letter', 'max-line-bytes'] as const) {
    const given = values[option]
    const defaults: Record<string, unknown> = { input: '-', 'dry-run': false, 'dead-letter': 'dead-letters.ndjson', 'max-line-bytes': '1048576' }
    if (given !== defaults[option]) throw new UsageError(`--${option} does not apply with --nats: a worker reads the stream, and dead letters go to the dead-letter stream`)
  }
  const concurrency = values['concurrency'] === '200' ? {} : { concurrency: values['concurrency'] }
  return runWorkerCommand({ positionals, values: { config: values['config'], nats: values['nats'], 'drain-timeout-ms': values['drain-timeout-ms'], json: values['json'], verbose: values['verbose'], ...concurrency } }, io, 'run')
}

function positiveInteger(value: unknown, option: string, min = 1): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${option} must be an integer of at least ${min}, got ${String(value)}`)
  return n
}
