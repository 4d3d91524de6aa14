/**
 * `mapc emulate <attio|schematic|matilda|all>`: the emulators of the destinations' APIs as HTTP
 * servers on loopback, until SIGINT or SIGTERM. Each prints the origin to put in a
 * configuration's `endpoint`. Faults (a share of 429s, 5xx, dropped connections, latency) are
 * set by flags here or at run time through `PUT /__emulator/faults`.
 */
import { checkFaultConfig, EMULATED_APIS, isEmulatedApi, startEmulator, type EmulatedApi, type FaultConfig, type ServedEmulator } from '../../emulators/index.js'
import { EXIT_OK, UsageError, type Command } from '../command.js'

const CREDENTIAL_ENV: Readonly<Record<EmulatedApi, string>> = { attio: 'ATTIO_ACCESS_TOKEN', schematic: 'SCHEMATIC_API_KEY', matilda: 'MATILDA_API_KEY' }
const CREDENTIAL_FLAG: Readonly<Record<EmulatedApi, string>> = { attio: 'attio-token', schematic: 'schematic-key', matilda: 'matilda-key' }

export const emulateCommand: Command = {
  name: 'emulate',
  summary: 'run stateful emulators of the Attio, Schematic and Matilda APIs on loopback',
  usage: 'mapc emulate <attio|schematic|matilda|all> [--port N] [--host 127.0.0.1] [fault options]',
  optionHelp: [
    '--port N                 the port (with all: N, N+1, N+2 in that order); default: free ports',
    '--host H                 default 127.0.0.1',
    '--attio-token T          the one access token Attio accepts (default $ATTIO_ACCESS_TOKEN, else any)',
    '--schematic-key K        the one API key Schematic accepts (default $SCHEMATIC_API_KEY, else any)',
    '--matilda-key K          the one API key Matilda accepts (default $MATILDA_API_KEY, else any)',
    '--rate-limited R         share of requests answered 429 (0 to 1)',
    '--server-errors R        share answered 500, 502 or 503',
    '--dropped R              share whose connection is cut without an answer',
    '--latency-ms N           added to every answer (and --latency-jitter-ms N, up to N more)',
    '--retry-after S          the Retry-After of a 429, in seconds (default 1)',
    '--retry-after-format F   seconds, date (an HTTP date) or mixed (default seconds)',
    '--seed N                 the faults\' seed: the same seed and input meet the same faults',
    '--trace-key K            the attribute whose value counts writes per message id (default message_id)',
    '--log                    one line per request on standard error'
  ],
  options: {
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    'attio-token': { type: 'string' },
    'schematic-key': { type: 'string' },
    'matilda-key': { type: 'string' },
    'rate-limited': { type: 'string' },
    'server-errors': { type: 'string' },
    dropped: { type: 'string' },
    'latency-ms': { type: 'string' },
    'latency-jitter-ms': { type: 'string' },
    'retry-after': { type: 'string' },
    'retry-after-format': { type: 'string' },
    seed: { type: 'string' },
    'trace-key': { type: 'string', default: 'message_id' },
    log: { type: 'boolean', default: false }
  },
  async run({ positionals, values }, io) {
    const [which, ...extra] = positionals
    if (which === undefined) throw new UsageError('name the API to emulate: attio, schematic, matilda or all')
    if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`)
    if (which !== 'all' && !isEmulatedApi(which)) throw new UsageError(`no emulator of '${which}': attio, schematic, matilda or all`)
    const apis: readonly EmulatedApi[] = which === 'all' ? EMULATED_APIS : [which as EmulatedApi]
    const basePort = values['port'] === undefined ? 0 : Number(values['port'])
    if (!Number.isInteger(basePort) || basePort < 0 || basePort + apis.length - 1 > 65535) throw new UsageError(`--port must be a port number, got ${String(values['port'])}`)
    const faults = faultOptions(values)
    const host = String(values['host'])
    const servers: ServedEmulator[] = []
    try {
      for (const [i, api] of apis.entries()) {
        const credential = (values[CREDENTIAL_FLAG[api]] as string | undefined) ?? io.env[CREDENTIAL_ENV[api]]
        const served = await startEmulator(api, {
          host,
          port: basePort === 0 ? 0 : basePort + i,
          faults,
          traceKey: String(values['trace-key']),
          ...(credential !== undefined ? { credential } : {}),
          ...(values['log'] === true
            ? { onRequest: (request, response) => io.stderr(`${api} ${request.method} ${request.path} ${response.drop ? 'dropped' : response.status}\n`) }
            : {})
        })
        servers.push(served)
        const accepts = credential === undefined ? `any ${api === 'attio' ? 'access token' : 'API key'}` : `only the ${api === 'attio' ? 'access token' : 'API key'} given`
        io.stdout(`${api} emulator on ${served.url} (accepts ${accepts}; state: GET ${served.url}/__emulator/state)\n`)
      }
    } catch (error) {
      await Promise.all(servers.map((s) => s.stop()))
      throw new UsageError(`cannot listen on ${host}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
    }
    await new Promise<void>((resolve) => {
      const done = (): void => {
        process.off('SIGINT', done)
        process.off('SIGTERM', done)
        resolve()
      }
      process.on('SIGINT', done)
      process.on('SIGTERM', done)
    })
    await Promise.all(servers.map((s) => s.stop()))
    return EXIT_OK
  }
}

function faultOptions(values: Record<string, unknown>): FaultConfig {
  const number = (flag: string): number | undefined => {
    const v = values[flag]
    if (v === undefined) return undefined
    const n = Number(v)
    if (!Number.isFinite(n)) throw new UsageError(`--${flag} must be a number, got ${String(v)}`)
    return n
  }
  const config: Record<string, unknown> = {
    rateLimited: number('rate-limited'),
    serverErrors: number('server-errors'),
    dropped: number('dropped'),
    latencyMs: number('latency-ms'),
    latencyJitterMs: number('latency-jitter-ms'),
    retryAfterSeconds: number('retry-after'),
    retryAfterFormat: values['retry-after-format'],
    seed: number('seed')
  }
  for (const key of Object.keys(config)) if (config[key] === undefined) delete config[key]
  try {
    return checkFaultConfig(config)
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
}
