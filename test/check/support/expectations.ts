/**
 * The expectation header of a corpus case: comment lines at the top of a `.map` file that say
 * which diagnostics checking it must produce, and nothing else.
 *
 *   // expect: MAPC3001 error at 12:18 "identify events have no `$.event`" hint "did you mean `$.traits…`?"
 *   // expect: nothing
 *
 * The quoted parts are JSON strings (so `\"` escapes a quote) and are matched as substrings of
 * the diagnostic's message and hint.
 */
import type { Diagnostic, Severity } from '../../../src/compiler/diagnostics/diagnostic.js'

export interface Expectation {
  code: string
  severity: Severity
  line: number
  column: number
  message: string
  hint?: string
  /** The header line, for failure messages. */
  text: string
}

const EXPECT_LINE = /^\/\/ expect: (MAPC\d{4}) (error|warning|info) at (\d+):(\d+) ("(?:[^"\\]|\\.)*")(?: hint ("(?:[^"\\]|\\.)*"))?\s*$/

/**
 * The expectations of a case; `[]` for `// expect: nothing`. Throws on a malformed header, so a
 * typo in a case fails loudly instead of expecting nothing.
 */
export function readExpectations(text: string, file: string): Expectation[] {
  const lines = text.split('\n').filter((line) => line.startsWith('// expect:'))
  if (lines.length === 0) throw new Error(`${file}: no \`// expect:\` header`)
  if (lines.length === 1 && lines[0]?.trim() === '// expect: nothing') return []
  return lines.map((line) => {
    const match = EXPECT_LINE.exec(line)
    if (!match) throw new Error(`${file}: malformed expectation: ${line}`)
    const [, code, severity, lineNumber, column, message, hint] = match as unknown as [string, string, Severity, string, string, string, string | undefined]
    const expectation: Expectation = {
      code,
      severity,
      line: Number(lineNumber),
      column: Number(column),
      message: JSON.parse(message) as string,
      text: line
    }
    if (hint !== undefined) expectation.hint = JSON.parse(hint) as string
    return expectation
  })
}

export function satisfies(d: Diagnostic, e: Expectation): boolean {
  return (
    d.code === e.code &&
    d.severity === e.severity &&
    d.span.start.line === e.line &&
    d.span.start.column === e.column &&
    d.message.includes(e.message) &&
    (e.hint === undefined || (d.hint ?? '').includes(e.hint))
  )
}

/** Pairs each expectation with a diagnostic; what is left on either side is a failure. */
export function compareDiagnostics(
  diagnostics: readonly Diagnostic[],
  expectations: readonly Expectation[]
): { missing: Expectation[]; unexpected: Diagnostic[] } {
  const unexpected = [...diagnostics]
  const missing: Expectation[] = []
  for (const e of expectations) {
    const index = unexpected.findIndex((d) => satisfies(d, e))
    if (index === -1) missing.push(e)
    else unexpected.splice(index, 1)
  }
  return { missing, unexpected }
}
