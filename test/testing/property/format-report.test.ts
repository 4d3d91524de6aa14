/** `mapc test`'s lines count runs as they are: a replayed counter-example is "1 run", not "1 runs". */
import { describe, expect, it } from 'vitest'
import { formatPropertyResult } from '../../../src/testing/property/index.js'
import { emptyTally } from '../../../src/testing/property/properties.js'

const id = { destination: 'd', action: 'a', mode: 'single' as const, property: 'deterministic' as const }

describe('formatPropertyResult', () => {
  it('says "1 run" for one run and "N runs" otherwise', () => {
    expect(formatPropertyResult({ id, file: 'd.map', status: 'passed', runs: 1, skipped: 0, tally: emptyTally() })).toBe('ok     d/a/single/deterministic (1 run)\n')
    expect(formatPropertyResult({ id, file: 'd.map', status: 'passed', runs: 100, skipped: 2, tally: emptyTally() })).toBe('ok     d/a/single/deterministic (100 runs, 2 skipped)\n')
    expect(formatPropertyResult({ id, file: 'd.map', status: 'gave-up', runs: 1, skipped: 9, reason: 'too few inputs' })).toBe('FAIL   d/a/single/deterministic: gave up after 1 run: too few inputs\n')
  })

  it('says "failed after 1 run, shrunk 1 time" for a replay', () => {
    const text = formatPropertyResult({
      id,
      file: 'd.map',
      status: 'failed',
      runs: 1,
      shrinks: 1,
      reason: 'differs',
      counterexample: { events: [], settings: {}, auth: {} },
      seed: 7,
      path: 'd/a/single/deterministic:0'
    })
    expect(text.split('\n')[0]).toBe('FAIL   d/a/single/deterministic (failed after 1 run, shrunk 1 time)')
  })
})
