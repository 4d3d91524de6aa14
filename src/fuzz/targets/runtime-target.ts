/**
 * The runtime target: hostile events and configurations through the real runtime, delivering
 * the project's own destinations (built and imported as production does) to a loopback server
 * that echoes the case's secret back in one of many encodings.
 *
 * Oracles, for every case:
 * - createRuntime either starts or throws a MapcError (ConfigError, MappingError), nothing else;
 * - `send` never throws, never rejects, and resolves with exactly one result when the event is
 *   no event (INVALID_EVENT) or fires the one subscription (whose trigger matches every call type;
 *   at most one when the case replaced that trigger);
 * - a failed result carries a MapcError;
 * - the secret appears, in no spelling a reader could decode, in any result, error (message,
 *   toJSON, stack), log record or dead letter;
 * - no global and no built-in prototype changes (pollution), and no promise is left unhandled
 *   (the fuzz loop checks that one).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { projectCheckOptions } from '../../compiler/check-options.js'
import { compileText } from '../../compiler/compile.js'
import { buildAndLoad } from '../../compiler/emit/mapc/write-output.js'
import { deadLetterFile, failedLetter } from '../../run/dead-letter.js'
import type { CompiledDestination } from '../../runtime/contract.js'
import { createRuntime, createRuntimeFromConfig, loadConfigurationCompiler, MapcError, type DeliveryResult, type Logger, type Runtime } from '../../runtime/index.js'
import type { SubscriptionConfig } from '../../runtime/config-types.js'
import { installGuards, type Guards } from '../canary.js'
import { configFileCase, configFileText, SECRET_VARIABLE, type ConfigFileCase } from '../config-file-text.js'
import { loadEventCorpus, projectRoot } from '../corpus.js'
import { EchoServer, type EchoPlan } from '../echo-server.js'
import type { Failure } from '../finding.js'
import { eventRecipe, makeEvent, makeValue, valueRecipe, type EventRecipe, type ValueRecipe } from '../hostile-events.js'
import { hostileString, INJECTION_PAYLOADS } from '../hostile-values.js'
import { ddmin } from '../minimise.js'
import type { Random } from '../random.js'
import { SECRET_ENCODING_NAMES } from '../secret-encodings.js'
import { leakIn } from '../secret-leaks.js'
import type { FuzzTarget } from './target.js'

export const RUNTIME_DESTINATIONS = ['attio', 'schematic', 'matilda'] as const

/** Matches every call type: every event that is one fires the subscription, once. */
export const EVERY_TYPE_TRIGGER = 'type = "identify" or type = "track" or type = "group" or type = "page" or type = "screen" or type = "alias"'
const CALL_TYPES = new Set(['identify', 'track', 'group', 'page', 'screen', 'alias'])

/** A hostile part of the configuration: where it goes, and what. */
export type ConfigEdit =
  | { kind: 'instance-name'; text: string }
  | { kind: 'subscription-name'; text: string }
  | { kind: 'trigger'; text: string }
  | { kind: 'mapping'; field: string; expression: string }
  | { kind: 'segment-mapping'; field: string; mapping: unknown }
  | { kind: 'setting'; key: string; value: ValueRecipe }
  | { kind: 'batch'; size: number }

export interface RuntimeCase {
  destination: (typeof RUNTIME_DESTINATIONS)[number]
  action: string
  secret: string
  config: ConfigEdit[]
  plan: EchoPlan
  events: EventRecipe[]
  /** Instead of createRuntime: a YAML file with the secret in the environment, read by createRuntimeFromConfig. */
  fromFile?: ConfigFileCase
}

/** The runtime and what it delivers with, as the runtime target calls them (a test can break them). */
export interface RuntimeSubject {
  createRuntime: typeof createRuntime
}

export interface RuntimeTargetOptions {
  subject?: Partial<RuntimeSubject>
  /** Where builds and dead letters are written; inside the project, so that `mapc/runtime` resolves. */
  directory?: string
}

