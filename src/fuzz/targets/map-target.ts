/**
 * The `.map` target: mutated destination texts through the compiler's three entry points.
 *
 * - check never throws, and every diagnostic it reports has a span inside the text (with line
 *   and column that match its offset);
 * - fmt never throws, is idempotent (formatting formatted text changes nothing), and keeps the
 *   meaning (the checked IR without positions, or the diagnostic codes, are the same before and after);
 * - build (for a sample of the texts that check clean) emits JavaScript that parses and JSON that
 *   parses, and importing the modules, as production does, calls no canary and changes no global
 *   or built-in prototype;
 * - optionally, check of a text under 100 KB takes under a second of CPU (off in the test suite,
 *   which asserts no timing).
 *
 * The compiler is reached through a MapSubject so that a test can hand in a broken one and see
 * each oracle fail.
 */
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { ts } from 'ts-morph'
import type { CheckOptions } from '../../compiler/check/destination.js'
import { projectCheckOptions } from '../../compiler/check-options.js'
import { compileText, type Compilation } from '../../compiler/compile.js'
import type { Diagnostic } from '../../compiler/diagnostics/diagnostic.js'
import { emitDestination, type EmittedFile } from '../../compiler/emit/mapc/build.js'
import { writeEmittedFiles } from '../../compiler/emit/mapc/write-output.js'
import { formatSource } from '../../compiler/format/format.js'
import type { DestinationIR } from '../../compiler/ir.js'
import { loadDestination } from '../../runtime/destinations/load-destination.js'
import { installGuards, type Guards } from '../canary.js'
import { projectRoot, type MapSeed } from '../corpus.js'
import type { Failure } from '../finding.js'
import { meaningOf } from '../ir-meaning.js'
import { minimiseText } from '../minimise.js'
import { mutateText } from '../mutate-text.js'
import type { Random } from '../random.js'
import type { FuzzTarget } from './target.js'

/** The name mutated texts are compiled under: beside mappings/, so `apis/<destination>.schema.json` is found. */
export const FUZZ_FILE = 'mappings/fuzz-input.map'

/** The compiler as the map target calls it. */
export interface MapSubject {
  compile(text: string, file: string): Compilation
  format(text: string, file: string): { text: string } | { diagnostics: Diagnostic[] }
  emit(ir: DestinationIR): Promise<EmittedFile[]>
}

export interface MapTargetOptions {
  corpus: readonly MapSeed[]
  /** The share of texts that check clean that are also built and imported (a build costs ~100× a check). */
  buildRate?: number
  /** Report a check that takes over a second of CPU for a text under 100 KB. Off in tests (no timing assertions). */
  slowCheck?: boolean
  /** Replaces parts of the real compiler (tests of the oracles). */
  subject?: Partial<MapSubject>
  /** Where builds are written; inside the project, so that `mapc/runtime` resolves. */
  buildDirectory?: string
}

/** The project's check options, with each API schema read once rather than once per check. */
function cachedCheckOptions(file: string): CheckOptions {
  const base = projectCheckOptions(file)
  const schemas = new Map<string, ReturnType<CheckOptions['apiSchema']>>()
  return {
    eventSchema: base.eventSchema,
    apiSchema(destination) {
      if (!schemas.has(destination)) schemas.set(destination, base.apiSchema(destination))
      return schemas.get(destination)
    }
  }
}

export function realMapSubject(): MapSubject {
  const options = cachedCheckOptions(FUZZ_FILE)
  return {
    compile: (text, file) => compileText(text, file, options),
    format: (text, file) => formatSource(text, file),
    emit: (ir) => emitDestination(ir, { version: '0.0.0-fuzz' })
  }
}

const describeError = (error: unknown): string => (error instanceof Error ? (error.stack ?? error.message).split('\n').slice(0, 6).join('\n') : String(error))

/** Line and column of an offset, counted here (not with the compiler's LineIndex, which is under test). */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset; i++) {
    const c = text[i]
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: offset - lineStart + 1 }
}

type SpanLike = { file?: unknown; start?: { offset?: unknown; line?: unknown; column?: unknown }; end?: { offset?: unknown; line?: unknown; column?: unknown } }

