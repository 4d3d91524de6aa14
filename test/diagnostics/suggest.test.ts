import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { closest, didYouMean, editDistance } from '../../src/compiler/diagnostics/suggest.js'

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('', '')).toBe(0)
    expect(editDistance('', 'abc')).toBe(3)
    expect(editDistance('abc', '')).toBe(3)
    expect(editDistance('kitten', 'sitting')).toBe(3)
    expect(editDistance('flaw', 'lawn')).toBe(2)
  })

  it('counts an adjacent transposition as one edit', () => {
    expect(editDistance('emial', 'email')).toBe(1)
    expect(editDistance('ab', 'ba')).toBe(1)
    // Optimal string alignment: a transposed pair is not edited again.
    expect(editDistance('ca', 'abc')).toBe(3)
  })

  it('is case-sensitive (callers lower-case)', () => {
    expect(editDistance('Email', 'email')).toBe(1)
  })

  it('is a symmetric distance bounded by the lengths', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const d = editDistance(a, b)
        expect(d).toBe(editDistance(b, a))
        expect(d).toBeGreaterThanOrEqual(Math.abs(a.length - b.length))
        expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length))
        expect(d === 0).toBe(a === b)
      }),
      { numRuns: 1000, seed: 7 }
    )
  })
})

describe('closest', () => {
  it('allows one edit per three characters, and at least one', () => {
    expect(closest('x', ['y'])).toBe('y')
    expect(closest('x', ['xyz'])).toBeUndefined()
    expect(closest('emial', ['email', 'phone'])).toBe('email')
    // Two edits in five characters is too far: "emxyl" is not a typo of "email".
    expect(closest('emxyl', ['email'])).toBeUndefined()
    expect(closest('emaill', ['email'])).toBe('email')
    expect(closest('identfy', ['identify', 'track'])).toBe('identify')
    expect(closest('snakecase', ['snake_case', 'lower'])).toBe('snake_case')
    expect(closest('pnig', ['ping'])).toBe('ping')
  })

  it('picks the nearest candidate, the first of equals', () => {
    expect(closest('trak', ['track', 'page'])).toBe('track')
    expect(closest('ab', ['ac', 'ad'])).toBe('ac')
  })

  it('compares without case but answers with the candidate as written', () => {
    expect(closest('APIKEY', ['apiKey'])).toBe('apiKey')
  })

  it('never suggests the name itself', () => {
    expect(closest('email', ['email'])).toBeUndefined()
    expect(closest('email', ['email', 'emails'])).toBe('emails')
  })

  it('has nothing to suggest without candidates', () => {
    expect(closest('anything', [])).toBeUndefined()
  })
})

describe('didYouMean', () => {
  it('phrases the suggestion, with the renderer given', () => {
    expect(didYouMean('settng', ['setting'])).toBe('did you mean `setting`?')
    expect(didYouMean('identfy', ['identify'], (s) => JSON.stringify(s))).toBe('did you mean "identify"?')
    expect(didYouMean('zzz', ['setting'])).toBeUndefined()
  })
})
