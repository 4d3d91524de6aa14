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
  stringType,
  union,
  type Type
} from './types.js'

/** What an argument must be; `scalar` accepts strings, numbers and booleans (converted to text). */
export type ParamKind = 'any' | 'string' | 'scalar' | 'datetime'

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
  replace: textOf('every occurrence of a literal pattern replaced', [
    { name: 'value', kind: 'scalar' },
    { name: 'pattern', kind: 'string' },
    { name: 'replacement', kind: 'string' }
  ]),
  to_json: { params: [{ name: 'value', kind: 'any' }], summary: 'JSON text', result: (args) => passAbsence(args, stringType) },
  from_json: { params: [{ name: 'text', kind: 'string' }], summary: 'parsed JSON (absent when not JSON)', result: () => union(anyType, absentType) },
  string: textOf('a scalar as text'),
  number: {
    params: [{ name: 'value', kind: 'scalar' }],
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
        return kind !== 'datetime' || m.format === undefined || m.format === 'date-time' || m.format === 'date' || m.value !== undefined
      case 'number':
        return kind === 'any' || kind === 'scalar' || kind === 'datetime'
      case 'boolean':
        return kind === 'any' || kind === 'scalar'
      case 'datetime':
        return kind === 'any' || kind === 'datetime' || kind === 'scalar'
      default:
        return kind === 'any'
    }
  }
  return t.kind === 'union' ? t.types.every(check) : check(t)
}

export { datetimeType }
