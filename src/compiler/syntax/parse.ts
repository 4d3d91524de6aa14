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

export interface ParseMapResult {
  ast: MapFile
  diagnostics: Diagnostic[]
}

export function parseMap(text: string, file: string): ParseMapResult {
  const { value, diagnostics } = runParser(text, file, 'the end of the file', (parser) => parser.mapFile(), (cst, ctx, comments) =>
    buildMapFile(cst, ctx, comments)
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
  build: (cst: CstNode | undefined, ctx: BuildContext, comments: MapFile['comments']) => R
): { value: R; diagnostics: Diagnostic[]; empty: boolean } {
  const lines = new LineIndex(text, file)
  const lexed = lex(lines)
  const { structure, tooDeep } = TokenStructure.analyze(text, lexed.tokens, MAX_NESTING)
  const diagnostics: Diagnostic[] = [...lexed.diagnostics]
  const suppressedOffsets = afterUnreadableCharacters(lexed.diagnostics, structure)
  const lastKept = structure.tokens[structure.tokens.length - 1]
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
    endOfInput
  })
  diagnostics.push(...parseErrors.diagnostics)
  const reported = new Set([...diagnostics.map((d) => d.span.start.offset), ...suppressedOffsets, ...parseErrors.reportedOffsets])
  const ctx = new BuildContext(lines, reported)
  const value = build(cst, ctx, lexed.comments)
  diagnostics.push(...ctx.diagnostics)
  return { value, diagnostics, empty: structure.tokens.length === 0 }
}