const SECRET_ALPHABET = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', '/', '+', '=', '&', '<', '>', '"', "'", '\\', ' ', '%', '-', '_', 'é', '中', '😀', '\u2028', '.', ':']

function secretOf(random: Random): string {
  const length = random.chance(0.1) ? random.pick([300, 5000, 30_000]) : random.between(12, 64)
  const ascii = random.chance(0.5)
  let secret = 'sk_'
  while (secret.length < length) secret += ascii ? random.pick(SECRET_ALPHABET.slice(0, 62)) : random.pick(SECRET_ALPHABET)
  return secret
}

const SEGMENT_MAPPINGS: readonly unknown[] = [
  { '@path': '$.__proto__.polluted' },
  { '@path': '$.constructor.prototype' },
  { '@template': '{{traits.__proto__}}{{constructor}}' },
  { '@template': `{{traits.email}}${INJECTION_PAYLOADS[3]}` },
  { '@liquid': "{{ traits.email | append: '\"' }}" },
  { '@liquid': '{% for i in (1..100000) %}x{% endfor %}' },
  { '@json': { value: { '@path': '$.traits' }, mode: 'encode' } },
  { '@if': { exists: { '@path': '$.__proto__' }, then: 'yes', else: 'no' } },
  { __proto__: 'x' },
  { '@flatten': { value: { '@path': '$.properties' }, separator: '.' } },
  { '@merge': { objects: [{ '@path': '$.traits' }, { '@path': '$.__proto__' }], direction: 'right' } }
]

const MAPPING_EXPRESSIONS: readonly string[] = [
  '$.traits.__proto__',
  '$.constructor.prototype',
  '$.traits["__proto__"]',
  '$.properties',
  `"${INJECTION_PAYLOADS[0]?.replace(/"/g, '\\"')}"`,
  '`{$.traits.email}${x}`',
  '$.traits.email + $.traits.email + $.traits.email',
  '$.',
  ')(',
  'lower($.event) ?? $.__proto__'
]

function configEdit(random: Random, destination: CompiledDestination, action: string): ConfigEdit {
  const fields = destination.actions[action]?.fields.map((f) => f.name) ?? []
  const field = fields.length > 0 && random.chance(0.8) ? random.pick(fields) : random.pick(['__proto__', 'constructor', 'nope'])
  switch (random.int(8)) {
    case 0:
      return { kind: 'instance-name', text: hostileString(random).slice(0, 500) }
    case 1:
      return { kind: 'subscription-name', text: hostileString(random).slice(0, 500) }
    case 2:
      return { kind: 'trigger', text: random.chance(0.5) ? `type = ${JSON.stringify(hostileString(random).slice(0, 200))}` : hostileString(random).slice(0, 200) }
    case 3:
      return { kind: 'mapping', field, expression: random.pick(MAPPING_EXPRESSIONS) }
    case 4:
      return { kind: 'segment-mapping', field, mapping: random.pick(SEGMENT_MAPPINGS) }
    case 5: {
      const secretSetting = destination.settings.find((s) => s.secret)?.name
      return { kind: 'setting', key: random.pick(['__proto__', 'constructor', 'extra', ...(secretSetting ? [secretSetting] : [])]), value: valueRecipe(random) }
    }
    default:
      return { kind: 'batch', size: random.pick([1, 2, 3, 1000]) }
  }
}

/** Settings every destination needs, the secret ones set to the case's secret. */
function baseSettings(destination: CompiledDestination, secret: string): Record<string, unknown> {
  const settings: Record<string, unknown> = {}
  for (const s of destination.settings) {
    if (s.secret) settings[s.name] = secret
    else if (s.choices && s.choices.length > 0) settings[s.name] = s.choices[0]
    else if (s.default !== undefined) settings[s.name] = s.default
    else if (s.type === 'number' || s.type === 'integer') settings[s.name] = 1
    else if (s.type === 'boolean') settings[s.name] = true
    else settings[s.name] = 'value'
  }
  return settings
}

