/**
 * One document, analysed: the compiler's stages run once per version of the text, and every
 * request (hover, completion, rename…) reads the result.
 *
 * Diagnostics are exactly the compiler's (`mapc check` reports the same): the parser's, then —
 * when the file parses — the checker's. The checker also runs on what the parser recovered of a
 * file with syntax errors, silently, so that types and scopes keep working while a line is
 * half typed.
 */
import type { ApiSchema } from '../compiler/check/api-schema.js'
import { checkMapFile, type CheckOptions } from '../compiler/check/destination.js'
import type { Type } from '../compiler/check/types.js'
import { hasErrors, type Diagnostic } from '../compiler/diagnostics/diagnostic.js'
import type { DestinationIR, ExprIR, RequestIR, StepIR } from '../compiler/ir.js'
import { walkExpr } from '../compiler/ir-walk.js'
import type { MapFile, Span } from '../compiler/syntax/ast.js'
import { LineIndex } from '../compiler/syntax/line-index.js'
import { reparse, type PreviousParse } from './incremental-parse.js'
import { buildSymbolTable, type SymbolTable } from './symbols.js'

export interface Analysis {
  file: string
  text: string
  lines: LineIndex
  ast: MapFile
  diagnostics: Diagnostic[]
  /** False when the parser reported errors: the checker's findings are then left out. */
  parsed: boolean
  /** The checker's IR, also for a file with errors (values the checker could not type are `any`). */
  ir?: DestinationIR
  /** The inferred type of every checked expression, by its span (`start:end`). */
  types: ReadonlyMap<string, Type>
  symbols: SymbolTable
  /** The API schema the destination was checked against, when it has one. */
  api?: ApiSchema
  /** API schema files the check read (or looked for): a change to one re-checks the document. */
  schemaFiles: ReadonlySet<string>
  /** Set when a compiler stage threw: a bug, reported once in the log, never to the user's face. */
  internalError?: Error
  /** The parser's own diagnostics, for the next re-parse. */
  parseDiagnostics: readonly Diagnostic[]
}

/** `previous`, the analysis of the text before an edit, lets an edit inside one declaration re-parse only it. */
export function analyze(text: string, file: string, options: (used: Set<string>) => CheckOptions, previous?: Analysis): Analysis {
  const lines = new LineIndex(text, file)
  const schemaFiles = new Set<string>()
  const before: PreviousParse | undefined = previous && previous.file === file ? { text: previous.text, ast: previous.ast, diagnostics: previous.parseDiagnostics } : undefined
  const parsed = reparse(before, text, file)
  const parseOk = !hasErrors(parsed.diagnostics)
  const analysis: Analysis = {
    file,
    text,
    lines,
    ast: parsed.ast,
    diagnostics: parsed.diagnostics,
    parsed: parseOk,
    parseDiagnostics: parsed.diagnostics,
    types: new Map(),
    symbols: buildSymbolTable(parsed.ast),
    schemaFiles
  }
  if (parsed.ast.destinations.length === 0) return analysis
  let api: ApiSchema | undefined
  const checkOptions = options(schemaFiles)
  const recording: CheckOptions = {
    eventSchema: (type) => checkOptions.eventSchema(type),
    apiSchema(destination) {
      const found = checkOptions.apiSchema(destination)
      api = found?.api
      return found
    }
  }
  try {
    const checked = checkMapFile(parsed.ast, recording)
    if (parseOk) analysis.diagnostics = [...parsed.diagnostics, ...checked.diagnostics]
    if (checked.ir) {
      analysis.ir = checked.ir
      analysis.types = expressionTypes(checked.ir)
    }
  } catch (error) {
    // The checker is meant never to throw; if it does on some input, the parser's diagnostics
    // still stand and the editor keeps working.
    analysis.internalError = error instanceof Error ? error : new Error(String(error))
  }
  if (api) analysis.api = api
  return analysis
}

export function spanKey(span: Span): string {
  return `${span.start.offset}:${span.end.offset}`
}

/** Every expression of the IR by span; the outermost wins where two share one. */
function expressionTypes(ir: DestinationIR): Map<string, Type> {
  const types = new Map<string, Type>()
  const add = (root: ExprIR | undefined): void =>
    walkExpr(root, (e) => {
      const key = spanKey(e.source)
      if (!types.has(key)) types.set(key, e.type)
    })
  const request = (r: RequestIR | undefined): void => {
    if (!r) return
    r.url.expressions.forEach(add)
    r.query.forEach((q) => add(q.value))
    r.headers.forEach((h) => add(h.value))
    add(r.body?.value)
  }
  const steps = (list: readonly StepIR[]): void => {
    for (const step of list) {
      if (step.kind === 'send') request(step.request)
      else step.args.forEach((a) => (a.kind === 'literal' && a.value === undefined && a.source === step.source ? undefined : add(a)))
    }
  }
  ir.auth.headers.forEach((h) => add(h.value))
  request(ir.auth.test)
  ir.shapes.forEach((s) => add(s.body))
  ir.upserts.forEach((u) => request(u.request))
  for (const action of ir.actions) {
    action.fields.forEach((f) => add(f.default))
    action.rules.forEach((r) => add(r.when))
    steps(action.perform)
    if (action.batch) {
      steps(action.batch.steps)
      add(action.batch.results)
      add(action.batch.failures)
      add(action.batch.failedCount)
      add(action.batch.keys)
    }
  }
  return types
}
