/**
 * `{"@replace": {"pattern": "-", "replacement": "_", "value": m}}`: text replacement, as Segment.
 *
 * - `pattern` (1–10 characters) is literal text, not a regular expression; `replacement` (at most
 *   10, default `""`) may use `$&` for the match, as JavaScript's `String.prototype.replace`.
 * - `pattern2`/`replacement2` apply a second replacement to the result, with the same flags.
 * - `global` (default true) replaces every occurrence; `ignorecase` (default false).
 * - A number or boolean value is replaced in its text (`3` → `"3"`). Any other value, absent
 *   included, gives `""`: Segment's result, kept so subscriptions behave the same. An empty
 *   `value` option gives absent, as Segment tests it for truthiness.
 * - As Segment's validation: `replacement`, `global` and `ignorecase` may not be null.
 */
import { booleanOption, readOptions, requireOption, stringOption, stringOrDirective } from '../directive-options.js'
import type { MappingSite } from '../mapping-site.js'
import type { CompileMapping, DirectiveCompiler, Resolver } from '../resolver.js'

/** Segment's limits (`MAX_PATTERN_LENGTH`, `MAX_REPLACEMENT_LENGTH` in actions-core). */
export const MAX_PATTERN_LENGTH = 10
export const MAX_REPLACEMENT_LENGTH = 10

const OPTIONS = ['pattern', 'replacement', 'pattern2', 'replacement2', 'ignorecase', 'global', 'value']

type Replace = (text: string) => string

export const compileReplaceDirective: DirectiveCompiler = (options, site, compile) => {
  const opts = readOptions(options, site, OPTIONS)
  const flags = `${booleanOption(opts, 'global', site, true) ? 'g' : ''}${booleanOption(opts, 'ignorecase', site, false) ? 'i' : ''}`

  const pattern = stringOption(opts, 'pattern', site, { maxLength: MAX_PATTERN_LENGTH })
  if (pattern === undefined || pattern === '') throw site.child('pattern').error('must be a text of 1 to 10 characters to replace')
  const replacement = stringOption(opts, 'replacement', site, { maxLength: MAX_REPLACEMENT_LENGTH }) ?? ''
  const first = compileReplacement(pattern, replacement, flags)

  // As Segment: an empty or null pattern2 means no second replacement.
  const pattern2 = stringOption(opts, 'pattern2', site, { maxLength: MAX_PATTERN_LENGTH, nullIsAbsent: true })
  const replacement2 = stringOption(opts, 'replacement2', site, { maxLength: MAX_REPLACEMENT_LENGTH, nullIsAbsent: true }) ?? ''
  const second = pattern2 ? compileReplacement(pattern2, replacement2, flags) : undefined
  const replace: Replace = second ? (text) => second(first(text)) : first

  const valueMapping = requireOption(opts, 'value', site)
  if (valueMapping === '') return () => undefined
  const value = compileValue(valueMapping, site.child('value'), compile)
  return (payload) => {
    const resolved = value(payload)
    if (typeof resolved === 'string') return replace(resolved)
    if (typeof resolved === 'number' || typeof resolved === 'boolean') return replace(String(resolved))
    return ''
  }
}

function compileValue(mapping: unknown, site: MappingSite, compile: CompileMapping): Resolver {
  const value = stringOrDirective(mapping, site, compile)
  if (value.kind === 'string') {
    const text = value.value
    return () => text
  }
  return value.resolve
}

/** Segment escapes exactly these characters before building its RegExp. */
function compileReplacement(pattern: string, replacement: string, flags: string): Replace {
  const expression = new RegExp(pattern.replace(/[-[\]{}()*+?.,\\^$|#\s]/g, '\\$&'), flags)
  return (text) => text.replace(expression, replacement)
}
