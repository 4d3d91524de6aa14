/**
 * A subscription's field mappings, compiled once: mapc expressions (`mapping`) type-checked
 * against the events its trigger can match, and Segment mapping-kit JSON (`segmentMapping`).
 * Each becomes a resolver that replaces the field's default.
 */
import { didYouMean } from '../../compiler/diagnostics/suggest.js'
import type { Diagnostic } from '../../compiler/diagnostics/diagnostic.js'
import type { SubscriptionConfig } from '../../runtime/config-types.js'
import type { CompiledAction, CompiledDestination, EventType, SegmentEvent } from '../../runtime/contract.js'
import type { FieldResolver } from '../../runtime/delivery/payload.js'
import { MappingError, type SourceLocation } from '../../runtime/errors/index.js'
import { compileMapping, compileRootDirective, ROOT_DIRECTIVE_KEY } from '../mapping-kit/index.js'
import type { Redactor } from '../../runtime/redaction/index.js'
import { compileExpressionMapping } from './expression-mapping.js'

export interface FieldMappingSite {
  /** The subscription as errors name it: `crm-prod: Orders`. */
  subscription: string
  destination: CompiledDestination
  action: CompiledAction
  /** What the trigger leaves: the events `$.` paths are checked against. */
  eventTypes: readonly EventType[]
  /** Where `mapping.<field>` or `segmentMapping.<field>` is written, when known. */
  locate(key: 'mapping' | 'segmentMapping', field: string): SourceLocation | undefined
  redactor: Redactor
}

export function compileFieldMappings(config: SubscriptionConfig, site: FieldMappingSite): Map<string, FieldResolver> {
  const overrides = new Map<string, FieldResolver>()
  const fieldNames = site.action.fields.map((f) => f.name)
  // `mapping` is the subscription's mapping, so its fields need no prefix; Segment's are told apart by theirs.
  const error = (key: 'mapping' | 'segmentMapping', field: string, reason: string): MappingError => {
    const location = site.locate(key, field)
    return new MappingError({ path: key === 'mapping' ? [field] : [key, field], reason, subscription: site.subscription }, { redactor: site.redactor, ...(location ? { location } : {}) })
  }
  for (const [field, text] of Object.entries(config.mapping ?? {})) {
    if (!fieldNames.includes(field)) throw error('mapping', field, unknownField(field, site.action))
    const meta = site.action.fields.find((f) => f.name === field)
    const compiled = compileExpressionMapping(text, `${site.subscription} mapping.${field}`, site.destination, site.eventTypes, meta)
    const errors = compiled.diagnostics.filter((d) => d.severity === 'error')
    if (compiled.resolver === undefined || errors.length > 0) throw error('mapping', field, describeDiagnostics(errors))
    overrides.set(field, compiled.resolver)
  }
  for (const [field, json] of Object.entries(config.segmentMapping ?? {})) {
    if (field === ROOT_DIRECTIVE_KEY) continue
    if (!fieldNames.includes(field)) throw error('segmentMapping', field, unknownField(field, site.action))
    if (overrides.has(field)) throw error('segmentMapping', field, 'is mapped both in `mapping` and in `segmentMapping`')
    const location = site.locate('segmentMapping', field)
    const errorOptions = { redactor: site.redactor, ...(location ? { location } : {}) }
    const resolve = compileMapping(json, `segmentMapping.${field}`, { subscription: site.subscription, errorOptions })
    overrides.set(field, (event) => resolve(event))
  }
  return overrides
}

/** Segment's root directive (`segmentMapping.__segment_internal_directive`), when the mapping has one. */
export function compileRootMapping(config: SubscriptionConfig, site: FieldMappingSite): ((event: SegmentEvent) => SegmentEvent) | undefined {
  const mapping = config.segmentMapping
  if (mapping === undefined || !Object.hasOwn(mapping, ROOT_DIRECTIVE_KEY)) return undefined
  const location = site.locate('segmentMapping', ROOT_DIRECTIVE_KEY)
  const errorOptions = { redactor: site.redactor, ...(location ? { location } : {}) }
  const rewrite = compileRootDirective(mapping[ROOT_DIRECTIVE_KEY], 'segmentMapping', { subscription: site.subscription, errorOptions })
  return (event) => rewrite(event) as SegmentEvent
}

function unknownField(field: string, action: CompiledAction): string {
  const names = action.fields.map((f) => f.name)
  const hint = didYouMean(field, names, (n) => JSON.stringify(n))
  return `${action.name} has no field ${JSON.stringify(field)} (${hint ?? `its fields: ${names.join(', ')}`})`
}

/** Every error of a mapping expression, each with its column in the expression and its hint. */
function describeDiagnostics(errors: readonly Diagnostic[]): string {
  if (errors.length === 0) return 'does not compile'
  return errors.map((d) => `${d.message} (${d.code} at column ${d.span.start.column})${d.hint === undefined ? '' : `; ${d.hint}`}`).join('; ')
}
