/**
 * fast-check arbitraries for testing code that handles Segment events: mapc's own tests,
 * `mapc test`, and users' tests of their destinations.
 */

/** Segment events of some or all call types, derived from the Spec's schemas; optionally adversarial. */
export { eventArbitrary, type EventArbitraryOptions } from './event-arbitrary.js'
/** Values for any resolved JSON Schema (mapc's subset), valid or adversarial. */
export { arbitraryFromSchema, type SchemaArbitraryOptions } from './schema-arbitrary.js'
/** What a datetime field receives: RFC 3339 date-times, dates, zone-less times, epoch numbers, garbage. */
export { timestampArbitrary } from './timestamps.js'
/** RFC 3339 date-times, always valid for JSON Schema's `date-time` format. */
export { isoDateTimeArbitrary } from './timestamps.js'
/** Calendar dates, always valid for JSON Schema's `date` format. */
export { isoDateArbitrary } from './timestamps.js'
/** Track event names: ASCII words in every casing and punctuation, unicode, punctuation only. */
export { eventNameArbitrary } from './event-names.js'
/** Strings valid for a JSON Schema `format` (email, uri, hostname, uuid, date, date-time, ipv4, ipv6). */
export { formatArbitrary, supportedFormats } from './formats.js'
/** Keys that break naive code: `__proto__`, `constructor`, `toString`, dotted and spaced paths. */
export { hostileKeyArbitrary, prototypeKeys } from './adversarial.js'
/** Strings that break naive code: emoji and other awkward unicode, empty, 10k+ characters, lone surrogates. */
export { adversarialStringArbitrary } from './adversarial.js'
/** Any JSON value a few levels deep, built as JSON.parse builds it. */
export { jsonValueArbitrary } from './json-value.js'
/** `mapc test` as a library: the four properties of every action of compiled destinations. */
export { runPropertyTests, formatPropertyResult, formatSummary, type PropertyTestOptions, type PropertyTestReport } from './property/index.js'
