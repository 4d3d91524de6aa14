/**
 * What the expression checker needs to know about its surroundings: the destination's
 * declarations, the names in scope, which events `$.` paths may read, and where diagnostics go.
 */
import type { ShapeDecl, Span, UpsertDecl } from '../syntax/ast.js'
import type { Diagnostic } from '../diagnostics/diagnostic.js'
import type { AuthScheme, EventType, SettingIR, ShapeIR } from '../ir.js'
import type { ApiSchema } from './api-schema.js'
import type { Type } from './types.js'

export interface DestinationScope {
  name: string
  file: string
  accepts: EventType[]
  /** `ir` where the setting is declared in the `.map` (its choices decide a host it picks). */
  settings: ReadonlyMap<string, { type: Type; ir?: SettingIR }>
  authScheme: AuthScheme
  shapes: ReadonlyMap<string, ShapeDecl>
  /** Shapes already checked, by name (filled as the checker goes). */
  shapeIR: Map<string, ShapeIR>
  upserts: ReadonlyMap<string, UpsertDecl>
  api?: ApiSchema
  eventType(type: EventType): Type
}

export type Binding =
  | { kind: 'field'; type: Type }
  | { kind: 'param'; type: Type }
  | { kind: 'local'; type: Type; endpoint?: string }
  /** `fromResponse`: the variable iterates a list in a response, whose undeclared keys are typos. */
  | { kind: 'item'; type: Type; fromResponse?: boolean }
  | { kind: 'batch'; type: Type }
  | { kind: 'response'; type: Type; endpoint?: string }

/** Where an expression sits; decides what it may read. */
export type ExprSite = 'default' | 'rule' | 'step' | 'batch' | 'shape' | 'upsert' | 'auth' | 'mapping'

export interface ExprEnv {
  dest: DestinationScope
  bindings: ReadonlyMap<string, Binding>
  site: ExprSite
  /** Event types `$.` paths are checked against; absent where the event may not be read. */
  eventTypes?: readonly EventType[]
  /** The trigger that narrowed `eventTypes`, shown next to path diagnostics. */
  triggerSpan?: Span
  /** Field names of the enclosing action, to explain why a default cannot read them. */
  fieldNames: ReadonlySet<string>
  /** Fields read so far, for the unused-field warning. */
  usedFields: Set<string>
  /** Shapes being expanded, to catch recursion. */
  shapeStack: readonly string[]
  /**
   * Values known to be present here (`if exists(x) then …`), by their path as written
   * (`x`, `item.workspace_id`).
   */
  narrowed?: ReadonlySet<string>
  /** `let` bindings of this step or later ones, by name: read here, they are read too early. */
  laterLets?: ReadonlyMap<string, Span>
  report(diagnostic: Diagnostic): void
}

export function withBindings(env: ExprEnv, extra: Record<string, Binding>): ExprEnv {
  const bindings = new Map(env.bindings)
  for (const [name, binding] of Object.entries(extra)) bindings.set(name, binding)
  return { ...env, bindings }
}

/** The same environment, but diagnostics are dropped: used to re-infer a shape with concrete argument types. */
export function silent(env: ExprEnv): ExprEnv {
  return { ...env, report: () => undefined }
}