function spanProblem(span: SpanLike | undefined, text: string, file: string): string | undefined {
  if (!span || !span.start || !span.end) return 'has no span'
  if (span.file !== file) return `names file ${JSON.stringify(span.file)}, not ${JSON.stringify(file)}`
  const start = span.start.offset
  const end = span.end.offset
  if (typeof start !== 'number' || typeof end !== 'number' || !Number.isInteger(start) || !Number.isInteger(end)) return 'has a span without integer offsets'
  if (start < 0 || end < start || end > text.length) return `has span ${start}..${end} outside the text (length ${text.length})`
  for (const [name, position, offset] of [
    ['start', span.start, start],
    ['end', span.end, end]
  ] as const) {
    const expected = lineAndColumn(text, offset)
    if (position.line !== expected.line || position.column !== expected.column) {
      return `has ${name} ${String(position.line)}:${String(position.column)} at offset ${offset}, which is ${expected.line}:${expected.column}`
    }
  }
  return undefined
}

function diagnosticProblems(diagnostics: readonly Diagnostic[], text: string, file: string): string[] {
  const problems: string[] = []
  for (const d of diagnostics) {
    const what = `${String(d.code)} "${String(d.message).slice(0, 80)}"`
    if (typeof d.code !== 'string' || !/^MAPC\d{4}$/.test(d.code)) problems.push(`${what}: the code is not MAPC followed by four digits`)
    if (typeof d.message !== 'string' || d.message.trim() === '') problems.push(`${what}: the message is empty`)
    const span = spanProblem(d.span as SpanLike, text, file)
    if (span) problems.push(`${what} ${span}`)
    for (const related of d.related ?? []) {
      const problem = spanProblem(related.span as SpanLike, text, file)
      if (problem) problems.push(`${what}: a related span ${problem}`)
    }
  }
  return problems
}

/** Syntax errors of one generated JavaScript file, as TypeScript's parser reports them. */
function javaScriptSyntaxErrors(file: EmittedFile): string[] {
  const output = ts.transpileModule(file.content, {
    fileName: file.path,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, allowJs: true }
  })
  return (output.diagnostics ?? []).map((d) => `${file.path}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`)
}

/** Builds in this process: every build gets a directory (so a module URL) of its own, or import() would answer from its cache. */
let builds = 0

export class MapTarget implements FuzzTarget<string> {
  readonly name = 'map' as const
  private readonly subject: MapSubject
  private readonly buildRate: number
  private readonly slowCheck: boolean
  private readonly buildDirectory: string
  private readonly built = new Set<string>()
  /** While minimising, every candidate that checks clean is built, seen before or not. */
  private minimising = false
  private guards: Guards | undefined
  /** Counters for the run's summary. */
  readonly stats = { checked: 0, clean: 0, formatted: 0, built: 0 }

  constructor(private readonly options: MapTargetOptions) {
    this.subject = { ...realMapSubject(), ...options.subject }
    this.buildRate = options.buildRate ?? 0.1
    this.slowCheck = options.slowCheck ?? false
    this.buildDirectory = options.buildDirectory ?? join(projectRoot(), '.tmp', `fuzz-${process.pid}`, 'map')
  }

  async setup(): Promise<void> {
    this.guards = installGuards()
  }

  generate(random: Random): string {
    const seed = random.pick(this.options.corpus)
    const donors = this.options.corpus.map((s) => s.text)
    // Sometimes a mutant of a mutant: edits compound.
    let text = mutateText(seed.text, random, donors)
    if (random.chance(0.3)) text = mutateText(text, random, donors)
    return text
  }

