/**
 * Segment mapping-kit JSON (`{"@path": "$.traits.email"}`, `@if`, `@template`, …) compiled once
 * into closures: every directive is validated and every path and template parsed before the
 * first event, so resolving an event interprets nothing. See docs/mapping-kit.md.
 */
import { parsePathString, type PathKey } from '../../runtime/lib/path.js'
import { compileValue } from './compile-value.js'
import { MappingSite, type SiteOptions } from './mapping-site.js'
import { removeUndefined } from './remove-undefined.js'

export type CompiledMapping = (event: object) => unknown

export type CompileMappingOptions = SiteOptions

/**
 * @param mapping the mapping of one field, as JSON.
 * @param at where the mapping sits, as a path (`mapping.user_id`): errors name
 *   `mapping.user_id["@if"].then`.
 * @returns the field's value for an event; `undefined` when absent.
 * @throws MappingError for an invalid mapping. The returned function throws MappingError only for
 *   the few per-event failures Segment also has (`@json` decoding text that is not JSON, a
 *   directive-supplied path that resolves to a non-string).
 */
export function compileMapping(mapping: unknown, at: string, options: CompileMappingOptions = {}): CompiledMapping {
  const resolve = compileValue(mapping, new MappingSite(siteKeys(at), options))
  return (event) => removeUndefined(resolve(event))
}

function siteKeys(at: string): PathKey[] {
  try {
    return parsePathString(at)
  } catch {
    return [at]
  }
}
