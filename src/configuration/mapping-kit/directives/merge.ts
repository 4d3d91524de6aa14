/**
 * `{"@merge": {"objects": [m1, m2, …], "direction": "right" | "left"}}`: the objects merged into
 * one (see merge-objects.ts). With `right` later objects win; with `left` earlier ones do. A key
 * whose value is absent still overrides, then disappears from the output, as in Segment. Each
 * item is written as an object or a directive; what a directive resolves to is merged as
 * `Object.assign` would (a string by index, a number not at all). The direction is a string, as
 * Segment's validation requires (not a directive).
 */
import { describeKind, isPlainObject } from '../json-value.js'
import { readOptions, requireOption } from '../directive-options.js'
import { mergeObjects } from '../merge-objects.js'
import type { DirectiveCompiler } from '../resolver.js'

export const compileMergeDirective: DirectiveCompiler = (options, site, compile) => {
  const opts = readOptions(options, site, ['objects', 'direction'])
  const objectsMapping = requireOption(opts, 'objects', site)
  if (!Array.isArray(objectsMapping)) throw site.child('objects').error(`must be an array, not ${describeKind(objectsMapping)}`)
  const objects = objectsMapping.map((mapping, index) => {
    const at = site.child('objects').child(index)
    // As Segment's validation: each item is an object, raw or a directive.
    if (!isPlainObject(mapping)) throw at.error(`must be an object or a directive, not ${describeKind(mapping)}`)
    return compile(mapping, at)
  })

  const direction = requireOption(opts, 'direction', site)
  // As Segment's validation, without regard to case; then only "left" itself merges to the left.
  if (typeof direction !== 'string' || (direction.toLowerCase() !== 'left' && direction.toLowerCase() !== 'right')) {
    throw site.child('direction').error(`must be "left" or "right", not ${typeof direction === 'string' ? JSON.stringify(direction) : describeKind(direction)}`)
  }
  const leftWins = direction === 'left'

  return (payload) => {
    const values = objects.map((resolve) => resolve(payload))
    return mergeObjects(leftWins ? values.reverse() : values)
  }
}