  /** Whether this case is built: decided from the text, so a replayed case decides the same. */
  private shouldBuild(text: string): boolean {
    let hash = 0
    for (let i = 0; i < text.length; i += 7) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) >>> 0
    return hash / 4294967296 < this.buildRate
  }

  async run(text: string): Promise<Failure[]> {
    const failures: Failure[] = []
    const file = FUZZ_FILE
    let compilation: Compilation
    const before = process.cpuUsage()
    try {
      compilation = this.subject.compile(text, file)
    } catch (error) {
      return [{ oracle: 'check-throws', message: `check threw: ${describeError(error)}` }]
    }
    this.stats.checked++
    const cpu = process.cpuUsage(before)
    const cpuMs = (cpu.user + cpu.system) / 1000
    if (this.slowCheck && text.length < 100_000 && cpuMs > 1000) {
      failures.push({ oracle: 'check-slow', message: `check of ${text.length} characters took ${Math.round(cpuMs)} ms of CPU (limit 1000 ms under 100 KB)` })
    }
    for (const problem of diagnosticProblems(compilation.diagnostics, text, file)) failures.push({ oracle: 'diagnostic-span', message: problem })
    if (compilation.ir) this.stats.clean++

    failures.push(...this.formatFailures(text, file, compilation))
    if (compilation.ir && (this.minimising || this.buildRate >= 1 || this.shouldBuild(text))) failures.push(...(await this.buildFailures(compilation.ir)))
    return failures
  }

  private formatFailures(text: string, file: string, compilation: Compilation): Failure[] {
    let first: ReturnType<MapSubject['format']>
    try {
      first = this.subject.format(text, file)
    } catch (error) {
      return [{ oracle: 'fmt-throws', message: `fmt threw: ${describeError(error)}` }]
    }
    if (!('text' in first)) return []
    this.stats.formatted++
    const formatted = first.text
    let second: ReturnType<MapSubject['format']>
    try {
      second = this.subject.format(formatted, file)
    } catch (error) {
      return [{ oracle: 'fmt-throws', message: `fmt threw on its own output: ${describeError(error)}` }]
    }
    if (!('text' in second)) {
      const codes = second.diagnostics.map((d) => `${d.code} ${d.message}`).slice(0, 3)
      return [{ oracle: 'fmt-meaning', message: `fmt's output does not parse: ${codes.join('; ')}` }]
    }
    const failures: Failure[] = []
    if (second.text !== formatted) failures.push({ oracle: 'fmt-idempotent', message: `formatting the formatted text changed it${firstDifference(formatted, second.text)}` })
    let after: Compilation
    try {
      after = this.subject.compile(formatted, file)
    } catch (error) {
      return [...failures, { oracle: 'check-throws', message: `check threw on fmt's output: ${describeError(error)}` }]
    }
    const meaningBefore = meaningOf(compilation)
    const meaningAfter = meaningOf(after)
    if (meaningBefore !== meaningAfter) {
      failures.push({ oracle: 'fmt-meaning', message: `fmt changed the meaning${firstDifference(meaningBefore, meaningAfter)}` })
    }
    return failures
  }

  private async buildFailures(ir: DestinationIR): Promise<Failure[]> {
    const key = meaningOf({ file: FUZZ_FILE, ir, diagnostics: [] })
    if (this.built.has(key) && !this.minimising) return []
    this.built.add(key)
    let files: EmittedFile[]
    try {
      files = await this.subject.emit(ir)
    } catch (error) {
      return [{ oracle: 'build-throws', message: `build threw: ${describeError(error)}` }]
    }
    const failures: Failure[] = []
    for (const file of files) {
      if (file.path.endsWith('.js')) {
        for (const error of javaScriptSyntaxErrors(file)) failures.push({ oracle: 'build-invalid-js', message: error })
      } else if (file.path.endsWith('.json')) {
        try {
          JSON.parse(file.content)
        } catch (error) {
          failures.push({ oracle: 'build-invalid-json', message: `${file.path}: ${(error as Error).message}` })
        }
      }
    }
    if (failures.length > 0) return failures
    const directory = join(this.buildDirectory, `build-${++builds}`)
    try {
      await writeEmittedFiles(files, directory)
      const destination = await loadDestination(directory)
      // Reading the metadata runs any getter an injection could have planted.
      JSON.stringify({ name: destination.name, title: destination.title, settings: destination.settings, presets: destination.presets })
      this.stats.built++
    } catch (error) {
      failures.push({ oracle: 'build-import', message: `importing the built destination failed: ${describeError(error)}` })
    } finally {
      rmSync(directory, { recursive: true, force: true })
    }
    for (const tripped of this.guards?.tripped() ?? []) failures.push({ oracle: 'injection', message: tripped })
    return failures
  }

  async minimise(text: string, stillFails: (candidate: string) => Promise<boolean>, oracle: string): Promise<string> {
    // A build finding needs every candidate built (a build costs ~100 checks): fewer candidates.
    const builds = oracle.startsWith('build') || oracle === 'injection'
    this.minimising = builds
    try {
      return await minimiseText(text, stillFails, { tests: builds ? 200 : 1500 })
    } finally {
      this.minimising = false
    }
  }

  serialise(text: string): string {
    return text
  }

  deserialise(text: string): string {
    return text
  }

  async close(): Promise<void> {
    this.guards?.uninstall()
    rmSync(this.buildDirectory, { recursive: true, force: true })
  }
}

/** Where two texts first differ, with a little context: enough to see the defect in a finding. */
function firstDifference(a: string, b: string): string {
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  const context = (s: string) => JSON.stringify(s.slice(Math.max(0, i - 40), i + 60))
  return ` (first difference at character ${i}: ${context(a)} became ${context(b)})`
}
