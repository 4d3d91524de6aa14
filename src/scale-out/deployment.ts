/**
 * What every scale-out command starts from: the configuration's `jetstream:` and retry settings,
 * a connection to NATS (retried, with one-line errors), and the streams, consumer and ledger
 * bucket the configuration names, created or updated.
 */
import { readFileSync } from 'node:fs'
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream'
import type { NatsConnection } from '@nats-io/transport-node'
import { loadConfig } from '../configuration/file/load-config.js'
import { ConfigError, type RuntimeConfig } from '../runtime/index.js'
import { resolveRetryPolicy, type RetryPolicy } from '../runtime/http/index.js'
import { connectNats, describeNatsError, NatsUnavailableError } from './connection.js'
import { scaleOutSettings, type ScaleOutSettings } from './settings.js'
import { deadLetterStreamConfig, ensureConsumer, ensureStream, eventStreamConfig } from './topology.js'

export interface DeploymentSettings {
  config: RuntimeConfig
  settings: ScaleOutSettings
  retryPolicy: RetryPolicy
}

/** The configuration's settings (a ConfigError, located, when the file is wrong). */
export function readDeploymentSettings(file: string, env: Readonly<Record<string, string | undefined>>): DeploymentSettings {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new ConfigError({ reason: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` })
  }
  const { config } = loadConfig(text, env, file)
  return { config, settings: scaleOutSettings(config.jetstream), retryPolicy: resolveRetryPolicy(config.http?.retry ?? {}) }
}

export interface Deployment {
  nc: NatsConnection
  js: JetStreamClient
  jsm: JetStreamManager
  close(): Promise<void>
}

export type Resources = 'events' | 'all'

export async function openDeployment(options: { url: string; name: string; settings: ScaleOutSettings; resources: Resources; log: (line: string) => void; connectTimeoutMs?: number }): Promise<Deployment> {
  const nc = await connectNats({ url: options.url, name: options.name, log: options.log, ...(options.connectTimeoutMs !== undefined ? { connectTimeoutMs: options.connectTimeoutMs } : {}) })
  try {
    const jsm = await jetstreamManager(nc)
    await ensureStream(jsm, eventStreamConfig(options.settings))
    if (options.resources === 'all') {
      await ensureStream(jsm, deadLetterStreamConfig(options.settings))
      await ensureConsumer(jsm, options.settings)
    }
    return { nc, js: jetstream(nc), jsm, close: () => nc.drain().catch(() => nc.close()) }
  } catch (error) {
    await nc.close().catch(() => {})
    if (error instanceof NatsUnavailableError) throw error
    throw new NatsUnavailableError(`NATS at ${options.url} refused to set up JetStream (${describeNatsError(error)}); is JetStream enabled (nats-server -js)?`)
  }
}
