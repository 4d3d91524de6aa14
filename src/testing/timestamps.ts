/**
 * Timestamps: RFC 3339 date-times for valid events, and the mixture real sources send to a
 * datetime field (dates alone, zone-less times, epoch numbers, garbage).
 */
import fc from 'fast-check'
import { once } from './memo.js'

const earliest = Date.UTC(1970, 0, 1)
const latest = Date.UTC(2099, 11, 31, 23, 59, 59, 999)
// Most events happened recently; the full range is there for the edges (the epoch, 2099).
const recentStart = Date.UTC(2015, 0, 1)
const recentEnd = Date.UTC(2030, 11, 31, 23, 59, 59, 999)

/** Zone offsets in use somewhere, in minutes; UTC is by far the most common in events. */
const offsets = [-600, -480, -420, -300, -240, -210, 60, 120, 180, 330, 345, 480, 540, 570, 720, 780, 840]

/** How finely a date-time writes its seconds. */
export type Precision = 'seconds' | 'milliseconds' | 'microseconds'

function formatOffset(minutes: number): string {
  if (minutes === 0) return 'Z'
  const sign = minutes < 0 ? '-' : '+'
  const absolute = Math.abs(minutes)
  return `${sign}${String(Math.floor(absolute / 60)).padStart(2, '0')}:${String(absolute % 60).padStart(2, '0')}`
}

/**
 * `2024-05-24T12:00:00.000+02:00`: an instant written in a zone, to a precision. Microseconds
 * come on top of the instant's milliseconds, as a clock with finer resolution would add them.
 */
export function formatDateTime(epochMs: number, offsetMinutes: number, precision: Precision, microseconds = 0): string {
  const local = new Date(epochMs + offsetMinutes * 60_000).toISOString() // YYYY-MM-DDTHH:MM:SS.sssZ
  const seconds = local.slice(0, 19)
  const milliseconds = local.slice(19, 23)
  const fraction =
    precision === 'seconds'
      ? ''
      : precision === 'milliseconds'
        ? milliseconds
        : milliseconds + String(microseconds).padStart(3, '0')
  return `${seconds}${fraction}${formatOffset(offsetMinutes)}`
}

const instantArbitrary = once(() =>
  fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: recentStart, max: recentEnd }) },
    { weight: 1, arbitrary: fc.integer({ min: earliest, max: latest }) }
  )
)

/** RFC 3339 date-times (JSON Schema's `date-time`), in UTC mostly and in other zones sometimes. */
export const isoDateTimeArbitrary: () => fc.Arbitrary<string> = once(() => {
  return fc
    .record({
      instant: instantArbitrary(),
      offset: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(...offsets) }),
      precision: fc.constantFrom<Precision>('milliseconds', 'seconds', 'microseconds'),
      microseconds: fc.integer({ min: 0, max: 999 })
    })
    .map(({ instant, offset, precision, microseconds }) => formatDateTime(instant, offset, precision, microseconds))
})

/** Calendar dates (JSON Schema's `date`): `2024-05-24`. */
export const isoDateArbitrary: () => fc.Arbitrary<string> = once(() => {
  return instantArbitrary().map((instant) => new Date(instant).toISOString().slice(0, 10))
})

/** Strings no reasonable date parser accepts as the instant they seem to name. */
const malformedTimestamps = [
  'not-a-date',
  'yesterday-ish',
  '31/12/2024 25:61',
  '2024-13-45T25:61:61Z',
  '2024-02-30T00:00:00Z',
  '2024-05-24T10:00:00+25:00',
  '0000-00-00T00:00:00Z',
  '２０２４-０５-２４',
  'NaN',
  '',
  ' '
]

/**
 * What a datetime field receives from real sources: RFC 3339 date-times most of the time, and
 * also dates alone, zone-less date-times, epoch seconds and milliseconds (as numbers and as
 * strings), HTTP dates and malformed strings.
 */
export const timestampArbitrary: () => fc.Arbitrary<string | number> = once(() => {
  const instant = instantArbitrary()
  return fc.oneof(
    { weight: 6, arbitrary: isoDateTimeArbitrary() },
    { weight: 1, arbitrary: isoDateArbitrary() },
    { weight: 1, arbitrary: instant.map((ms) => new Date(ms).toISOString().slice(0, 19)) },
    { weight: 1, arbitrary: instant.map((ms) => Math.floor(ms / 1000)) },
    { weight: 1, arbitrary: instant },
    { weight: 1, arbitrary: instant.map((ms) => String(Math.floor(ms / 1000))) },
    { weight: 1, arbitrary: instant.map((ms) => new Date(ms).toUTCString()) },
    { weight: 2, arbitrary: fc.constantFrom(...malformedTimestamps) }
  )
})
