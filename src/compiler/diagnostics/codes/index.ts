/**
 * The one registry of diagnostic codes. A code is never reused or renumbered: tests, docs and
 * users' search history depend on it. Ranges:
 *   MAPC1xxx  syntax (lexer, parser)           codes/syntax.ts
 *   MAPC2xxx  names and structure              codes/check.ts
 *   MAPC3xxx  types, event paths, expressions  codes/check.ts
 *   MAPC4xxx  requests against API schemas     codes/check.ts
 *   MAPC5xxx  CLI and input files              codes/cli.ts
 *   MAPC6xxx  the Segment (actions-core) target codes/segment.ts
 */
import type { Severity } from '../diagnostic.js'
import { syntaxCodes } from './syntax.js'
import { checkCodes } from './check.js'
import { cliCodes } from './cli.js'
import { segmentCodes } from './segment.js'

export interface CodeInfo {
  severity: Severity
  /** A short name for the problem, used in docs/diagnostics.md. */
  title: string
  /** One paragraph: what is wrong and how to fix it. */
  explanation: string
}

export const codes = { ...syntaxCodes, ...checkCodes, ...cliCodes, ...segmentCodes } satisfies Record<string, CodeInfo>

export type DiagnosticCode = keyof typeof codes

export function codeInfo(code: DiagnosticCode): CodeInfo {
  return codes[code]
}