function stringify(value: unknown): string {
  const seen = new WeakSet<object>()
  try {
    return (
      JSON.stringify(value, (_key, inner: unknown) => {
        if (typeof inner === 'bigint' || typeof inner === 'symbol' || typeof inner === 'function') return String(inner)
        if (inner !== null && typeof inner === 'object') {
          if (seen.has(inner)) return '[cycle]'
          seen.add(inner)
        }
        return inner
      }) ?? ''
    )
  } catch (error) {
    return `[not serialisable: ${String(error)}]`
  }
}

/** Everything a reader sees of an error: its message, its JSON and its stack. */
function errorText(error: unknown): string {
  if (!(error instanceof Error)) return stringify(error)
  const json = typeof (error as { toJSON?: unknown }).toJSON === 'function' ? stringify((error as MapcError).toJSON()) : ''
  return `${error.message}\n${json}\n${error.stack ?? ''}\n${String(error)}`
}

function jsonCopy(value: unknown): unknown {
  try {
    const text = JSON.stringify(value)
    return text === undefined ? undefined : (JSON.parse(text) as unknown)
  } catch {
    return undefined
  }
}

/** The event's `type` as the oracle reads it: `undefined` when reading it throws or there is no object. */
function typeOf(event: unknown): { readable: boolean; type?: unknown } {
  try {
    if (event === null || typeof event !== 'object' || Array.isArray(event)) return { readable: false }
    return { readable: true, type: (event as { type?: unknown }).type }
  } catch {
    return { readable: false }
  }
}

const SEND_LIMIT_MS = 60_000

export class RuntimeTarget implements FuzzTarget<RuntimeCase> {
  readonly name = 'runtime' as const
  readonly stats = { cases: 0, started: 0, configRefused: 0, sends: 0, delivered: 0, failed: 0, skipped: 0, requests: 0 }
  private readonly subject: RuntimeSubject
  private readonly directory: string
  private readonly server = new EchoServer()
  private endpoint = ''
  private destinations = new Map<string, CompiledDestination>()
  private corpus: Record<string, unknown>[] = []
  private guards: Guards | undefined
  /** Failed results by error code, for the summary. */
  readonly codes: Record<string, number> = {}

  constructor(options: RuntimeTargetOptions = {}) {
    this.subject = { createRuntime, ...options.subject }
    this.directory = options.directory ?? join(projectRoot(), '.tmp', `fuzz-${process.pid}`, 'runtime')
  }

  async setup(): Promise<void> {
    const root = projectRoot()
    this.corpus = loadEventCorpus(root)
    for (const name of RUNTIME_DESTINATIONS) {
      const file = `mappings/${name}.map`
      const compilation = compileText(readFileSync(join(root, file), 'utf8'), file, projectCheckOptions(join(root, file)))
      if (!compilation.ir) throw new Error(`the runtime target cannot compile ${file}`)
      const built = await buildAndLoad(compilation.ir, join(this.directory, 'build'), '0.0.0-fuzz')
      this.destinations.set(name, built.destination)
    }
    await loadConfigurationCompiler()
    this.endpoint = await this.server.start()
    mkdirSync(this.directory, { recursive: true })
    this.guards = installGuards()
  }

  generate(random: Random): RuntimeCase {
    const destinationName = random.pick(RUNTIME_DESTINATIONS)
    const destination = this.destinations.get(destinationName) as CompiledDestination
    const action = random.pick(Object.keys(destination.actions))
    const config: ConfigEdit[] = []
    if (random.chance(0.35)) for (let i = random.between(1, 3); i > 0; i--) config.push(configEdit(random, destination, action))
    const plan: EchoPlan = {
      status: random.pick([200, 200, 200, 201, 204, 400, 401, 403, 404, 413, 422, 429, 500, 503]),
      body: random.pick(['json', 'json', 'json-in-string', 'html', 'text', 'empty', 'huge'] as const),
      encoding: random.pick(SECRET_ENCODING_NAMES),
      echoRequest: random.chance(0.7),
      echoHeaders: random.chance(0.5)
    }
    const events = Array.from({ length: random.between(1, 4) }, () => eventRecipe(random, this.corpus.length))
    const input: RuntimeCase = { destination: destinationName, action, secret: secretOf(random), config, plan, events }
    if (random.chance(0.1)) input.fromFile = configFileCase(random)
    return input
  }

