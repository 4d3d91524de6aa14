/**
 * `{"@flatten": {"value": m, "separator": ".", "omitArrays": false}}`: a nested object as one
 * level of joined keys (see flatten-object.ts). The separator may come from a directive, in
 * which case it must resolve to a string for each event.
 */
import { booleanOption, isFalsyLiteral, optionValue, readOptions, requireOption, resolvedString, stringOrDirective } from '../directive-options.js'
import { flattenObject } from '../flatten-object.js'
import type { DirectiveCompiler } from '../resolver.js'

export const compileFlattenDirective: DirectiveCompiler = (options, site, compile) => {
  const opts = readOptions(options, site, ['value', 'separator', 'omitArrays'])
  const separatorMapping = requireOption(opts, 'separator', site)
  // Segment fails every event for an empty separator: it tests the option for truthiness.
  if (isFalsyLiteral(separatorMapping)) throw site.child('separator').error('must not be empty')
  const separator = stringOrDirective(separatorMapping, site.child('separator'), compile)
  const omitArrays = booleanOption(opts, 'omitArrays', site, false)
  const valueMapping = optionValue(opts, 'value')
  // As Segment: without a value the result is `{}`.
  const value = valueMapping === undefined ? () => undefined : compile(valueMapping, site.child('value'))

  if (separator.kind === 'string') {
    const text = separator.value
    return (payload) => flattenObject(value(payload), text, omitArrays)
  }
  const separatorSite = site.child('separator')
  return (payload) => flattenObject(value(payload), resolvedString(separator.resolve, payload, separatorSite), omitArrays)
}
