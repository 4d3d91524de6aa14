import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isoDateArbitrary, isoDateTimeArbitrary, timestampArbitrary } from '../../src/testing/index.js'
import { formatDateTime } from '../../src/testing/timestamps.js'
import { createAjv, isValid } from '../schemas/segment/segment-ajv.js'

const ajv = createAjv()
const dateTime = ajv.compile({ type: 'string', format: 'date-time' })
const date = ajv.compile({ type: 'string', format: 'date' })

describe('formatDateTime', () => {
  it('writes an instant in a zone, to a precision', () => {
    const instant = Date.UTC(2024, 4, 24, 10, 0, 0, 123)
    expect(formatDateTime(instant, 0, 'milliseconds')).toBe('2024-05-24T10:00:00.123Z')
    expect(formatDateTime(instant, 120, 'seconds')).toBe('2024-05-24T12:00:00+02:00')
    expect(formatDateTime(instant, -210, 'microseconds', 7)).toBe('2024-05-24T06:30:00.123007-03:30')
    expect(formatDateTime(Date.UTC(1970, 0, 1), -600, 'seconds')).toBe('1969-12-31T14:00:00-10:00')
  })
})

describe('isoDateTimeArbitrary', () => {
  it('produces RFC 3339 date-times that name the same instant Date reads', () => {
    fc.assert(
      fc.property(isoDateTimeArbitrary(), (text) => {
        expect(isValid(dateTime, text)).toBe(true)
        expect(Number.isNaN(Date.parse(text))).toBe(false)
      }),
      { seed: 3, numRuns: 1000 }
    )
  })

  it('uses UTC most of the time and other zones and precisions too', () => {
    const texts = fc.sample(isoDateTimeArbitrary(), { seed: 3, numRuns: 1000 })
    const utc = texts.filter((text) => text.endsWith('Z')).length
    expect(utc).toBeGreaterThan(600)
    expect(utc).toBeLessThan(950)
    expect(texts.some((text) => /T\d\d:\d\d:\d\d[+-]/.test(text))).toBe(true)
    expect(texts.some((text) => /\.\d{6}/.test(text))).toBe(true)
  })
})

describe('isoDateArbitrary', () => {
  it('produces calendar dates', () => {
    fc.assert(
      fc.property(isoDateArbitrary(), (text) => {
        expect(isValid(date, text)).toBe(true)
      }),
      { seed: 3, numRuns: 500 }
    )
  })
})

type Kind =
  | 'RFC 3339'
  | 'date only'
  | 'zone-less'
  | 'epoch seconds'
  | 'epoch milliseconds'
  | 'epoch string'
  | 'HTTP date'
  | 'malformed'

function kindOf(value: string | number): Kind {
  if (typeof value === 'number') return value > 1e11 ? 'epoch milliseconds' : 'epoch seconds'
  if (isValid(dateTime, value)) return 'RFC 3339'
  if (isValid(date, value)) return 'date only'
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/.test(value)) return 'zone-less'
  if (/^\d+$/.test(value)) return 'epoch string'
  if (/^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$/.test(value)) return 'HTTP date'
  return 'malformed'
}

describe('timestampArbitrary', () => {
  it('mixes valid date-times with every other shape sources send', () => {
    const counts = new Map<Kind, number>()
    for (const value of fc.sample(timestampArbitrary(), { seed: 8, numRuns: 2000 }))
      counts.set(kindOf(value), (counts.get(kindOf(value)) ?? 0) + 1)
    expect((counts.get('RFC 3339') ?? 0) / 2000).toBeGreaterThan(0.3)
    for (const kind of [
      'date only',
      'zone-less',
      'epoch seconds',
      'epoch milliseconds',
      'epoch string',
      'HTTP date',
      'malformed'
    ] as const) {
      expect(counts.get(kind) ?? 0, kind).toBeGreaterThan(40)
    }
  })

  it('produces malformed strings that no date-time check accepts', () => {
    const malformed = fc
      .sample(timestampArbitrary(), { seed: 8, numRuns: 2000 })
      .filter((value) => kindOf(value) === 'malformed')
    expect(new Set(malformed)).toContain('31/12/2024 25:61')
    expect(new Set(malformed)).toContain('2024-02-30T00:00:00Z')
    expect(malformed.every((value) => !isValid(dateTime, value))).toBe(true)
  })
})