  async run(input: RuntimeCase): Promise<Failure[]> {
    this.stats.cases++
    if (input.fromFile) return this.runFromFile(input, input.fromFile)
    const failures: Failure[] = []
    const outputs: { where: string; text: string }[] = []
    const destination = this.destinations.get(input.destination)
    if (!destination) return [{ oracle: 'case', message: `no destination ${input.destination}` }]
    const logger = recordingLogger(outputs)
    const settings = baseSettings(destination, input.secret)
    const subscription: SubscriptionConfig = { name: 'Fuzz', trigger: EVERY_TYPE_TRIGGER, action: input.action }
    let name: string | undefined
    for (const edit of input.config) {
      if (edit.kind === 'instance-name') name = edit.text
      else if (edit.kind === 'subscription-name') subscription.name = edit.text
      else if (edit.kind === 'trigger') subscription.trigger = edit.text
      else if (edit.kind === 'mapping') subscription.mapping = { ...subscription.mapping, [edit.field]: edit.expression }
      else if (edit.kind === 'segment-mapping') subscription.segmentMapping = { ...subscription.segmentMapping, [edit.field]: edit.mapping }
      else if (edit.kind === 'setting') Object.defineProperty(settings, edit.key, { value: makeValue(edit.value, input.secret), enumerable: true, configurable: true, writable: true })
      else subscription.batch = { size: edit.size, maxAgeMs: 5 }
    }
    this.server.secret = input.secret
    this.server.plan = input.plan
    const instance = {
      destination,
      ...(name !== undefined ? { name } : {}),
      settings,
      auth: { accessToken: input.secret, refreshToken: `${input.secret}-refresh` },
      subscriptions: [subscription],
      endpoint: this.endpoint
    }
    let runtime: Runtime
    try {
      runtime = this.subject.createRuntime([instance], {
        logger,
        http: { timeoutMs: 5000, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 5 } }
      })
    } catch (error) {
      this.stats.configRefused++
      if (!(error instanceof MapcError)) failures.push({ oracle: 'config-error', message: `createRuntime threw ${describeKind(error)}, not a ConfigError or MappingError: ${firstLine(error)}` })
      outputs.push({ where: 'the error createRuntime threw', text: errorText(error) })
      return [...failures, ...this.leaks(outputs, input.secret), ...this.pollution()]
    }
    this.stats.started++
    const deadLetters = join(this.directory, `dead-letters-${process.pid}.ndjson`)
    rmSync(deadLetters, { force: true })
    const sink = deadLetterFile(deadLetters)
    const events = input.events.map((recipe) => makeEvent(recipe, this.corpus, input.secret))
    const sends = events.map((event, i) => this.sendOne(runtime, event, i, failures))
    try {
      await runtime.flush()
    } catch (error) {
      failures.push({ oracle: 'flush-rejects', message: `flush() rejected: ${firstLine(error)}` })
    }
    const settled = await Promise.all(sends)
    // A trigger the case replaced may parse and never fire (`globalThis.x = true` reads a field of the event), or fire for other types.
    const triggerEdited = input.config.some((edit) => edit.kind === 'trigger')
    for (const [i, results] of settled.entries()) {
      if (results === undefined) continue
      const event = events[i]
      const expected = typeOf(event)
      // A configured trigger fires only for the call types the destination accepts; an event that is
      // no event gets its one INVALID_EVENT result whatever its type.
      const fires = typeof expected.type === 'string' && CALL_TYPES.has(expected.type) && destination.accepts.includes(expected.type as never)
      const mustHaveOne = !expected.readable || typeof expected.type !== 'string' || fires
      const onlyInvalid = !mustHaveOne && results.length === 1 && results[0]?.status === 'failed' && results[0].error.code === 'INVALID_EVENT'
      const atMostOne = triggerEdited && expected.readable && typeof expected.type === 'string'
      if (atMostOne ? results.length > 1 : mustHaveOne ? results.length !== 1 : results.length > 1 || (results.length === 1 && !onlyInvalid)) {
        const expectation = atMostOne ? 'at most one (its trigger was edited)' : mustHaveOne ? 'exactly one' : 'none (or one INVALID_EVENT)'
        failures.push({ oracle: 'result-count', message: `event ${i} (type ${JSON.stringify(String(expected.type)).slice(0, 40)}) got ${results.length} results, not ${expectation}: ${results.map((r) => r.status).join(', ')}` })
      }
      for (const [k, result] of results.entries()) {
        this.stats[result.status]++
        if (result.status !== 'skipped') this.stats.requests += result.requests
        if (result.status === 'failed' && !(result.error instanceof MapcError)) {
          failures.push({ oracle: 'result-shape', message: `event ${i}: a failed result without a MapcError (${describeKind(result.error)})` })
          continue
        }
        // The messageId is the caller's own value, returned as given so that a result names its event.
        outputs.push({ where: `result ${k} of event ${i}`, text: stringify({ ...result, error: undefined, messageId: undefined }) })
        if (result.status === 'failed') this.codes[result.error.code] = (this.codes[result.error.code] ?? 0) + 1
        if (result.status === 'failed') {
          outputs.push({ where: `the error of result ${k} of event ${i} (${result.error.code})`, text: errorText(result.error) })
          try {
            sink.write(failedLetter('fuzz', i + 1, jsonCopy(event), result, new Date(0)), runtime.redactorFor(result.destination))
          } catch (error) {
            failures.push({ oracle: 'dead-letter', message: `writing the dead letter of event ${i} threw: ${firstLine(error)}` })
          }
        }
      }
    }
    sink.close()
    try {
      outputs.push({ where: 'the dead letters', text: readFileSync(deadLetters, 'utf8') })
    } catch {
      // No failed result: no dead-letter file.
    }
    try {
      await runtime.close()
    } catch (error) {
      failures.push({ oracle: 'close-rejects', message: `close() rejected: ${firstLine(error)}` })
    }
    this.server.take()
    return [...failures, ...this.leaks(outputs, input.secret), ...this.pollution()]
  }

  /**
   * A configuration file whose `${FUZZ_SECRET}` is the secret: createRuntimeFromConfig starts, or
   * rejects with a MapcError that shows nothing of the secret. (A file that starts is closed
   * again: a name built from the environment is the user's choice to show in results.)
   */
  private async runFromFile(input: RuntimeCase, fromFile: ConfigFileCase): Promise<Failure[]> {
    const destination = this.destinations.get(input.destination) as CompiledDestination
    const file = join(this.directory, `config-${process.pid}.yaml`)
    const text = configFileText(fromFile, {
      module: `./build/${input.destination}`,
      action: input.action,
      endpoint: this.endpoint,
      ...(destination.settings.find((s) => s.secret) ? { secretSetting: destination.settings.find((s) => s.secret)?.name as string } : {})
    })
    writeFileSync(file, text)
    const failures: Failure[] = []
    const outputs: { where: string; text: string }[] = []
    try {
      const runtime = await createRuntimeFromConfig(file, { [SECRET_VARIABLE]: input.secret }, { logger: recordingLogger([]) })
      this.stats.started++
      await runtime.close()
    } catch (error) {
      this.stats.configRefused++
      if (!(error instanceof MapcError)) failures.push({ oracle: 'config-error', message: `createRuntimeFromConfig rejected with ${describeKind(error)}, not a MapcError: ${firstLine(error)}` })
      outputs.push({ where: `the configuration error (the secret in ${fromFile.place})`, text: errorText(error) })
    }
    return [...failures, ...this.leaks(outputs, input.secret), ...this.pollution()]
  }

  private async sendOne(runtime: Runtime, event: unknown, i: number, failures: Failure[]): Promise<DeliveryResult[] | undefined> {
    this.stats.sends++
    let pending: Promise<DeliveryResult[]>
    try {
      pending = runtime.send(event)
    } catch (error) {
      failures.push({ oracle: 'send-throws', message: `send() of event ${i} threw synchronously: ${firstLine(error)}` })
      return undefined
    }
    let timer: NodeJS.Timeout | undefined
    const hang = new Promise<'hang'>((resolve) => {
      timer = setTimeout(() => resolve('hang'), SEND_LIMIT_MS)
    })
    try {
      const outcome = await Promise.race([pending, hang])
      if (outcome === 'hang') {
        failures.push({ oracle: 'send-hangs', message: `send() of event ${i} had not resolved after ${SEND_LIMIT_MS / 1000} s` })
        return undefined
      }
      if (!Array.isArray(outcome)) {
        failures.push({ oracle: 'result-shape', message: `send() of event ${i} resolved to ${describeKind(outcome)}, not an array` })
        return undefined
      }
      return outcome
    } catch (error) {
      failures.push({ oracle: 'send-rejects', message: `send() of event ${i} rejected: ${firstLine(error)}` })
      return undefined
    } finally {
      clearTimeout(timer)
    }
  }

  private leaks(outputs: readonly { where: string; text: string }[], secret: string): Failure[] {
    const failures: Failure[] = []
    for (const output of outputs) {
      const form = leakIn(output.text, secret)
      // The message says where and in which spelling; never the secret itself.
      if (form !== undefined) failures.push({ oracle: 'secret-leak', message: `the secret (${secret.length} characters) is in ${output.where}, spelt ${form}` })
    }
    return failures
  }

  private pollution(): Failure[] {
    return (this.guards?.tripped() ?? []).map((message) => ({ oracle: 'pollution', message }))
  }

  async minimise(input: RuntimeCase, stillFails: (candidate: RuntimeCase) => Promise<boolean>): Promise<RuntimeCase> {
    const budget = { tests: 150 }
    let current = input
    const events = await ddmin(current.events, (events) => stillFails({ ...current, events: [...events] }), budget)
    current = { ...current, events }
    const config = await ddmin(current.config, (config) => stillFails({ ...current, config: [...config] }), budget)
    current = { ...current, config }
    for (let i = 0; i < current.events.length; i++) {
      const event = current.events[i] as EventRecipe
      const edits = await ddmin(event.edits, (edits) => stillFails({ ...current, events: current.events.map((e, k) => (k === i ? { ...event, edits: [...edits] } : e)) }), budget)
      current = { ...current, events: current.events.map((e, k) => (k === i ? { ...event, edits } : e)) }
    }
    return current
  }

  serialise(input: RuntimeCase): string {
    return JSON.stringify(input, null, 1)
  }

  deserialise(text: string): RuntimeCase {
    return JSON.parse(text) as RuntimeCase
  }

  async close(): Promise<void> {
    if (process.env['MAPC_FUZZ_DEBUG']) process.stderr.write(`runtime failures by code: ${JSON.stringify(this.codes)}\n`)
    this.guards?.uninstall()
    await this.server.stop()
    rmSync(this.directory, { recursive: true, force: true })
  }
}

function recordingLogger(outputs: { where: string; text: string }[]): Logger {
  const record =
    (level: string) =>
    (message: string, fields?: Record<string, unknown>): void => {
      outputs.push({ where: `a ${level} log record`, text: `${message} ${stringify(fields)}` })
    }
  return { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error'), enabled: () => true }
}

function describeKind(value: unknown): string {
  if (value instanceof Error) return value.constructor.name
  return value === null ? 'null' : typeof value
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error)).split('\n')[0]?.slice(0, 300) ?? ''
}

