/**
 * `{"@case": {"operator": "lower" | "upper", "value": m}}`: a string in lower or upper case;
 * a value that is not a string passes through unchanged, and a missing or empty value gives
 * absent, as in Segment.
 */
import { describeKind } from '../json-value.js'
import { optionValue, readOptions, requireOption, stringOrDirective } from '../directive-options.js'
import type { DirectiveCompiler } from '../resolver.js'

const CASES = {
  lower: (text: string) => text.toLowerCase(),
  upper: (text: string) => text.toUpperCase()
}

export const compileCaseDirective: DirectiveCompiler = (options, site, compile) => {
  const opts = readOptions(options, site, ['operator', 'value'])
  const operator = requireOption(opts, 'operator', site)
  // Segment fails every event without an operator, and each event whose value is a string with
  // an unknown one: refused here, before the first event (a documented deviation).
  if (operator !== 'lower' && operator !== 'upper') {
    throw site.child('operator').error(`must be "lower" or "upper", not ${typeof operator === 'string' ? JSON.stringify(operator) : describeKind(operator)}`)
  }
  const convert = CASES[operator]
  const valueMapping = optionValue(opts, 'value')
  if (valueMapping === undefined) return () => undefined
  const value = stringOrDirective(valueMapping, site.child('value'), compile)
  if (value.kind === 'string') {
    // Segment tests the option for truthiness: an empty text resolves nothing.
    const converted = value.value === '' ? undefined : convert(value.value)
    return () => converted
  }
  const { resolve } = value
  return (payload) => {
    const resolved = resolve(payload)
    return typeof resolved === 'string' ? convert(resolved) : resolved
  }
}
