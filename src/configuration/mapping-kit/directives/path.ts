/**
 * `{"@path": "$.traits.email"}`: the value at a path of the payload, read as Segment's `get` reads
 * it (segment-path.ts). The path may itself come from a directive
 * (`{"@path": {"@template": "$.traits.{{properties.field}}"}}`); it is then split per event.
 */
import { stringOrDirective, resolvedString } from '../directive-options.js'
import { directivePathKeys, readSegmentPath } from '../segment-path.js'
import type { DirectiveCompiler } from '../resolver.js'

export const compilePathDirective: DirectiveCompiler = (options, site, compile) => {
  const path = stringOrDirective(options, site, compile)
  if (path.kind === 'string') {
    const keys = directivePathKeys(path.value)
    return (payload) => readSegmentPath(payload, keys)
  }
  const { resolve } = path
  return (payload) => readSegmentPath(payload, directivePathKeys(resolvedString(resolve, payload, site)))
}
