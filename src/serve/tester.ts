/**
 * What the web tester asks of the compiler and the runtime, one function per question: check
 * (diagnostics and highlighting, as the language service gives them), compile (an action's
 * TypeScript with its `.map` lines), dry run (trigger, payload, validation and the requests,
 * answered by an in-process emulator), send and batch (the same requests over HTTP to an
 * emulator or a configured endpoint), and format (for save).
 *
 * Delivery uses the interpreter's CompiledDestination (src/compiler/interpret), which the
 * differential property tests hold event for event to the generated modules: the code the
 * page shows is what `mapc build` writes, and what runs is proven to behave the same, without
 * writing and importing a module for every keystroke.
 */
import { readFileSync } from 'node:fs'
import { compileText, type Compilation } from '../compiler/compile.js'
import { hasErrors } from '../compiler/diagnostics/diagnostic.js'
import { formatSource } from '../compiler/format/format.js'
import { interpretDestination } from '../compiler/interpret/interpret.js'
import type { DestinationIR } from '../compiler/ir.js'
import { LanguageService } from '../language-service/index.js'
import { semanticTokens, type SemanticToken } from '../language-service/semantic-tokens.js'
import { createRedactor, type Redactor, type Transport } from '../runtime/index.js'
import { createHttpClient } from '../runtime/http/index.js'
import type { CompiledAction, CompiledDestination, SegmentEvent } from '../runtime/contract.js'
import { deliverBatch, deliverOne, type DeliveryTarget } from '../runtime/delivery/deliver.js'
import { eventProblem } from '../runtime/delivery/invalid-event.js'
import { defaultMapping, preparePayload, removeEmptyValues, resolvePayload } from '../runtime/delivery/payload.js'
import type { DeliveryResult } from '../runtime/delivery/results.js'
import { withEndpointOverride } from '../runtime/http/endpoint-override.js'
import { dryRunTransports } from '../cli/dry-run-transport.js'
import { packageVersion } from '../cli/version.js'
import { sourceLines } from './compiled-lines.js'
import { recordingTransport, type Exchange } from './exchange-log.js'
import { batchEvents } from './sample-events.js'
import { testCredentials, type TestCredentials } from './settings-placeholders.js'

/** A `.map` text and the name it has (relative to where `mapc serve` runs: its API schema is found next to it). */
export interface TesterDocument {
  file: string
  text: string
}

export interface PageDiagnostic {
  severity: 'error' | 'warning' | 'info'
  code: string
  message: string
  hint?: string
  /** UTF-16 offsets into the text, as the editor counts. */
  from: number
  to: number
  line: number
  column: number
  related: { message: string; line: number; column: number }[]
}

export interface ActionSummary {
  name: string
  title: string
  fql?: string
  eventTypes: string[]
  batches: boolean
  line: number
}

export interface CheckAnswer {
  diagnostics: PageDiagnostic[]
  tokens: SemanticToken[]
  /** What the checker made of the file, also while it has errors (for the action picker). */
  destination?: { name: string; title: string; actions: ActionSummary[]; presets: { title: string; fql: string; action: string }[] }
}

export type CompileAnswer = { code: string; lines: number[]; file: string } | { problem: string }

export interface DeliveryOptions {
  /** By destination name, the origin every request goes to: an emulator's, or one given with --endpoint. */
  endpoints: Record<string, string>
  /** By destination name, settings and auth given with --settings. */
  credentials: Record<string, Partial<TestCredentials>>
  timeoutMs: number
}

export interface ItemOutcome {
  messageId?: string
  status: DeliveryResult['status']
  reason?: string
  error?: { code: string; message: string }
}

export type RunAnswer =
  | {
      destination: string
      action: string
      trigger: { fql?: string; fired: boolean; presets: { title: string; fql: string; fired: boolean }[] }
      /** The payload as resolved and coerced, before validation. */
      payload?: unknown
      validation: { field: string; label?: string; message: string; line?: number }[]
      skipped?: { reason: string; line: number }
      requests: Exchange[]
      outcome?: ItemOutcome
      /** Batch only: one outcome per event, in order. */
      items?: ItemOutcome[]
      note?: string
    }
  | { problem: string }

