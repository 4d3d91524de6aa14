/**
 * A mapping value of any kind, compiled: raw scalars are constants, arrays and objects are
 * resolved item by item, and an object with an `@`-key is a directive.
 *
 * As Segment, a raw object keeps keys whose value is absent until the end (`@merge` can observe
 * them); compile-mapping.ts removes them from the final value. Array items that are absent stay.
 */
import { describeKind, isPlainObject, setOwn } from './json-value.js'
import { directives } from './directives/index.js'
import type { MappingSite } from './mapping-site.js'
import type { Resolver } from './resolver.js'

/** Besides its `@`-key, a directive object may carry Segment's `_metadata`, which is ignored. */
const METADATA_KEY = '_metadata'

export function compileValue(mapping: unknown, site: MappingSite): Resolver {
  if (mapping === null || typeof mapping === 'string' || typeof mapping === 'boolean') return () => mapping
  if (typeof mapping === 'number') {
    if (!Number.isFinite(mapping)) throw site.error(`is ${mapping}, which is not a JSON number`)
    return () => mapping
  }
  if (Array.isArray(mapping)) {
    const items = mapping.map((item, index) => compileValue(item, site.child(index)))
    return (payload) => items.map((item) => item(payload))
  }
  if (!isPlainObject(mapping)) throw site.error(`is ${describeKind(mapping)}, which is not a JSON value`)
  const keys = Object.keys(mapping)
  const directiveKeys = keys.filter((key) => key.startsWith('@'))
  if (directiveKeys.length === 0) return compileObject(mapping, keys, site)
  return compileDirective(mapping, directiveKeys, keys, site)
}

function compileObject(mapping: Record<string, unknown>, keys: string[], site: MappingSite): Resolver {
  const entries = keys.map((key) => [key, compileValue(mapping[key], site.child(key))] as const)
  return (payload) => {
    const object: Record<string, unknown> = {}
    for (const [key, value] of entries) setOwn(object, key, value(payload))
    return object
  }
}

function compileDirective(mapping: Record<string, unknown>, directiveKeys: string[], keys: string[], site: MappingSite): Resolver {
  const [name] = directiveKeys
  if (name === undefined || directiveKeys.length > 1) {
    throw site.error(`has ${directiveKeys.length} directives (${directiveKeys.join(', ')}); an object holds at most one`)
  }
  const others = keys.filter((key) => !key.startsWith('@') && key !== METADATA_KEY)
  if (others.length > 0) {
    throw site.error(`mixes the directive ${name} with the keys ${others.map((k) => JSON.stringify(k)).join(', ')}; put the directive in a key of its own`)
  }
  const compileDirectiveOptions = directives.get(name)
  if (compileDirectiveOptions === undefined) throw site.child(name).error(unknownDirective(name))
  return compileDirectiveOptions(mapping[name], site.child(name), compileValue)
}

function unknownDirective(name: string): string {
  const known = [...directives.keys()]
  // Catches the usual slips, a wrong case or two letters swapped (`@Path`, `@paht`).
  const letters = (text: string): string => [...text.toLowerCase()].sort().join('')
  const likely = known.find((directive) => letters(directive) === letters(name))
  if (likely !== undefined) return `is not a directive; did you mean ${likely}?`
  return `is not a directive; the directives are ${known.join(', ')}`
}
