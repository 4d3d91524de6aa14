/** The run-time built-in functions: each one's behaviour, and absence flowing through. */
import fc from 'fast-check'
import snakeCase from 'lodash/snakeCase.js'
import { describe, expect, it } from 'vitest'
import { builtins } from '../../../src/runtime/lib/builtins.js'

describe('snake_case', () => {
  it.each([
    ['Order Completed', 'order_completed'],
    ['OrderCompleted', 'order_completed'],
    ['Step2Completed', 'step_2_completed'],
    ['Ünïcödé Évent', 'unicode_event'],
    ['🎉 Party Started', '🎉_party_started'],
    ['!!!', ''],
    [42, '42']
  ])('%j → %j', (input, output) => {
    expect(builtins.snake_case(input)).toBe(output)
  })

  it('is lodash snakeCase for any text, repeated or not (the cache never answers for another text)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 12 }), { minLength: 1, maxLength: 40 }), (names) => {
        for (const name of [...names, ...names]) expect(builtins.snake_case(name)).toBe(snakeCase(name))
      }),
      { numRuns: 300 }
    )
  })

  it('keeps working past its cache size', () => {
    for (let i = 0; i < 3000; i++) expect(builtins.snake_case(`Event Number${i}`)).toBe(`event_number_${i}`)
    expect(builtins.snake_case('Event Number7')).toBe('event_number_7')
  })

  it('is absent for what is not text', () => {
    expect(builtins.snake_case(undefined)).toBeUndefined()
    expect(builtins.snake_case(null)).toBeUndefined()
    expect(builtins.snake_case({ a: 1 })).toBeUndefined()
  })
})

describe('the other built-ins', () => {
  it('test presence', () => {
    expect([builtins.exists(0), builtins.exists(''), builtins.exists(null), builtins.exists(undefined)]).toEqual([true, true, false, false])
    expect([builtins.blank(0), builtins.blank(''), builtins.blank(null), builtins.blank(undefined)]).toEqual([false, true, true, true])
  })

  it('change case and whitespace of scalars', () => {
    expect([builtins.lower('AbC'), builtins.upper('AbC'), builtins.trim('  a b ')]).toEqual(['abc', 'ABC', 'a b'])
    expect([builtins.lower(true), builtins.upper(undefined)]).toEqual(['true', undefined])
  })

  it('replace literal patterns only', () => {
    expect(builtins.replace('a.b.c', '.', '-')).toBe('a-b-c')
    expect(builtins.replace('a+b', '+', '')).toBe('ab')
    expect(builtins.replace('abc', '', 'x')).toBe('abc')
  })

  it('convert datetimes, JSON and numbers, absent when they cannot', () => {
    expect(builtins.iso_datetime('2024-05-24')).toBe('2024-05-24T00:00:00.000Z')
    expect(builtins.iso_datetime('yesterday')).toBeUndefined()
    expect(builtins.to_json({ a: [1] })).toBe('{"a":[1]}')
    expect(builtins.from_json('{"a":1}')).toEqual({ a: 1 })
    expect(builtins.from_json('{oops')).toBeUndefined()
    expect([builtins.number('12.5'), builtins.number(' '), builtins.number('x'), builtins.number(3)]).toEqual([12.5, undefined, undefined, 3])
    expect([builtins.string(12), builtins.string({})]).toEqual(['12', undefined])
  })
})