const service = new LanguageService({
  files: {
    readText(path) {
      try {
        return readFileSync(path, 'utf8')
      } catch {
        return undefined
      }
    }
  },
  docsUrl: 'docs/diagnostics.md',
  uriOf: (file) => file
})

export function check(doc: TesterDocument): CheckAnswer {
  service.setDocument(doc.file, doc.text)
  const analysis = service.analysis(doc.file)
  const answer: CheckAnswer = {
    diagnostics: analysis.diagnostics.map((d) => ({
      severity: d.severity,
      code: d.code,
      message: d.message,
      ...(d.hint !== undefined ? { hint: d.hint } : {}),
      from: d.span.start.offset,
      to: Math.max(d.span.end.offset, d.span.start.offset),
      line: d.span.start.line,
      column: d.span.start.column,
      related: d.related.map((r) => ({ message: r.message, line: r.span.start.line, column: r.span.start.column }))
    })),
    tokens: semanticTokens(analysis)
  }
  const ir = analysis.ir
  if (ir) {
    answer.destination = {
      name: ir.name,
      title: ir.title,
      actions: ir.actions.map((a) => ({ name: a.name, title: a.title, ...(a.fql !== undefined ? { fql: a.fql } : {}), eventTypes: a.eventTypes, batches: a.batch !== undefined, line: a.source.start.line })),
      presets: ir.presets.map((p) => ({ title: p.title, fql: p.fql, action: p.action }))
    }
  }
  return answer
}

/** The last compiled text: a dry run after every pause in typing compiles the same text again and again. */
let compiled: { key: string; compilation: Compilation; destination?: CompiledDestination } | undefined

function compiledDestination(doc: TesterDocument): { ir: DestinationIR; destination: CompiledDestination } | { problem: string } {
  const key = `${doc.file}\u0000${doc.text}`
  if (compiled?.key !== key) {
    const compilation = compileText(doc.text, doc.file, service.schemas.checkOptions(doc.file))
    compiled = { key, compilation, ...(compilation.ir ? { destination: interpretDestination(compilation.ir) } : {}) }
  }
  const { compilation, destination } = compiled
  if (!compilation.ir || !destination) {
    const errors = compilation.diagnostics.filter((d) => d.severity === 'error')
    const first = errors[0]
    return {
      problem: hasErrors(compilation.diagnostics)
        ? `the .map has ${errors.length} error${errors.length === 1 ? '' : 's'}${first ? ` (first at line ${first.span.start.line}: ${first.message})` : ''}: fix ${errors.length === 1 ? 'it' : 'them'} to run an action`
        : 'the .map did not compile'
    }
  }
  return { ir: compilation.ir, destination }
}

export async function compileAction(doc: TesterDocument, actionName: string): Promise<CompileAnswer> {
  const found = compiledDestination(doc)
  if ('problem' in found) return found
  const action = found.ir.actions.find((a) => a.name === actionName)
  if (!action) return { problem: `there is no action ${actionName} in ${doc.file}` }
  // The emitter loads ts-morph and TypeScript: seconds, paid the first time the page shows code, not at start.
  const { emitDestination } = await import('../compiler/emit/mapc/build.js')
  const files = await emitDestination(found.ir, { version: packageVersion() })
  const path = `actions/${action.name}.ts`
  const code = files.find((f) => f.path === path)?.content ?? ''
  return { code, lines: sourceLines(code, action), file: `generated/${found.ir.name}/${path}` }
}

export function formatText(doc: TesterDocument): { text: string } | { problem: string } {
  const formatted = formatSource(doc.text, doc.file)
  if ('diagnostics' in formatted) {
    const first = formatted.diagnostics[0]
    return { problem: `not saved: the file does not parse${first ? ` (line ${first.span.start.line}, column ${first.span.start.column}: ${first.message})` : ''}` }
  }
  return formatted
}

interface Prepared {
  destination: CompiledDestination
  action: CompiledAction
  credentials: TestCredentials
  redactor: Redactor
}

