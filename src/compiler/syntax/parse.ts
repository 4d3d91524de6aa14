/**
 * The public entry points of the front end. Each reads text and returns an AST with every
 * diagnostic found; none throws, whatever the input. Stages:
 *
 *   text ─lex─▶ tokens ─structure─▶ (depth-limited) tokens ─parse─▶ CST ─build─▶ AST
 *
 * `parseTrigger` and `parseExpression` serve the runtime, which reads FQL triggers and field
 * mappings from YAML configurations with the same grammar rules that `.map` files use.
 */
import type { CstNode, IRecognitionException, IToken } from 'chevrotain'
import type { Expr, MapFile, Trigger } from './ast.js'
import { diagnostic, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js'
import { BuildContext } from './build/context.js'
import { buildMapFile } from './build/declarations.js'
import { buildExpression } from './build/expressions.js'
import { buildTrigger } from './build/triggers.js'
import { lex } from './lexer.js'
import { LineIndex } from './line-index.js'
import { mapParser, type MapParser } from './parser.js'
import { translateParseErrors } from './parse-errors.js'
import { MAX_NESTING, TokenStructure } from './token-structure.js'
import { tokenEnd } from './token-offsets.js'
import { repairBraces, type BraceRepair } from './brace-repair.js'
import { describeOpener } from './openers.js'
import { missingPathDots } from './path-dots.js'

export interface ParseMapResult {
  ast: MapFile
  diagnostics: Diagnostic[]
}

export function parseMap(text: string, file: string): ParseMapResult {
  const { value, diagnostics } = runParser(
    text,
    file,
    'the end of the file',
    (parser) => parser.mapFile(),
    (cst, ctx, comments) => buildMapFile(cst, ctx, comments),
    { repairBraces: true }
  )
  if (value.destinations.length === 0 && !diagnostics.some((d) => d.severity === 'error')) {
    diagnostics.push(
      diagnostic('MAPC1009', value.span.start.offset === 0 ? lineStartSpan(file) : value.span, 'this file declares no destination', {
        hint: 'a `.map` file describes one destination: `destination <name> { title "…" … }`'
      })
    )
  }
  return { ast: value, diagnostics: sortDiagnostics(diagnostics) }
}

export function parseTrigger(text: string, file = '<trigger>'): { trigger: Trigger | undefined; diagnostics: Diagnostic[] } {
  const { value, diagnostics, empty } = runParser(text, file, 'the end of the input', (parser) => parser.trigger(), (cst, ctx) =>
    buildTrigger(cst, ctx, 0)
  )
  return { trigger: empty ? undefined : value, diagnostics: sortDiagnostics(diagnostics) }
}

export function parseExpression(text: string, file = '<expression>'): { expr: Expr | undefined; diagnostics: Diagnostic[] } {
  const { value, diagnostics, empty } = runParser(text, file, 'the end of the input', (parser) => parser.expression(), (cst, ctx) =>
    buildExpression(cst, ctx, 0)
  )
  return { expr: empty ? undefined : value, diagnostics: sortDiagnostics(diagnostics) }
}

/**
 * The first token after each run of characters the lexer could not read (`a && b`): the parser
 * would complain there too, about the same mistake.
 */
function afterUnreadableCharacters(lexerDiagnostics: readonly Diagnostic[], structure: TokenStructure): Set<number> {
  const offsets = new Set<number>()
  const tokens = structure.tokens
  for (const d of lexerDiagnostics) {
    if (d.code !== 'MAPC1001') continue
    let low = 0
    let high = tokens.length
    while (low < high) {
      const mid = (low + high) >> 1
      if ((tokens[mid] as IToken).startOffset < d.span.end.offset) low = mid + 1
      else high = mid
    }
    const next = tokens[low]
    if (next !== undefined) offsets.add(next.startOffset)
  }
  return offsets
}

/**
 * Runs the parser; a stack overflow (possible only for nesting that has no brackets for the
 * structure pre-pass to limit) becomes the offset where it happened.
 */
function parseGuarded(
  parser: MapParser,
  structure: TokenStructure,
  entry: (parser: MapParser) => CstNode | undefined
): { cst: CstNode | undefined; errors: IRecognitionException[] } | { overflowAt: number } {
  let reached = 0
  try {
    return parser.parseWith(structure, (p) => {
      try {
        const cst = entry(p)
        return { cst, errors: [...p.errors] as IRecognitionException[] }
      } catch (error) {
        reached = p.currentOffset()
        throw error
      }
    })
  } catch (error) {
    if (error instanceof RangeError) return { overflowAt: reached }
    throw error
  }
}

/**
 * A `}` the indentation says is missing, or one too many (see brace-repair.ts). A brace left
 * open by an unterminated template on its line is that template's problem, already reported.
 */
function braceRepairDiagnostics(
  repairs: readonly BraceRepair[],
  structure: TokenStructure,
  lines: LineIndex,
  unterminatedTemplates: ReadonlySet<number>
): Diagnostic[] {
  const templateLines = new Set([...unterminatedTemplates].map((offset) => lines.lineOf(offset)))
  const out: Diagnostic[] = []
  for (const repair of repairs) {
    if (templateLines.has(lines.lineOf(repair.opener.startOffset))) continue
    const construct = describeOpener(structure, repair.opener, 'block')
    const openedAt = lines.position(repair.opener.startOffset)
    const related = [{ span: lines.span(repair.opener.startOffset, tokenEnd(repair.opener)), message: `${construct} opened here` }]
    if (repair.kind === 'inserted') {
      out.push(
        diagnostic('MAPC1011', lines.span(repair.at, repair.at), `expected \`}\` to close ${construct} opened at ${openedAt.line}:${openedAt.column}`, {
          hint: 'add `}` at the end of this line: the next line, indented no deeper than the block, is outside it',
          related
        })
      )
    } else {
      out.push(
        diagnostic('MAPC1010', lines.span(repair.closer.startOffset, tokenEnd(repair.closer)), 'one `}` too many: by its indentation it closes no block', {
          hint: `remove it; as written it would close ${construct} opened at ${openedAt.line}:${openedAt.column}, and what follows would fall outside`,
          related
        })
      )
    }
  }
  return out
}

function lineStartSpan(file: string) {
  return { file, start: { offset: 0, line: 1, column: 1 }, end: { offset: 0, line: 1, column: 1 } }
}

/**
 * Lexes, limits nesting, parses with one entry rule and builds the AST. `empty` tells the
 * trigger and expression entry points that there was nothing to read at all.
 */
function runParser<R>(
  text: string,
  file: string,
  endOfInput: string,
  entry: (parser: MapParser) => CstNode | undefined,
  build: (cst: CstNode | undefined, ctx: BuildContext, comments: MapFile['comments']) => R,
  options: { repairBraces?: boolean } = {}
): { value: R; diagnostics: Diagnostic[]; empty: boolean } {
  const lines = new LineIndex(text, file)
  const lexed = lex(lines)
  // A whole file is indented by its blocks; a trigger or an expression is not.
  const { tokens, repairs } = options.repairBraces === true ? repairBraces(text, lexed.tokens) : { tokens: lexed.tokens, repairs: [] }
  const { structure, tooDeep } = TokenStructure.analyze(text, tokens, MAX_NESTING)
  const pathDots = missingPathDots(structure.tokens, lines)
  const diagnostics: Diagnostic[] = [
    ...lexed.diagnostics,
    ...braceRepairDiagnostics(repairs, structure, lines, lexed.unterminatedTemplates),
    ...pathDots.diagnostics
  ]
  const suppressedOffsets = afterUnreadableCharacters(lexed.diagnostics, structure)
  const lastKept = structure.tokens[structure.tokens.length - 1]
  // A block comment left open runs to the end of the file: the blocks it swallowed are not
  // "unclosed" on their own account.
  if (lastKept !== undefined && lexed.diagnostics.some((d) => d.code === 'MAPC1006')) suppressedOffsets.add(tokenEnd(lastKept))
  for (const region of tooDeep) {
    diagnostics.push(
      diagnostic('MAPC1008', lines.span(region.opener.startOffset, tokenEnd(region.opener)), `nesting deeper than ${MAX_NESTING} levels`, {
        hint: 'this bracket and everything inside it is not read; flatten the expression'
      })
    )
    suppressedOffsets.add(region.resumeOffset)
    if (region.resumeOffset >= text.length && lastKept !== undefined) suppressedOffsets.add(tokenEnd(lastKept))
  }

  const parser = mapParser()
  const parsed = parseGuarded(parser, structure, entry)
  if ('overflowAt' in parsed) {
    // Nesting without brackets (`not not not …`, `if … then if …`) thousands deep: nothing to
    // build from; one diagnostic where the parser gave up.
    const at = parsed.overflowAt
    diagnostics.push(
      diagnostic('MAPC1008', lines.span(at, at), 'the expression is nested too deeply to read', {
        hint: 'split it with `let` steps or shapes'
      })
    )
    const ctx = new BuildContext(lines, new Set())
    return { value: build(undefined, ctx, lexed.comments), diagnostics, empty: structure.tokens.length === 0 }
  }
  const { cst, errors } = parsed
  const parseErrors = translateParseErrors(errors, {
    lines,
    structure,
    unterminatedTemplates: lexed.unterminatedTemplates,
    suppressedOffsets,
    endOfInput,
    missingPathDots: pathDots.offsets
  })
  diagnostics.push(...parseErrors.diagnostics)
  const reported = new Set([...diagnostics.map((d) => d.span.start.offset), ...suppressedOffsets, ...parseErrors.reportedOffsets])
  const ctx = new BuildContext(lines, reported)
  const value = build(cst, ctx, lexed.comments)
  diagnostics.push(...ctx.diagnostics)
  return { value, diagnostics, empty: structure.tokens.length === 0 }
}
