import { describe, expect, it } from 'vitest'
import { isDateLike, parseDateLike, toIsoDatetime } from '../../../src/runtime/lib/datetime.js'

describe('date-like values', () => {
  it.each([
    ['2024-05-24T09:59:59.000Z', '2024-05-24T09:59:59.000Z'],
    ['2024-05-24T10:00:00Z', '2024-05-24T10:00:00.000Z'],
    ['2024-05-24T12:00:00+02:00', '2024-05-24T10:00:00.000Z'],
    ['2024-05-24T08:30:00-04:00', '2024-05-24T12:30:00.000Z'],
    ['2024-05-24T08:30:00-0400', '2024-05-24T12:30:00.000Z'],
    // A time without a zone designator is UTC, whatever TZ the process runs in.
    ['2024-05-24T10:00:00', '2024-05-24T10:00:00.000Z'],
    ['2024-05-24', '2024-05-24T00:00:00.000Z'],
    ['2023-09-28 04:39:17.000', '2023-09-28T04:39:17.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['2024-05-24T10:00:00.123456789Z', '2024-05-24T10:00:00.123Z'],
    [1716544800123, '2024-05-24T10:00:00.123Z'],
    [253402300799999, '9999-12-31T23:59:59.999Z'],
    [-62167219200000, '0000-01-01T00:00:00.000Z']
  ])('%j converts to %s', (input, iso) => {
    expect(isDateLike(input)).toBe(true)
    expect(toIsoDatetime(input)).toBe(iso)
  })

  it.each([
    // Unix seconds as a string: the reference accepted it and then crashed in new Date().
    '1716544800',
    '1716544800123',
    '31/12/2024 25:61',
    'not-a-date',
    'yesterday-ish',
    '',
    '2024-13-01',
    '2023-02-29',
    '2024-04-31',
    '2024-05-24T24:00:00Z',
    '2024-05-24T10:60:00Z',
    '2024-05-24T10:00:00+25',
    '2024-05-24Z'
  ])('%j is not date-like', (input) => {
    expect(isDateLike(input)).toBe(false)
    expect(toIsoDatetime(input)).toBeUndefined()
  })

  it.each([[null], [undefined], [true], [{}], [[]], [Number.NaN], [Number.POSITIVE_INFINITY], [9e15], [1e21], [253402300800000], [-62167219200001]])(
    '%j is not date-like',
    (input) => {
      expect(parseDateLike(input)).toBeUndefined()
    }
  )
})

describe('the last-parsed cache', () => {
  it('never answers for a different text', () => {
    expect(parseDateLike('2024-05-24')).toBe(Date.UTC(2024, 4, 24))
    expect(parseDateLike('not-a-date')).toBeUndefined()
    expect(parseDateLike('2024-05-24')).toBe(Date.UTC(2024, 4, 24))
    expect(parseDateLike('2024-05-25')).toBe(Date.UTC(2024, 4, 25))
  })
})
