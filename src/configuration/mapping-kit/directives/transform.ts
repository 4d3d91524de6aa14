/**
 * `{"@transform": {"apply": a, "mapping": m}}`: `m` resolved against a new payload, the one `a`
 * resolves to (with its absent keys removed, as Segment's nested `transform` removes them).
 *
 * As Segment: `apply` and `mapping` are objects or directives; the payload `@transform` is applied
 * to must be an object (or absent, which counts as `{}`), so one inside an `@arrayPath` shape
 * fails the event for an item that is not an object.
 */
import { describeKind, isPlainObject } from '../json-value.js'
import { readOptions, requireOption } from '../directive-options.js'
import { removeUndefined } from '../remove-undefined.js'
import type { MappingSite } from '../mapping-site.js'
import type { CompileMapping, DirectiveCompiler, Resolver } from '../resolver.js'

export const compileTransformDirective: DirectiveCompiler = (options, site, compile) => {
  const opts = readOptions(options, site, ['apply', 'mapping'])
  const apply = compileApply(requireOption(opts, 'apply', site), site.child('apply'), compile)
  const mapping = compileObjectOption(requireOption(opts, 'mapping', site), site.child('mapping'), compile)
  return (payload) => mapping(apply(payload))
}

/** The payload `apply` makes of `payload`; what a root `@transform` does before any field is resolved. */
export function compileApply(mapping: unknown, site: MappingSite, compile: CompileMapping): Resolver {
  const apply = compileObjectOption(mapping, site, compile)
  return (given) => {
    // As Segment's `transform(mapping, data = {})`: an absent payload (an `apply` that resolved to
    // nothing, one level up) is an empty object.
    const payload = given === undefined ? {} : given
    if (!isPlainObject(payload)) throw site.error(`cannot be applied to ${describeKind(payload)}: the payload must be an object`)
    return removeUndefined(apply(payload))
  }
}

function compileObjectOption(mapping: unknown, site: MappingSite, compile: CompileMapping): Resolver {
  if (!isPlainObject(mapping)) throw site.error(`must be an object or a directive, not ${describeKind(mapping)}`)
  return compile(mapping, site)
}
