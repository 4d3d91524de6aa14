/**
 * Segment's root directive: a subscription mapping with the key `__segment_internal_directive`
 * holds one directive that the rest of the mapping is resolved under. actions-core sets the
 * directive's `mapping` option to the other fields, so only `@transform` makes sense there: its
 * `apply` rewrites the event, and then every field — mapped or default — reads the rewritten event.
 * That is what `compileRootDirective` returns; any other root directive is refused.
 */
import { compileValue } from './compile-value.js'
import { describeKind, isPlainObject } from './json-value.js'
import { MappingSite, type SiteOptions } from './mapping-site.js'
import { readOptions, requireOption } from './directive-options.js'
import { compileApply } from './directives/transform.js'

/** The key actions-core reads the root directive from. */
export const ROOT_DIRECTIVE_KEY = '__segment_internal_directive'

export type EventRewrite = (event: object) => object

export function compileRootDirective(mapping: unknown, at: string, options: SiteOptions = {}): EventRewrite {
  const site = new MappingSite([at, ROOT_DIRECTIVE_KEY], options)
  if (!isPlainObject(mapping)) throw site.error(`must be a directive object, not ${describeKind(mapping)}`)
  const keys = Object.keys(mapping)
  if (keys.length !== 1) throw site.error(`must hold a single directive, not ${keys.length} keys`)
  const [name] = keys as [string]
  if (name !== '@transform') throw site.child(name).error('is not supported at the root: the root directive is "@transform" with "apply"')
  const at2 = site.child(name)
  // Segment replaces "mapping" with the subscription's fields, so whatever is written there is ignored.
  const opts = readOptions(mapping[name], at2, ['apply', 'mapping'])
  const apply = compileApply(requireOption(opts, 'apply', at2), at2.child('apply'), compileValue)
  return (event) => apply(event) as object
}
