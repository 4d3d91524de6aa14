/**
 * Datetimes as Segment payloads carry them: ISO-8601 strings (with or without a zone, with or
 * without a time) or epoch milliseconds.
 *
 * The reference implementation accepted any string dayjs could parse and then crashed converting
 * some of them (`new Date("1716544800")` is an Invalid Date). mapc accepts exactly the forms it can
 * convert, so a payload either validates and converts, or fails validation with the field named.
 * A time without a zone designator is read as UTC, whatever the machine's time zone.
 */

// YYYY-MM-DD, optionally followed by T or space, HH:MM, optional :SS, optional fraction, optional zone.
const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/

// Epoch milliseconds of 0000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z: beyond them an
// ISO-8601 text needs an extended year (`+010000-…`), which RFC 3339 APIs refuse.
export const FIRST_EPOCH_MILLI = -62167219200000
export const LAST_EPOCH_MILLI = 253402300799999

// Delivering an event parses its timestamp twice (validation, then conversion): remember the last one.
let lastText: string | undefined
let lastMillis: number | undefined

/** Epoch milliseconds of a date-like value, or undefined when it is not one. */
export function parseDateLike(value: unknown): number | undefined {
  if (typeof value === 'number') return value >= FIRST_EPOCH_MILLI && value <= LAST_EPOCH_MILLI ? value : undefined
  if (typeof value !== 'string') return undefined
  if (value === lastText) return lastMillis
  lastMillis = parseIsoText(value)
  lastText = value
  return lastMillis
}

function parseIsoText(value: string): number | undefined {
  const match = ISO_PATTERN.exec(value.trim())
  if (!match) return undefined
  const [, y, mo, d, h, mi, s, fraction, zone] = match
  const year = Number(y)
  const month = Number(mo)
  const day = Number(d)
  const hour = h === undefined ? 0 : Number(h)
  const minute = mi === undefined ? 0 : Number(mi)
  const second = s === undefined ? 0 : Number(s)
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined
  if (hour > 23 || minute > 59 || second > 59) return undefined
  const offset = zoneOffsetMinutes(zone)
  if (Math.abs(offset) > 18 * 60) return undefined
  const millis = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000)
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis)
  // Date.UTC maps years 0-99 to 1900-1999; four-digit years below 100 are rare but must stay put.
  const fixedYear = year < 100 ? new Date(utc).setUTCFullYear(year) : utc
  return fixedYear - offset * 60_000
}

export function isDateLike(value: unknown): boolean {
  return parseDateLike(value) !== undefined
}

/** `YYYY-MM-DDTHH:MM:SS.sssZ`, or undefined when the value is not date-like. */
export function toIsoDatetime(value: unknown): string | undefined {
  const millis = parseDateLike(value)
  if (millis === undefined) return undefined
  const date = new Date(millis)
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString()
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0)
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

function zoneOffsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z' || zone === 'z') return 0
  const sign = zone.startsWith('-') ? -1 : 1
  const digits = zone.slice(1).replace(':', '')
  const hours = Number(digits.slice(0, 2))
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0
  return sign * (hours * 60 + minutes)
}

/** `YYYY-MM-DD` of the instant in UTC, or undefined when the value is not date-like. */
export function toIsoDate(value: unknown): string | undefined {
  return toIsoDatetime(value)?.slice(0, 10)
}

// `Z`, or `+HH:MM`/`-HH:MM` within ±18:00 (ISO-8601's and RFC 3339's numeric offsets).
const OFFSET_PATTERN = /^(?:Z|([+-])(\d{2}):(\d{2}))$/

/** Minutes east of UTC for an offset text such as `+05:30`, or undefined when it is not one. */
export function parseOffset(offset: unknown): number | undefined {
  if (typeof offset !== 'string') return undefined
  const match = OFFSET_PATTERN.exec(offset)
  if (!match) return undefined
  if (match[1] === undefined) return 0
  const hours = Number(match[2])
  const minutes = Number(match[3])
  if (hours > 18 || minutes > 59 || hours * 60 + minutes > 18 * 60) return undefined
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes)
}

/**
 * `YYYY-MM-DDTHH:MM:SS.sss+HH:MM`: the same instant written as local time at a fixed offset. A
 * named zone (`Europe/Paris`) is not accepted: its offset changes with the date, and a mapping
 * that silently follows a machine's zone database is not reproducible.
 */
export function toIsoDatetimeAt(value: unknown, offset: unknown): string | undefined {
  const millis = parseDateLike(value)
  const minutes = parseOffset(offset)
  if (millis === undefined || minutes === undefined) return undefined
  const shifted = new Date(millis + minutes * 60_000)
  if (Number.isNaN(shifted.getTime())) return undefined
  const local = shifted.toISOString().slice(0, 23)
  if (minutes === 0) return `${local}Z`
  const abs = Math.abs(minutes)
  const sign = minutes < 0 ? '-' : '+'
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}
