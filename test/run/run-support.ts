/**
 * What the `mapc run` tests share: the bundled destinations built once per suite, the three
 * emulators on loopback with known credentials, and configurations pointing at them.
 */
import { join } from 'node:path'
import { startEmulator, type ServedEmulator } from '../../src/emulators/index.js'
import { buildBundledDestinations, ensureFreshBuild, scratchDir, writeText } from '../support/cli-process.js'

export const CREDENTIALS = { attio: 'attio-token-1234', schematic: 'sk_schematic_1234', matilda: 'mk_matilda_1234' } as const

export interface Emulators {
  attio: ServedEmulator
  schematic: ServedEmulator
  matilda: ServedEmulator
}

export interface RunSuite {
  dir: string
  generated: string
  emulators: Emulators
  /** Environment for `mapc run`: endpoints and the right credentials, unless overridden. */
  env(overrides?: Record<string, string>): Record<string, string>
  reset(): void
  stop(): Promise<void>
}

export async function startRunSuite(name: string): Promise<RunSuite> {
  ensureFreshBuild()
  const { dir, cleanup } = scratchDir(name)
  const generated = join(dir, 'generated')
  await buildBundledDestinations(generated)
  const emulators: Emulators = {
    attio: await startEmulator('attio', { credential: CREDENTIALS.attio }),
    schematic: await startEmulator('schematic', { credential: CREDENTIALS.schematic }),
    matilda: await startEmulator('matilda', { credential: CREDENTIALS.matilda })
  }
  return {
    dir,
    generated,
    emulators,
    env: (overrides = {}) => ({
      ATTIO_ENDPOINT: emulators.attio.url,
      SCHEMATIC_ENDPOINT: emulators.schematic.url,
      MATILDA_ENDPOINT: emulators.matilda.url,
      ATTIO_ACCESS_TOKEN: CREDENTIALS.attio,
      SCHEMATIC_API_KEY: CREDENTIALS.schematic,
      MATILDA_API_KEY: CREDENTIALS.matilda,
      ...overrides
    }),
    reset() {
      for (const e of Object.values(emulators)) e.emulator.reset()
    },
    async stop() {
      await Promise.all(Object.values(emulators).map((e) => e.stop()))
      cleanup()
    }
  }
}

export interface DestinationYaml {
  api: 'attio' | 'schematic' | 'matilda'
  /** YAML lines under the destination (subscriptions…), indented by four spaces. */
  extra?: string
}

/** A configuration of the given destinations, each pointed at its emulator through the environment. */
export function writeConfig(suite: RunSuite, file: string, destinations: readonly DestinationYaml[], http = 'http:\n  timeoutMs: 20000\n  retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 20 }\n'): string {
  const blocks = destinations.map(({ api, extra }) => {
    const credential = api === 'attio' ? `    auth:\n      accessToken: \${ATTIO_ACCESS_TOKEN}\n` : `    settings:\n      apiKey: \${${api.toUpperCase()}_API_KEY}\n`
    return `  - name: ${api}\n    module: ${join(suite.generated, api)}\n    endpoint: \${${api.toUpperCase()}_ENDPOINT}\n${credential}${extra ?? ''}`
  })
  return writeText(join(suite.dir, file), `${http}destinations:\n${blocks.join('')}`)
}

export function ndjson(events: readonly unknown[]): string {
  return `${events.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))).join('\n')}\n`
}

export const T = { timestamp: '2024-05-01T10:00:00.000Z', receivedAt: '2024-05-01T10:00:01.000Z' }
