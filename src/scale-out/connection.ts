/**
 * The connection to NATS, with the problems a deployment meets said in one line each: a server
 * that is not there yet is retried (with the reason and the next try), a connection lost later
 * is re-established by the client while work waits, and neither prints a stack trace.
 */
import { connect, type NatsConnection } from '@nats-io/transport-node'
import { setTimeout as sleep } from 'node:timers/promises'

export interface ConnectOptions {
  url: string
  /** The connection's name in the server's monitoring (`mapc worker 1234`). */
  name: string
  /** How long to keep trying the first connection; default 30 s. */
  connectTimeoutMs?: number
  /** Told of each problem and recovery, one line each. */
  log: (line: string) => void
  signal?: AbortSignal
}

/** A connection failure that is the user's to fix (wrong URL, no server): its message is the whole story. */
export class NatsUnavailableError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'NatsUnavailableError'
  }
}

export async function connectNats(options: ConnectOptions): Promise<NatsConnection> {
  const deadline = Date.now() + (options.connectTimeoutMs ?? 30_000)
  let wait = 250
  for (;;) {
    try {
      const nc = await connect({ servers: options.url, name: options.name, maxReconnectAttempts: -1, reconnectTimeWait: 250, timeout: 5000 })
      void watch(nc, options)
      return nc
    } catch (error) {
      const reason = describeNatsError(error)
      if (Date.now() + wait > deadline || options.signal?.aborted) throw new NatsUnavailableError(`cannot connect to NATS at ${options.url}: ${reason}`)
      options.log(`cannot connect to NATS at ${options.url} (${reason}); retrying in ${wait} ms`)
      await sleep(wait)
      wait = Math.min(wait * 2, 4000)
    }
  }
}

async function watch(nc: NatsConnection, options: ConnectOptions): Promise<void> {
  for await (const status of nc.status()) {
    if (status.type === 'disconnect') options.log(`lost the connection to NATS at ${options.url}; reconnecting (work waits meanwhile)`)
    else if (status.type === 'reconnect') options.log(`reconnected to NATS at ${options.url}`)
    else if (status.type === 'error') options.log(`NATS: ${describeNatsError(status.error)}`)
  }
}

/** One line for an error from the NATS client or the network, without a stack. */
export function describeNatsError(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const code = (error as NodeJS.ErrnoException).code
  const cause = (error as Error & { cause?: unknown }).cause
  const causeCode = cause instanceof Error ? (cause as NodeJS.ErrnoException).code : undefined
  const known = code ?? causeCode
  if (known === 'ECONNREFUSED') return 'connection refused (is nats-server running there?)'
  if (known === 'ENOTFOUND') return 'unknown host'
  return error.message.split('\n')[0] ?? error.name
}
