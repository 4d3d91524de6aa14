/**
 * `{"@path": "$.traits.email"}`: the value at a path of the payload, absent when any step is
 * missing or not an object or array. The path may itself come from a directive
 * (`{"@path": {"@template": "$.traits.{{properties.field}}"}}`); it is then parsed per event.
 */
import { readPath } from '../../../runtime/lib/path.js'
import { stringOrDirective, resolvedString } from '../directive-options.js'
import { compileEventSuppliedPath, compilePath } from '../event-path.js'
import type { DirectiveCompiler } from '../resolver.js'

export const compilePathDirective: DirectiveCompiler = (options, site, compile) => {
  const path = stringOrDirective(options, site, compile)
  if (path.kind === 'string') {
    const keys = compilePath(path.value, site)
    return (payload) => readPath(payload, keys)
  }
  const { resolve } = path
  return (payload) => readPath(payload, compileEventSuppliedPath(resolvedString(resolve, payload, site), site))
}
