/**
 * The IR with every expression's type replaced by the most trusting one: never absent, never
 * null, never `any` (a text instead). Generated code must behave the same whatever the checker
 * infers, because types describe what authors may expect, not what the run time checks; building
 * a destination from this IR and comparing it with the interpreter (which ignores types) shows
 * that no check was left out on the strength of a type alone.
 *
 * Payload fields, settings and the fields of batch items keep their types: those are the schemas
 * the run time validates against, so there a type is a guarantee, not an inference.
 */
import { present, stringType, union, members, type Type } from '../../../src/compiler/check/types.js'
import type { DestinationIR } from '../../../src/compiler/ir.js'

function trusting(type: Type): Type {
  const kept = members(present(type, true)).map((m) => (m.kind === 'any' ? stringType : m))
  return kept.length === 0 ? stringType : union(...kept)
}

function rewrite(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewrite)
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  // defineProperty: a field named `__proto__` is a key of the payload schema, not a prototype.
  for (const [key, inner] of Object.entries(value)) Object.defineProperty(out, key, { value: rewrite(inner), enumerable: true, writable: true, configurable: true })
  // An expression node: it has a kind, a source span and a checked type.
  if ('type' in out && 'source' in out && 'kind' in out && typeof out.type === 'object' && !isValidatedRead(value)) out.type = trusting(out.type as Type)
  return out
}

function isValidatedRead(node: object): boolean {
  const n = node as { kind?: string; target?: string; object?: { kind?: string; target?: string } }
  if (n.kind === 'ref') return n.target === 'field' || n.target === 'setting'
  return n.kind === 'member' && n.object?.kind === 'ref' && n.object.target === 'item'
}

export function withOptimisticTypes(ir: DestinationIR): DestinationIR {
  return rewrite(ir) as DestinationIR
}
