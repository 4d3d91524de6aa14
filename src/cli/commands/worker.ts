/**
 * `mapc worker --config mapc.yaml --nats URL` (also `mapc run --config mapc.yaml --nats URL`):
 * one worker of scale-out delivery, sharing the configuration's durable consumer with any number
 * of others, until SIGINT or SIGTERM; then it stops fetching, finishes or gives back what is in
 * flight, prints what it did, and exits 0. The loop is src/scale-out/worker.ts.
 *
 * Exit codes: 0 stopped by a signal after a clean drain; 1 NATS could not be reached or set up;
 * 2 usage or configuration errors.
 */
import { setMaxListeners } from 'node:events'
import { createRuntimeFromConfig, createLineLogger, MapcError, type Runtime } from '../../runtime/index.js'
import { createTally } from '../../run/tally.js'
import { NatsUnavailableError } from '../../scale-out/connection.js'
import { openDeployment, readDeploymentSettings, type Deployment } from '../../scale-out/deployment.js'
import { openLedger } from '../../scale-out/topology.js'
import { runWorker } from '../../scale-out/worker.js'
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError, type Command, type CommandInput } from '../command.js'
import type { CliIo } from '../io.js'

export const workerCommand: Command = {
  name: 'worker',
  summary: 'deliver events from a NATS JetStream stream, sharing the work with other workers',
  usage: 'mapc worker --config mapc.yaml --nats URL [--concurrency N] [--json]',
  optionHelp: [
    '--config FILE          the YAML configuration; its jetstream: section names the stream and consumer (docs/scale-out.md)',
    '--nats URL             the NATS server, e.g. nats://127.0.0.1:4222',
    '--concurrency N        messages in flight at most (default: jetstream.concurrency, else 200)',
    '--drain-timeout-ms N   on SIGINT/SIGTERM, how long to wait for deliveries in flight (default 10000)',
    '--json                 print the final counts as JSON',
    '--verbose              log every HTTP attempt on standard error'
  ],
  options: {
    config: { type: 'string' },
    nats: { type: 'string' },
    concurrency: { type: 'string' },
    'drain-timeout-ms': { type: 'string', default: '10000' },
    json: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false }
  },
  run: runWorkerCommand
}

export async function runWorkerCommand({ positionals, values }: CommandInput, io: CliIo, name = 'worker'): Promise<number> {
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`)
  const config = values['config']
  const url = values['nats']
  if (typeof config !== 'string') throw new UsageError('--config is required')
  if (typeof url !== 'string' || url === '') throw new UsageError('--nats is required: the URL of the NATS server')
  const drainTimeoutMs = integerOption(values['drain-timeout-ms'], '--drain-timeout-ms', 0)
  const log = (line: string): void => io.stderr(`mapc ${name}: ${line}\n`)

  const cancel = new AbortController()
  setMaxListeners(0, cancel.signal)
  const logger = createLineLogger({ write: (text: string) => io.stderr(text) }, { level: values['verbose'] === true ? 'debug' : 'info' })
  let runtime: Runtime
  let deployment: ReturnType<typeof readDeploymentSettings>
  try {
    deployment = readDeploymentSettings(config, io.env)
    runtime = await createRuntimeFromConfig(config, io.env, { logger, signal: cancel.signal })
  } catch (error) {
    if (error instanceof MapcError) {
      io.stderr(`mapc ${name}: ${error.message}\n`)
      return EXIT_USAGE
    }
    throw error
  }
  const settings = { ...deployment.settings }
  if (values['concurrency'] !== undefined) settings.concurrency = integerOption(values['concurrency'], '--concurrency', 1)

  const stop = new AbortController()
  let signalName: string | null = null
  const onSignal = (signal: NodeJS.Signals): void => {
    if (signalName !== null) {
      log(`${signal} again: exiting now; messages in flight go back to the stream after the ack wait`)
      process.exit(EXIT_FAILURE)
    }
    signalName = signal
    log(`${signal}: no more messages are fetched; finishing what is in flight (up to ${drainTimeoutMs} ms)`)
    stop.abort()
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)

  let opened: Deployment | undefined
  try {
    opened = await openDeployment({ url, name: `mapc ${name} ${process.pid}`, settings, resources: 'all', log })
    const ledger = await openLedger(opened.nc, settings)
    const consumer = await opened.js.consumers.get(settings.stream, settings.consumer)
    log(`consuming ${settings.stream} as ${settings.consumer} at ${url}, ${settings.concurrency} messages in flight at most`)
    const tally = createTally()
    const started = Date.now()
    const counts = await runWorker({ js: opened.js, consumer, runtime, ledger, settings, retryPolicy: deployment.retryPolicy, tally, stop: stop.signal, jsm: opened.jsm, drainTimeoutMs, cancel: () => cancel.abort(), log, ...(values['verbose'] === true ? { trace: log } : {}) })
    const durationMs = Date.now() - started
    const summary = { ...counts, deliveries: tally.snapshot().deliveries, durationMs, interrupted: signalName }
    if (values['json'] === true) io.stdout(`${JSON.stringify(summary)}\n`)
    else io.stdout(`${counts.received} deliveries received: ${counts.delivered} delivered, ${counts.skipped} skipped, ${counts.deadLettered} dead-lettered, ${counts.firedNothing} fired nothing, ${counts.retried} retried later, ${counts.alreadyDone} already done, ${counts.returned} given back; ${(durationMs / 1000).toFixed(1)} s\n`)
    return EXIT_OK
  } catch (error) {
    if (error instanceof NatsUnavailableError) {
      log(error.message)
      return EXIT_FAILURE
    }
    throw error
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    await opened?.close()
  }
}

export function integerOption(value: unknown, option: string, min: number): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${option} must be an integer of at least ${min}, got ${String(value)}`)
  return n
}