function prepare(doc: TesterDocument, actionName: string, given?: Partial<TestCredentials>): Prepared | { problem: string } {
  const found = compiledDestination(doc)
  if ('problem' in found) return found
  const action = found.destination.actions[actionName]
  if (!action) return { problem: `there is no action ${actionName} in ${doc.file}` }
  const credentials = testCredentials(found.destination, given)
  const secretNames = new Set(found.destination.settings.filter((s) => s.secret || s.type === 'password').map((s) => s.name))
  const secrets = [
    ...Object.entries(credentials.settings).filter(([k, v]) => secretNames.has(k) && typeof v === 'string').map(([, v]) => v as string),
    ...[credentials.auth.accessToken, credentials.auth.refreshToken].filter((v): v is string => typeof v === 'string')
  ]
  return { destination: found.destination, action, credentials, redactor: createRedactor(secrets) }
}

function targetOf(p: Prepared, transport: Transport): DeliveryTarget {
  return {
    destination: p.destination,
    action: p.action,
    subscription: p.action.title,
    mapping: defaultMapping,
    ctx: { settings: p.credentials.settings, auth: p.credentials.auth },
    transport,
    redactor: p.redactor
  }
}

function outcomeOf(result: DeliveryResult): ItemOutcome {
  const out: ItemOutcome = { status: result.status }
  if (result.messageId !== undefined) out.messageId = result.messageId
  if (result.status === 'skipped') out.reason = result.reason
  if (result.status === 'failed') out.error = { code: result.error.code, message: result.error.message }
  return out
}

/** Trigger, payload and validation: what the page shows before anything is sent. */
function inspect(p: Prepared, event: SegmentEvent): Extract<RunAnswer, { destination: string }> {
  const fired = p.action.trigger ? p.action.trigger(event) : p.action.eventTypes.includes(event.type as never)
  const presets = p.destination.presets.filter((s) => s.action === p.action.name).map((s) => ({ title: s.title, fql: s.fql, fired: s.trigger(event) }))
  const answer: Extract<RunAnswer, { destination: string }> = {
    destination: p.destination.name,
    action: p.action.name,
    trigger: { ...(p.action.fql !== undefined ? { fql: p.action.fql } : {}), fired, presets },
    validation: [],
    requests: []
  }
  const ctx = { settings: p.credentials.settings, auth: p.credentials.auth }
  try {
    const payload = resolvePayload(p.action, event, defaultMapping, ctx)
    removeEmptyValues(payload, p.action.fields, 'single')
    p.action.coerce(payload)
    answer.payload = p.redactor.redactValue(payload)
    const prepared = preparePayload(p.action, event, defaultMapping, ctx, 'single', p.redactor)
    if (prepared.kind === 'invalid') {
      answer.validation = prepared.error.issues.map((i) => ({ field: i.field, message: i.message, ...(i.label !== undefined ? { label: i.label } : {}), ...(i.location ? { line: i.location.line } : {}) }))
    }
    if (prepared.kind === 'skip') answer.skipped = { reason: prepared.reason, line: prepared.location.line }
  } catch (error) {
    answer.note = `resolving the payload failed: ${p.redactor.redact(error instanceof Error ? error.message : String(error))}`
  }
  return answer
}

/** The --settings of the document's destination (known once it compiles). */
function credentialsOf(doc: TesterDocument, credentials: Record<string, Partial<TestCredentials>>): Partial<TestCredentials> | undefined {
  const found = compiledDestination(doc)
  if ('problem' in found) return undefined
  return Object.hasOwn(credentials, found.ir.name) ? credentials[found.ir.name] : undefined
}

function eventOrProblem(event: unknown): { problem: string } | undefined {
  const problem = eventProblem(event)
  return problem === undefined ? undefined : { problem: `not an event: ${problem}` }
}

