/**
 * The public entry points of the front end. Each reads text and returns an AST with every
 * diagnostic found; none throws, whatever the input. Stages:
 *
 *   text ─lex─▶ tokens ─structure─▶ (depth-limited) tokens ─parse─▶ CST ─build─▶ AST
 *
 * `parseTrigger` and `parseExpression` serve the runtime, which reads FQL triggers and field
 * mappings from YAML configurations with the same grammar rules that `.map` files use.
 */
import type { CstNode, IRecognitionException } from 'chevrotain'
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
  const removedRegionEnds = new Set<number>()
  const lastKept = structure.tokens[structure.tokens.length - 1]
  for (const region of tooDeep) {
    diagnostics.push(
      diagnostic('MAPC1008', lines.span(region.opener.startOffset, tokenEnd(region.opener)), `nesting deeper than ${MAX_NESTING} levels`, {
        hint: 'this bracket and everything inside it is not read; flatten the expression'
      })
    )
    removedRegionEnds.add(region.resumeOffset)
    if (region.resumeOffset >= text.length && lastKept !== undefined) removedRegionEnds.add(tokenEnd(lastKept))
  }

  const parser = mapParser()
  const { cst, errors } = parser.parseWith(structure, (p) => {
    const result = entry(p)
    return { cst: result, errors: [...p.errors] as IRecognitionException[] }
  })
  const parseDiagnostics = translateParseErrors(errors, {
    lines,
    structure,
    unterminatedTemplates: lexed.unterminatedTemplates,
    removedRegionEnds,
    endOfInput
  })
  diagnostics.push(...parseDiagnostics)
  const reported = new Set(diagnostics.map((d) => d.span.start.offset))
  const ctx = new BuildContext(lines, reported)
  const value = build(cst, ctx, lexed.comments)
  diagnostics.push(...ctx.diagnostics)
  return { value, diagnostics, empty: structure.tokens.length === 0 }
}
