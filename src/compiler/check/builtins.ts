/**
 * Compile-time signatures of the built-in functions. Their run-time half is
 * src/runtime/lib/builtins.ts; test/check/builtins.test.ts keeps both in step.
 */
import type { BuiltinName } from '../../runtime/lib/builtins.js'
import {
  absentType,
  anyType,
  booleanType,
  canBeNullish,
  datetimeType,
  mayBeAbsent,
  members,
  numberType,
  integerType,
  stringType,
  union,
  type Type
} from './types.js'

/**
 * What an argument must be; `scalar` accepts strings, numbers and booleans (converted to text);
 * `numeric` is a scalar that is not a datetime: `number(<datetime>)` would read an ISO text as no
 * number and epoch milliseconds as milliseconds, which is never what a Unix timestamp means.
 */
export type ParamKind = 'any' | 'string' | 'scalar' | 'numeric' | 'datetime'

export interface BuiltinSignature {
  params: { name: string; kind: ParamKind }[]
  /** The result type, given the argument types (absence flows through). */
  result: (args: readonly Type[]) => Type
  summary: string
}

const passAbsence = (args: readonly Type[], t: Type): Type =>
  args.some((a) => mayBeAbsent(a)) ? union(t, absentType) : t

/** The text and datetime functions also turn a null value into absent (Segment traits may be null). */
const passNullish = (args: readonly Type[], t: Type): Type =>
  args.some((a) => canBeNullish(a)) ? union(t, absentType) : t

const textOf =
  (summary: string, params: BuiltinSignature['params'] = [{ name: 'value', kind: 'scalar' }]): BuiltinSignature => ({
    params,
    summary,
    result: (args) => passNullish(args.slice(0, 1), stringType)
  })

export const builtinSignatures: Record<BuiltinName, BuiltinSignature> = {
  exists: { params: [{ name: 'value', kind: 'any' }], summary: 'the value is neither absent nor null', result: () => booleanType },
  blank: { params: [{ name: 'value', kind: 'any' }], summary: 'the value is absent, null or ""', result: () => booleanType },
  snake_case: textOf('lodash snakeCase: words joined with `_`, lower case'),
  lower: textOf('lower case'),
  upper: textOf('upper case'),
  trim: textOf('without leading and trailing whitespace'),
  iso_datetime: {
    params: [{ name: 'value', kind: 'datetime' }],
    summary: 'the datetime as YYYY-MM-DDTHH:MM:SS.sssZ',
    // Only a validated datetime field is sure to parse; any other text may not be a date.
    result: (args) =>
      args.every((a) => members(a).every((m) => m.kind === 'datetime'))
        ? { kind: 'string', format: 'date-time' }
        : union({ kind: 'string', format: 'date-time' }, absentType)
  },
  iso_datetime_at: {
    params: [
      { name: 'value', kind: 'datetime' },
      { name: 'offset', kind: 'string' }
    ],
    summary: 'the datetime as YYYY-MM-DDTHH:MM:SS.sss±HH:MM at a fixed offset such as "+05:30"',
    // The offset text may be no offset, and the value may be no date: either makes it absent.
    result: () => union({ kind: 'string', format: 'date-time' }, absentType)
  },
  iso_date: {
    params: [{ name: 'value', kind: 'datetime' }],
    summary: 'the calendar date of the datetime in UTC, YYYY-MM-DD',
    result: (args) =>
      args.every((a) => members(a).every((m) => m.kind === 'datetime'))
        ? { kind: 'string', format: 'date' }
        : union({ kind: 'string', format: 'date' }, absentType)
  },
  unix_seconds: {
    params: [{ name: 'value', kind: 'datetime' }],
    summary: 'whole seconds since 1970-01-01T00:00:00Z (a Unix timestamp)',
    result: (args) => (args.every((a) => members(a).every((m) => m.kind === 'datetime')) ? integerType : union(integerType, absentType))
  },
  unix_millis: {
    params: [{ name: 'value', kind: 'datetime' }],
    summary: 'milliseconds since 1970-01-01T00:00:00Z',
    result: (args) => (args.every((a) => members(a).every((m) => m.kind === 'datetime')) ? integerType : union(integerType, absentType))
  },
  base64: textOf('standard base64 (padded) of the UTF-8 text, as HTTP Basic credentials are written'),
  base64url: textOf('URL-safe base64 (unpadded) of the UTF-8 text'),
  replace: textOf('every occurrence of a literal pattern replaced', [
    { name: 'value', kind: 'scalar' },
    { name: 'pattern', kind: 'string' },
    { name: 'replacement', kind: 'string' }
  ]),
  matches: {
    params: [
      { name: 'value', kind: 'scalar' },
      { name: 'pattern', kind: 'string' }
    ],
    summary: 'the text matches the regular expression (unicode mode), e.g. an API schema\'s `pattern`',
    result: (args) => passNullish(args, booleanType)
  },
  to_json: { params: [{ name: 'value', kind: 'any' }], summary: 'JSON text', result: (args) => passAbsence(args, stringType) },
  from_json: { params: [{ name: 'text', kind: 'string' }], summary: 'parsed JSON (absent when not JSON)', result: () => union(anyType, absentType) },
  string: textOf('a scalar as text'),
  number: {
    params: [{ name: 'value', kind: 'numeric' }],
    summary: 'a number, or a numeric string as a number',
    result: () => union(numberType, absentType)
  }
}

export function isBuiltin(name: string): name is BuiltinName {
  return Object.prototype.hasOwnProperty.call(builtinSignatures, name)
}

/** Does a value of type `t` fit a parameter kind? Unknown (`any`) always fits. */
export function fitsParam(kind: ParamKind, t: Type): boolean {
  const check = (m: Type): boolean => {
    switch (m.kind) {
      case 'any':
      case 'absent':
      case 'never':
        return true
      case 'null':
        // The value functions read null as absent; parameters that must be text (a replace
        // pattern, from_json's input) still refuse it.
        return kind !== 'string'
      case 'string':
        if (kind === 'numeric') return m.format !== 'date-time' && m.format !== 'date'
        return kind !== 'datetime' || m.format === undefined || m.format === 'date-time' || m.format === 'date' || m.value !== undefined
      case 'number':
        return kind === 'any' || kind === 'scalar' || kind === 'numeric' || kind === 'datetime'
      case 'boolean':
        return kind === 'any' || kind === 'scalar' || kind === 'numeric'
      case 'datetime':
        return kind === 'any' || kind === 'datetime' || kind === 'scalar'
      default:
        return kind === 'any'
    }
  }
  return t.kind === 'union' ? t.types.every(check) : check(t)
}

export { datetimeType }