/** Everything up to the requests, which an in-process emulator of the API answers (as `mapc run --dry-run` does). */
export async function dryRun(doc: TesterDocument, actionName: string, event: unknown, credentials: Record<string, Partial<TestCredentials>>): Promise<RunAnswer> {
  const bad = eventOrProblem(event)
  if (bad) return bad
  const p = prepare(doc, actionName, credentialsOf(doc, credentials))
  if ('problem' in p) return p
  const answer = inspect(p, event as SegmentEvent)
  if (!answer.trigger.fired) return answer
  const emulated = dryRunTransports(() => undefined)(p.redactor, { name: p.destination.name, destination: p.destination })
  const result = await deliverOne(targetOf(p, recordingTransport(emulated, p.redactor, answer.requests)), event as SegmentEvent)
  answer.outcome = outcomeOf(result)
  return answer
}

function httpTransport(p: Prepared, endpoint: string, options: DeliveryOptions, log: Exchange[]): Transport {
  // One attempt: the tester shows what the API answered, not what a retry later made of it.
  const client = createHttpClient({ redactor: p.redactor, timeoutMs: options.timeoutMs, retry: { maxAttempts: 1 } })
  return withEndpointOverride(recordingTransport((request, meta) => client.send(request, meta), p.redactor, log), endpoint)
}

/** Where a destination's requests go, or why they cannot go anywhere. */
function endpointOf(p: Prepared, options: DeliveryOptions): string | { problem: string } {
  const endpoint = Object.hasOwn(options.endpoints, p.destination.name) ? options.endpoints[p.destination.name] : undefined
  return endpoint ?? { problem: `mapc serve has no emulator of ${p.destination.name}: start it with --endpoint ${p.destination.name}=<origin> to send to a server of yours` }
}

interface ReadyToSend {
  p: Prepared
  endpoint: string
  answer: Extract<RunAnswer, { destination: string }>
}

/**
 * What Send and Batch both do before anything leaves: the event read, the action prepared, its
 * endpoint known and its trigger fired. Anything else is the answer the page shows instead.
 */
function readyToSend(doc: TesterDocument, actionName: string, event: unknown, options: DeliveryOptions, nothingSent: string): ReadyToSend | RunAnswer {
  const bad = eventOrProblem(event)
  if (bad) return bad
  const p = prepare(doc, actionName, credentialsOf(doc, options.credentials))
  if ('problem' in p) return p
  const endpoint = endpointOf(p, options)
  if (typeof endpoint !== 'string') return endpoint
  const answer = inspect(p, event as SegmentEvent)
  if (!answer.trigger.fired) {
    answer.note = `the trigger did not fire on this event: ${nothingSent}`
    return answer
  }
  return { p, endpoint, answer }
}

const isReady = (ready: ReadyToSend | RunAnswer): ready is ReadyToSend => 'endpoint' in ready && 'p' in ready

export async function send(doc: TesterDocument, actionName: string, event: unknown, options: DeliveryOptions): Promise<RunAnswer> {
  const ready = readyToSend(doc, actionName, event, options, 'nothing was sent')
  if (!isReady(ready)) return ready
  const { p, endpoint, answer } = ready
  const result = await deliverOne(targetOf(p, httpTransport(p, endpoint, options, answer.requests)), event as SegmentEvent)
  answer.outcome = outcomeOf(result)
  return answer
}

/** `count` events made from `event`, delivered as one batch (in chunks of the action's size when it has one). */
export async function sendBatch(doc: TesterDocument, actionName: string, event: unknown, count: number, options: DeliveryOptions): Promise<RunAnswer> {
  const ready = readyToSend(doc, actionName, event, options, 'no batch was sent')
  if (!isReady(ready)) return ready
  const { p, endpoint, answer } = ready
  const events = batchEvents(event as SegmentEvent, count)
  const size = p.action.batch ? (p.action.batch.size.kind === 'literal' ? p.action.batch.size.value : count) : 1
  const results = await deliverBatch(targetOf(p, httpTransport(p, endpoint, options, answer.requests)), events, Math.max(1, size))
  answer.items = results.map(outcomeOf)
  if (!p.action.batch) answer.note = `${p.action.name} has no batch block: each of the ${count} events was sent on its own`
  return answer
}
