/**
 * A runtime over the generated test destination and the real HTTP client, with retry delays
 * small enough for tests, and a logger whose lines the tests can read.
 */
import { createLineLogger } from '../../../../src/runtime/logging/index.js'
import { createRuntime, type DestinationInstance, type Runtime, type RuntimeOptions } from '../../../../src/runtime/runtime.js'
import type { SubscriptionConfig } from '../../../../src/runtime/config-types.js'
import { loadConfigurationCompiler } from '../../../../src/runtime/configuration-compiler.js'
import type { GeneratedCrm } from './generated-crm.js'

// Subscriptions given in code are compiled by the configuration compiler, which the runtime loads only on demand.
await loadConfigurationCompiler()

export const API_KEY = 'sk_live_R0undTr1p/Key+42'

/** Retries wait a millisecond or two: what is tested is whether and how often, not how long. */
export const FAST_HTTP: NonNullable<RuntimeOptions['http']> = {
  timeoutMs: 2000,
  retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 50 }
}

export interface Started {
  runtime: Runtime
  /** Every line the runtime logged, at debug level. */
  logs: string[]
}

export function startRuntime(
  crm: GeneratedCrm,
  options: { subscriptions?: SubscriptionConfig[]; settings?: Record<string, unknown>; auth?: DestinationInstance['auth']; http?: RuntimeOptions['http'] } = {}
): Started {
  const logs: string[] = []
  const instance: DestinationInstance = { destination: crm.destination, name: 'crm-test', settings: options.settings ?? { apiKey: API_KEY, region: 'eu' } }
  if (options.subscriptions) instance.subscriptions = options.subscriptions
  if (options.auth) instance.auth = options.auth
  const runtime = createRuntime([instance], {
    http: options.http ?? FAST_HTTP,
    logger: createLineLogger({ write: (line: string) => logs.push(line) }, { level: 'debug', timestamps: false })
  })
  return { runtime, logs }
}
