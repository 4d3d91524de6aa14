/**
 * `{"@excludeWhenNull": mapping}`: the mapping's value, except that null becomes absent, so the
 * key is left out of the output instead of being sent as null.
 */
import type { DirectiveCompiler } from '../resolver.js'

export const compileExcludeWhenNullDirective: DirectiveCompiler = (options, site, compile) => {
  const value = compile(options, site)
  return (payload) => {
    const resolved = value(payload)
    return resolved === null ? undefined : resolved
  }
}
