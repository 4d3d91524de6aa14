/**
 * The front door of the compiler for one source text: every stage that checks a `.map` file
 * runs from here, so the CLI, the tests and an editor integration all see the same diagnostics:
 * the parser's, then — when the file parses — the type checker's, with its typed IR.
 */
import type { MapFile } from './syntax/ast.js'
import type { Diagnostic } from './diagnostics/diagnostic.js'
import type { DestinationIR } from './ir.js'
import type { CheckOptions } from './check/destination.js'
import { compileText } from './compile.js'

export interface AnalysisResult {
  ast: MapFile
  diagnostics: Diagnostic[]
  ir?: DestinationIR
}

export function analyzeSource(text: string, file: string, options?: CheckOptions): AnalysisResult {
  const result = compileText(text, file, options)
  const analysis: AnalysisResult = { ast: result.ast as MapFile, diagnostics: result.diagnostics }
  if (result.ir) analysis.ir = result.ir
  return analysis
}
