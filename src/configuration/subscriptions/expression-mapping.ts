/**
 * Field mappings written in the mapc expression language (`email_address: $.traits.email ??
 * $.context.traits.email`), compiled once when a configuration is loaded.
 *
 * The text goes through the same pipeline as a `.map` file: parsed, type-checked against the
 * events the subscription's trigger can match and the destination's settings, and turned into
 * JavaScript by the code generator, whose literal and property-read rules keep configuration text
 * data, never code. The generated expression is then instantiated once with `new Function` (as
 * ajv does with schemas), so per event nothing is interpreted.
 */
import { parseExpression } from '../../compiler/syntax/parse.js'
import { checkExpr } from '../../compiler/check/expressions.js'
import { checkAssignable } from '../../compiler/check/fields.js'
import type { DestinationScope, ExprEnv } from '../../compiler/check/environment.js'
import { schemaToType } from '../../compiler/check/schema-types.js'
import type { JsonSchema } from '../../compiler/check/schema-types.js'
import { absentType, booleanType, numberType, stringType, union, type Type } from '../../compiler/check/types.js'
import { emitExpr } from '../../compiler/emit/expressions.js'
import type { Diagnostic } from '../../compiler/diagnostics/diagnostic.js'
import { eventSchema } from '../../schemas/segment/index.js'
import type { CompiledDestination, EventType, FieldMeta, SegmentEvent, ValueContext } from '../../runtime/contract.js'
import * as runtime from '../../runtime/compiled-module-api.js'
import type { FieldResolver } from '../../runtime/delivery/payload.js'

export interface CompiledExpression {
  resolver?: FieldResolver
  diagnostics: Diagnostic[]
}

export function compileExpressionMapping(
  text: string,
  where: string,
  destination: CompiledDestination,
  eventTypes: readonly EventType[],
  /** The field the expression maps: its value must be able to become the field's type. */
  field?: FieldMeta
): CompiledExpression {
  const parsed = parseExpression(text, where)
  if (!parsed.expr || parsed.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: parsed.diagnostics }
  const diagnostics: Diagnostic[] = [...parsed.diagnostics]
  const env: ExprEnv = {
    dest: scopeOf(destination),
    bindings: new Map(),
    site: 'mapping',
    eventTypes,
    fieldNames: new Set(),
    usedFields: new Set(),
    shapeStack: [],
    report: (d) => diagnostics.push(d)
  }
  const ir = checkExpr(parsed.expr, env)
  if (field) checkAssignable(ir, field, env.report, 'the mapping of')
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics }
  const code = emitExpr(ir, {
    event: 'e',
    payload: 'p',
    ctx: 'ctx',
    items: 'items',
    response: 'res',
    loc: () => {
      throw new Error('a field mapping reads no response')
    }
  })
  // The only free names of generated expressions are `$` (the runtime), `e` and `ctx`.
  const factory = new Function('$', `"use strict"; return (e, ctx) => (${code})`) as (
    $: typeof runtime
  ) => (e: SegmentEvent, ctx: ValueContext) => unknown
  return { resolver: factory(runtime), diagnostics }
}

const eventTypeCache = new Map<EventType, Type>()

/** What a mapping expression may read of a compiled destination: its settings and OAuth data. */
function scopeOf(destination: CompiledDestination): DestinationScope {
  const settings = new Map<string, { type: Type }>()
  for (const s of destination.settings) {
    const base = s.type === 'boolean' ? booleanType : s.type === 'number' || s.type === 'integer' ? numberType : stringType
    settings.set(s.name, { type: s.required ? base : union(base, absentType) })
  }
  return {
    name: destination.name,
    file: destination.source,
    accepts: [...destination.accepts],
    settings,
    authScheme: destination.authScheme,
    shapes: new Map(),
    shapeIR: new Map(),
    upserts: new Map(),
    eventType(type) {
      let t = eventTypeCache.get(type)
      if (!t) {
        const schema = eventSchema(type) as unknown as JsonSchema
        t = schemaToType(schema, schema)
        eventTypeCache.set(type, t)
      }
      return t
    }
  }
}
