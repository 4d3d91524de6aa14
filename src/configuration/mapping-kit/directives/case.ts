/**
 * `{"@case": {"operator": "lower" | "upper", "value": m}}`: a string in lower or upper case;
 * a value that is not a string passes through unchanged, as in Segment.
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
  if (operator !== 'lower' && operator !== 'upper') {
    throw site.child('operator').error(`must be "lower" or "upper", not ${typeof operator === 'string' ? JSON.stringify(operator) : describeKind(operator)}`)
  }
  const convert = CASES[operator]
  // Segment resolves nothing for a missing or empty value; such a mapping never has a value.
  if (optionValue(opts, 'value') === '') throw site.child('value').error('is empty, so the result would always be absent')
  const value = stringOrDirective(requireOption(opts, 'value', site), site.child('value'), compile)
  if (value.kind === 'string') {
    const converted = convert(value.value)
    return () => converted
  }
  const { resolve } = value
  return (payload) => {
    const resolved = resolve(payload)
    return typeof resolved === 'string' ? convert(resolved) : resolved
  }
}
