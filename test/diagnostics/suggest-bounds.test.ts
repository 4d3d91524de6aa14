/**
 * Did-you-mean does bounded work whatever the input (issue #9 item 7: two 12,000-character names
 * once took 46 s and 1.3 GB to check). The work is counted in distance-table cells
 * (`suggestionWork`), so the bounds below are exact and independent of the machine; nothing is timed.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compileText } from '../../src/compiler/compile.js'
import { closest, editDistanceWithin, MAX_SUGGESTED_LENGTH, suggestionWork } from '../../src/compiler/diagnostics/suggest.js'
import { withInlineApi } from '../support/build-destination.js'

/** The full table, as the distance is defined: the reference the banded one must agree with. */
function referenceDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[]
      const prev = d[i - 1] as number[]
      let value = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1))
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, ((d[i - 2] as number[])[j - 2] as number) + 1)
      row[j] = value
    }
  }
  return (d[a.length] as number[])[b.length] as number
}

function cellsOf(work: () => void): number {
  const before = suggestionWork.cells
  work()
  return suggestionWork.cells - before
}

const api = { oneOf: [{ 'x-mapc-endpoint': 'POST https://api.plans.test/v1/events', type: 'object' }] }

function destination(settings: string[], field: string, misspelt: string): string {
  return `destination plans {
  title "Plans"
  accepts track
${settings.map((s) => `  setting ${s}: string { label "L" }`).join('\n')}
  action track {
    title "Track"
    trigger type = "track"
    field ${field}: string required {
      label "Plan"
      default $.properties.plan
    }
    perform { send POST "https://api.plans.test/v1/events" { json { plan: ${misspelt}, s: settings.${misspelt} } } }
  }
}
`
}

describe('the banded distance', () => {
  it('is the distance when it is at most the bound, else the bound plus one', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A'), maxLength: 14 })
    fc.assert(
      fc.property(text, text, fc.nat(16), (a, b, max) => {
        expect(editDistanceWithin(a, b, max)).toBe(Math.min(referenceDistance(a, b), max + 1))
      }),
      { numRuns: 3000 }
    )
  })

  it('computes only the band: at most (2 × bound + 1) cells a row', () => {
    const a = 'x'.repeat(MAX_SUGGESTED_LENGTH)
    const b = `${'x'.repeat(MAX_SUGGESTED_LENGTH - 1)}y`
    expect(cellsOf(() => expect(editDistanceWithin(a, b, 3)).toBe(1))).toBeLessThanOrEqual(MAX_SUGGESTED_LENGTH * 7)
    // A row whose every cell exceeds the bound ends the comparison.
    expect(cellsOf(() => expect(editDistanceWithin('a'.repeat(60), 'b'.repeat(60), 2)).toBe(3))).toBeLessThanOrEqual(3 * 5)
  })
})

describe('closest', () => {
  it('compares no name longer than the cap, and skips candidates by length', () => {
    expect(cellsOf(() => expect(closest('a'.repeat(50_000), ['a'.repeat(49_999), 'b'])).toBeUndefined())).toBe(0)
    expect(cellsOf(() => expect(closest('email', ['a'.repeat(12_000), 'emails-and-more'])).toBeUndefined())).toBe(0)
  })

  it('bounds the work over many candidates at the cap, and still finds the typo', () => {
    const candidates = Array.from({ length: 1_000 }, (_, i) => `${'n'.repeat(MAX_SUGGESTED_LENGTH - 4)}${String(i).padStart(4, '0')}`)
    const typo = `${'n'.repeat(MAX_SUGGESTED_LENGTH - 4)}0z42`
    let found: string | undefined
    const cells = cellsOf(() => (found = closest(typo, candidates)))
    expect(found).toBe(`${'n'.repeat(MAX_SUGGESTED_LENGTH - 4)}0042`)
    const allowance = Math.floor(MAX_SUGGESTED_LENGTH / 3)
    expect(cells).toBeLessThanOrEqual(candidates.length * (2 * allowance + 1) * MAX_SUGGESTED_LENGTH)
  })

  it('a 100 KB file with 12,000-character names checks with a bounded amount of suggestion work', () => {
    const long = (c: string) => c.repeat(12_000)
    const source = destination([`${long('s')}x`, `${long('s')}y`, `${long('t')}a`, `${long('t')}b`, `${long('u')}a`, `${long('u')}b`, `${long('v')}a`, `${long('v')}b`], long('p'), `${long('p')}q`)
    expect(source.length).toBeGreaterThan(100_000)
    let codes: string[] = []
    const cells = cellsOf(() => {
      const compiled = compileText(source, 'plans.map', withInlineApi('plans.map', api))
      codes = compiled.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.hint ?? ''}`)
    })
    // The misspelt name is reported, with no suggestion, after no comparison at all.
    expect(codes).toEqual(['MAPC2001 ', 'MAPC2024 '])
    expect(cells).toBe(0)
  })

  it('the same file with names at the cap still suggests, within the bound', () => {
    const name = (c: string) => c.repeat(MAX_SUGGESTED_LENGTH - 1)
    const source = destination([`${name('s')}x`, `${name('p')}r`, `${name('t')}a`], name('p'), `${name('p')}q`)
    let hints: (string | undefined)[] = []
    const cells = cellsOf(() => {
      hints = compileText(source, 'plans.map', withInlineApi('plans.map', api)).diagnostics.filter((d) => d.severity === 'error').map((d) => d.hint)
    })
    expect(hints).toEqual([`did you mean \`${name('p')}\`?`, `did you mean \`${name('p')}r\`?`])
    expect(cells).toBeLessThanOrEqual(20 * (2 * 21 + 1) * MAX_SUGGESTED_LENGTH)
  })
})
