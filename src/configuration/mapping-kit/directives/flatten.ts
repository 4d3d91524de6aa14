/**
 * `{"@flatten": {"value": m, "separator": ".", "omitArrays": false}}`: a nested object as one
 * level of joined keys (see flatten-object.ts).
 *
 * As Segment: `value` is required (it may resolve to absent, which gives `{}`), `separator` is a
 * non-empty string (Segment's validation refuses a directive there, and it fails every event
 * without one), and `omitArrays` counts by its truthiness.
 */
import { describeKind } from '../json-value.js'
import { optionValue, readOptions, requireOption } from '../directive-options.js'
import { flattenObject } from '../flatten-object.js'
import type { DirectiveCompiler } from '../resolver.js'

export const compileFlattenDirective: DirectiveCompiler = (options, site, compile) => {
  const opts = readOptions(options, site, ['value', 'separator', 'omitArrays'])
  const separator = requireOption(opts, 'separator', site)
  if (typeof separator !== 'string') throw site.child('separator').error(`must be a string, not ${describeKind(separator)}`)
  if (separator === '') throw site.child('separator').error('must not be empty')
  const omitArrays = Boolean(optionValue(opts, 'omitArrays'))
  const value = compile(requireOption(opts, 'value', site), site.child('value'))
  return (payload) => flattenObject(value(payload), separator, omitArrays)
}
