/**
 * `{"@arrayPath": [path, itemShape]}`: a list read from the payload, each item mapped with
 * `itemShape`, whose paths read the item (`{"@path": "$.sku"}` is the item's sku).
 *
 * As Segment: the path is a path string, or a directive whose value is used as the list itself;
 * an object found there is treated as a list of one; a value that is neither object nor array, or
 * a shape that is not a non-empty object, gives the value unchanged. Items after the second are
 * ignored, as Segment ignores them.
 */
import { describeKind, isPlainObject } from '../json-value.js'
import { isDirectiveObject } from '../directive-options.js'
import { directivePathKeys, readSegmentPath } from '../segment-path.js'
import type { MappingSite } from '../mapping-site.js'
import type { CompileMapping, DirectiveCompiler, Resolver } from '../resolver.js'

export const compileArrayPathDirective: DirectiveCompiler = (options, site, compile) => {
  if (!Array.isArray(options) || options.length < 1) {
    throw site.error(`takes an array of a path and an optional item shape, not ${describeKind(options)}${Array.isArray(options) ? ' of no items' : ''}`)
  }
  const [pathMapping, shapeMapping] = options as [unknown, unknown]
  const root = compileRoot(pathMapping, site, compile)
  if (shapeMapping === undefined) return root
  const shape = compile(shapeMapping, site.child(1))
  if (!isPlainObject(shapeMapping) || Object.keys(shapeMapping).length === 0) return root

  return (payload) => {
    const list = root(payload)
    if (Array.isArray(list)) return list.map((item) => shape(item))
    return isPlainObject(list) ? [shape(list)] : list
  }
}

function compileRoot(mapping: unknown, site: MappingSite, compile: CompileMapping): Resolver {
  const at = site.child(0)
  if (typeof mapping === 'string') {
    const keys = directivePathKeys(mapping)
    return (payload) => readSegmentPath(payload, keys)
  }
  if (isDirectiveObject(mapping)) return compile(mapping, at)
  throw at.error(`must be a path string or a directive, not ${describeKind(mapping)}`)
}
