/**
 * One expression, parsed and typed outside any `.map` file: the unit tests' way to get the typed
 * IR that request checking works on, with chosen types for the names it reads.
 */
import type { Binding, DestinationScope, ExprEnv } from '../../../src/compiler/check/environment.js'
import { checkExpr } from '../../../src/compiler/check/expressions.js'
import { allEventTypes } from '../../../src/compiler/check/trigger-types.js'
import { anyType, type Type } from '../../../src/compiler/check/types.js'
import type { Diagnostic } from '../../../src/compiler/diagnostics/diagnostic.js'
import type { ExprIR } from '../../../src/compiler/ir.js'
import { parseExpression } from '../../../src/compiler/syntax/parse.js'

export interface Names {
  /** Names read as fields of an action. */
  fields?: Record<string, Type>
  /** Names read as parameters of a shape or upsert declaration. */
  params?: Record<string, Type>
  /** The type of `batch`, as inside a batch block. */
  batch?: Type
}

const scope: DestinationScope = {
  name: 'test',
  file: '<expression>',
  accepts: [...allEventTypes],
  settings: new Map(),
  authScheme: 'none',
  shapes: new Map(),
  shapeIR: new Map(),
  upserts: new Map(),
  eventType: () => anyType
}

/** Throws when the text does not parse or does not check: a test's input must be valid. */
export function typedExpression(text: string, names: Names = {}): ExprIR {
  const { expr, diagnostics } = parseExpression(text)
  if (!expr || diagnostics.length > 0) throw new Error(`${text}: ${diagnostics.map((d) => d.message).join('; ')}`)
  const bindings = new Map<string, Binding>()
  for (const [name, type] of Object.entries(names.fields ?? {})) bindings.set(name, { kind: 'field', type })
  for (const [name, type] of Object.entries(names.params ?? {})) bindings.set(name, { kind: 'param', type })
  if (names.batch) bindings.set('batch', { kind: 'batch', type: names.batch })
  const reported: Diagnostic[] = []
  const env: ExprEnv = {
    dest: scope,
    bindings,
    site: 'step',
    // Event paths may be read, and read `any`: the scope's event schemas are not the point here.
    eventTypes: allEventTypes,
    fieldNames: new Set(Object.keys(names.fields ?? {})),
    usedFields: new Set(),
    shapeStack: [],
    report: (d) => reported.push(d)
  }
  const ir = checkExpr(expr, env)
  if (reported.length > 0) throw new Error(`${text}: ${reported.map((d) => d.message).join('; ')}`)
  return ir
}
