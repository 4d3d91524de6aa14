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

describe('datetimes in the units APIs want', () => {
  it.each([
    ['2024-05-24T10:00:00Z', 1716544800, 1716544800000],
    ['2024-05-24T10:00:00.999Z', 1716544800, 1716544800999],
    ['2024-05-24T12:00:00+02:00', 1716544800, 1716544800000],
    ['2024-05-24', 1716508800, 1716508800000],
    [1716544800123, 1716544800, 1716544800123],
    // Before 1970 a Unix timestamp rounds towards the past, as `date +%s` does.
    ['1969-12-31T23:59:59.500Z', -1, -500]
  ])('%j is %j seconds and %j milliseconds', (input, seconds, millis) => {
    expect(builtins.unix_seconds(input)).toBe(seconds)
    expect(builtins.unix_millis(input)).toBe(millis)
  })

  it('is absent for what is no datetime, never NaN', () => {
    for (const input of [undefined, null, 'not a date', '1716544800', true, {}, Number.NaN]) {
      expect(builtins.unix_seconds(input)).toBeUndefined()
      expect(builtins.unix_millis(input)).toBeUndefined()
      expect(builtins.iso_date(input)).toBeUndefined()
    }
  })

  it('writes the UTC calendar date', () => {
    expect(builtins.iso_date('2024-05-24T23:30:00-02:00')).toBe('2024-05-25')
    expect(builtins.iso_date(0)).toBe('1970-01-01')
  })

  it.each([
    ['+05:30', '2024-05-24T15:30:00.000+05:30'],
    ['-08:00', '2024-05-24T02:00:00.000-08:00'],
    ['Z', '2024-05-24T10:00:00.000Z'],
    ['+00:00', '2024-05-24T10:00:00.000Z']
  ])('writes the instant at offset %s', (offset, text) => {
    expect(builtins.iso_datetime_at('2024-05-24T10:00:00Z', offset)).toBe(text)
    expect(Date.parse(text)).toBe(Date.parse('2024-05-24T10:00:00Z'))
  })

  it('refuses offsets that are no offset (a named zone, beyond ±18:00, no colon)', () => {
    for (const offset of ['Europe/Paris', '+19:00', '+0530', '05:30', '', undefined, 5]) {
      expect(builtins.iso_datetime_at('2024-05-24T10:00:00Z', offset)).toBeUndefined()
    }
  })

  it('keeps the instant for any datetime and offset', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('0100-01-01T00:00:00Z'), max: new Date('9998-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: -18 * 60, max: 18 * 60 }),
        (date, minutes) => {
          const abs = Math.abs(minutes)
          const offset = `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
          const text = builtins.iso_datetime_at(date.toISOString(), offset)
          expect(text).toBeDefined()
          expect(builtins.unix_millis(text)).toBe(date.getTime())
        }
      ),
      { numRuns: 300, seed: 7 }
    )
  })
})

describe('base64 and base64url', () => {
  it('encode the UTF-8 bytes of the text', () => {
    expect(builtins.base64('site:key')).toBe('c2l0ZTprZXk=')
    expect(builtins.base64('é')).toBe('w6k=')
    expect(builtins.base64url('\u00ff\u00fe?')).toBe('w7_Dvj8')
    expect(builtins.base64(42)).toBe('NDI=')
  })

  it('are absent for what is not text', () => {
    for (const input of [undefined, null, {}, []]) {
      expect(builtins.base64(input)).toBeUndefined()
      expect(builtins.base64url(input)).toBeUndefined()
    }
  })

  it('round-trip any text without lone surrogates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(Buffer.from(builtins.base64(text) ?? '', 'base64').toString('utf8')).toBe(text)
        expect(Buffer.from(builtins.base64url(text) ?? '', 'base64url').toString('utf8')).toBe(text)
        expect(builtins.base64url(text)).not.toMatch(/[+/=]/)
      }),
      { numRuns: 200, seed: 11 }
    )
  })
})

describe('matches', () => {
  it('tests the text against the pattern in unicode mode, as JSON Schema reads a pattern', () => {
    expect(builtins.matches('order_completed', '^[A-Za-z0-9_-]+$')).toBe(true)
    expect(builtins.matches('🚀_launch', '^[A-Za-z0-9_-]+$')).toBe(false)
    expect(builtins.matches('🚀', '^.$')).toBe(true)
    expect(builtins.matches(42, '^\\d+$')).toBe(true)
    expect(builtins.matches('abc', 'b')).toBe(true)
  })

  it('is absent for an absent, null or non-scalar value, or a pattern that is not text', () => {
    expect([undefined, null, {}, []].map((v) => builtins.matches(v, '.'))).toEqual([undefined, undefined, undefined, undefined])
    expect(builtins.matches('x', undefined)).toBeUndefined()
  })

  it('throws for a pattern that is not a regular expression, rather than matching nothing', () => {
    expect(() => builtins.matches('x', '(')).toThrow(SyntaxError)
  })
})
