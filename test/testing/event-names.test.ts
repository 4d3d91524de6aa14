import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { eventNameArbitrary } from '../../src/testing/index.js'

describe('eventNameArbitrary', () => {
  const names = fc.sample(eventNameArbitrary(), { seed: 17, numRuns: 2000 })
  const share = (test: (name: string) => boolean): number => names.filter(test).length / names.length

  it('never produces an empty name', () => {
    expect(names.filter((name) => name.length === 0)).toEqual([])
  })

  it.each([
    ['words separated by spaces', (name: string) => /^[A-Za-z0-9]+( [A-Za-z0-9]+)+$/.test(name)],
    ['snake_case', (name: string) => /^[a-z0-9]+(_[a-z0-9]+)+$/.test(name)],
    ['dotted', (name: string) => /^[A-Za-z0-9]+(\.[A-Za-z0-9]+)+$/.test(name)],
    ['camelCase', (name: string) => /^[a-z0-9]+[A-Z][A-Za-z0-9]*$/.test(name)],
    ['upper case words', (name: string) => /^[A-Z0-9]{2,}([^A-Za-z0-9]+[A-Z0-9]{2,})+$/.test(name)],
    ['punctuation around words', (name: string) => /^[^A-Za-z0-9]+[A-Za-z0-9]|[A-Za-z0-9][^A-Za-z0-9 ]+$/.test(name)],
    ['doubled separators', (name: string) => /[A-Za-z0-9] {2}[A-Za-z0-9]/.test(name)],
    ['non-ASCII text', (name: string) => /[^\x00-\x7F]/.test(name)],
    ['emoji', (name: string) => /\p{Extended_Pictographic}/u.test(name)],
    ['punctuation only', (name: string) => /^[\p{P}\p{S} ]+$/u.test(name)]
  ])('produces %s', (_, test) => {
    expect(share(test)).toBeGreaterThan(0.005)
  })

  it('produces mostly ASCII names, as most sources send', () => {
    expect(share((name) => /^[\x20-\x7E]+$/.test(name))).toBeGreaterThan(0.6)
  })
})
