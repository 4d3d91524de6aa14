/**
 * `mapc ingest --config mapc.yaml --write-key K [--nats URL]`: an HTTP endpoint speaking
 * Segment's Tracking API (/v1/identify, track, page, screen, group, alias, batch), until SIGINT
 * or SIGTERM. Embedded (no `--nats`), events go to the in-process runtime and failures to a
 * dead-letter file; with `--nats`, each event is published to the configured JetStream stream and
 * the answer waits for JetStream's acknowledgement; workers (`mapc worker`) deliver them.
 */
import { setMaxListeners } from 'node:events'
import { startIngestServer, type IngestSink } from '../../ingest/ingest-server.js'
import { embeddedSink, type EmbeddedSink } from '../../ingest/embedded-sink.js'
import { deadLetterFile } from '../../run/dead-letter.js'
import { createTally } from '../../run/tally.js'
import { createLineLogger, createRuntimeFromConfig, MapcError, type Runtime } from '../../runtime/index.js'
import { NatsUnavailableError } from '../../scale-out/connection.js'
import { openDeployment, readDeploymentSettings, type Deployment } from '../../scale-out/deployment.js'
import { jetStreamSink } from '../../scale-out/jetstream-sink.js'
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError, type Command } from '../command.js'
import { integerOption } from './worker.js'

export const ingestCommand: Command = {
  name: 'ingest',
  summary: "receive events over Segment's HTTP Tracking API, for the runtime in process or a JetStream stream",
  usage: 'mapc ingest --config mapc.yaml --write-key KEY [--nats URL] [--port N] [--host H]',
  optionHelp: [
    '--config FILE          the YAML configuration (destinations; jetstream: for --nats)',
    '--write-key KEY        the write key clients send as the Basic auth user (default $MAPC_WRITE_KEY)',
    '--nats URL             publish to JetStream at this NATS server instead of delivering in process',
    '--port N               default: a free port (printed)',
    '--host H               default 127.0.0.1',
    '--dead-letter FILE     embedded: where failed deliveries are appended (default dead-letters.ndjson)',
    '--concurrency N        embedded: events waiting for their results at most (default 200)',
    '--json                 print the final counts as JSON'
  ],
  options: {
    config: { type: 'string' },
    'write-key': { type: 'string' },
    nats: { type: 'string' },
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    'dead-letter': { type: 'string', default: 'dead-letters.ndjson' },
    concurrency: { type: 'string', default: '200' },
    json: { type: 'boolean', default: false }
  },
  async run({ positionals, values }, io) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`)
    const config = values['config']
    if (typeof config !== 'string') throw new UsageError('--config is required')
    const writeKey = typeof values['write-key'] === 'string' ? values['write-key'] : io.env['MAPC_WRITE_KEY']
    if (writeKey === undefined || writeKey === '') throw new UsageError('--write-key (or $MAPC_WRITE_KEY) is required: the key clients authenticate with')
    const port = integerOption(values['port'], '--port', 0)
    const url = typeof values['nats'] === 'string' ? values['nats'] : undefined
    const log = (line: string): void => io.stderr(`mapc ingest: ${line}\n`)

    let settings
    try {
      settings = readDeploymentSettings(config, io.env).settings
    } catch (error) {
      if (error instanceof MapcError) {
        log(error.message)
        return EXIT_USAGE
      }
      throw error
    }

    let sink: IngestSink
    let embedded: { sink: EmbeddedSink; runtime: Runtime; close(): void; tally: ReturnType<typeof createTally> } | undefined
    let deployment: Deployment | undefined
    let published: ReturnType<typeof jetStreamSink> | undefined
    try {
      if (url === undefined) {
        const cancel = new AbortController()
        setMaxListeners(0, cancel.signal)
        const runtime = await createRuntimeFromConfig(config, io.env, { logger: createLineLogger({ write: (text: string) => io.stderr(text) }), signal: cancel.signal })
        const deadLetters = deadLetterFile(String(values['dead-letter']))
        const tally = createTally()
        const s = embeddedSink(runtime, deadLetters, tally, integerOption(values['concurrency'], '--concurrency', 1))
        embedded = { sink: s, runtime, tally, close: () => deadLetters.close() }
        sink = s
      } else {
        deployment = await openDeployment({ url, name: `mapc ingest ${process.pid}`, settings, resources: 'events', log })
        published = jetStreamSink(deployment.js, settings)
        sink = published
      }
    } catch (error) {
      if (error instanceof MapcError) {
        log(error.message)
        return EXIT_USAGE
      }
      if (error instanceof NatsUnavailableError) {
        log(error.message)
        return EXIT_FAILURE
      }
      throw error
    }

    const server = await startIngestServer({ sink, writeKeys: [writeKey], port, host: String(values['host']) }).catch((error: NodeJS.ErrnoException) => {
      log(`cannot listen on ${String(values['host'])}:${port}: ${error.code ?? error.message}`)
      return undefined
    })
    if (server === undefined) {
      await deployment?.close()
      return EXIT_FAILURE
    }
    log(`listening on ${server.url} (${url === undefined ? 'delivering in process' : `publishing to the JetStream stream ${settings.stream} at ${url}`})`)

    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'))
      process.once('SIGTERM', () => resolve('SIGTERM'))
    })
    log(`${signal}: no more requests are accepted; finishing those in flight`)
    await server.stop()
    const counts: Record<string, unknown> = { requests: server.accepted.requests, events: server.accepted.events }
    if (embedded) {
      await embedded.sink.drain()
      await embedded.runtime.close()
      embedded.close()
      counts['lines'] = embedded.tally.snapshot().lines
    }
    if (published) Object.assign(counts, published.counts)
    await deployment?.close()
    io.stdout(values['json'] === true ? `${JSON.stringify(counts)}\n` : `${server.accepted.requests} requests, ${server.accepted.events} events accepted\n`)
    return EXIT_OK
  }
}
