/**
 * The checker's corpus: every file in cases/ is one mistake, with the diagnostics it must
 * produce written in its header (see support/expectations.ts). Each case is parsed (it must
 * parse cleanly: these are checker cases) and checked against the test API in apis/.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { checkCodes } from '../../src/compiler/diagnostics/codes/check.js'
import { checkText, describeDiagnostic } from './support/check-text.js'
import { compareDiagnostics, readExpectations, type Expectation } from './support/expectations.js'

const casesDir = fileURLToPath(new URL('./cases/', import.meta.url))
const cases = readdirSync(casesDir)
  .filter((name) => name.endsWith('.map'))
  .sort()
  .map((name) => {
    const text = readFileSync(`${casesDir}${name}`, 'utf8')
    return { name, text, expectations: readExpectations(text, name) }
  })

/**
 * Codes no corpus case can show, with the reason. MAPC2028: a file without a destination is a
 * parse error (MAPC1009), and the compiler does not check a file that does not parse;
 * destination.test.ts covers the checker's own handling.
 */
const notInCorpus: Record<string, string> = {
  MAPC2028: 'reported by the parser as MAPC1009 first'
}

describe('check corpus', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_, { name, text, expectations }) => {
    const result = checkText(text, name)
    expect(result.parseDiagnostics.map(describeDiagnostic), 'a corpus case must parse cleanly').toEqual([])
    const { missing, unexpected } = compareDiagnostics(result.diagnostics, expectations)
    expect({
      missing: missing.map((e: Expectation) => e.text),
      unexpected: unexpected.map(describeDiagnostic)
    }).toEqual({ missing: [], unexpected: [] })
  })

  it('has a case for every code the checker emits', () => {
    const shown = new Set(cases.flatMap((c) => c.expectations.map((e) => e.code)))
    const uncovered = Object.keys(checkCodes).filter((code) => !shown.has(code) && !(code in notInCorpus))
    expect(uncovered).toEqual([])
    expect(Object.keys(notInCorpus).filter((code) => shown.has(code)), 'listed as not in the corpus, yet shown').toEqual([])
  })

  it('only expects codes of the registry', () => {
    const unknown = cases.flatMap((c) => c.expectations.filter((e) => !(e.code in checkCodes)).map((e) => `${c.name}: ${e.code}`))
    expect(unknown).toEqual([])
  })
})
