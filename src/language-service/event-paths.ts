/**
 * The Segment Spec as an editor sees it: which properties a `$.` path can continue with, and
 * what type it has, for the event types an action's trigger can match.
 */
import { schemaToType } from '../compiler/check/schema-types.js'
import { possibleEventTypes, allEventTypes } from '../compiler/check/trigger-types.js'
import { absentType, isOnlyAbsent, memberType, members, union, type Type } from '../compiler/check/types.js'
import { segmentEventSchema } from '../compiler/check-options.js'
import type { EventType } from '../compiler/ir.js'
import type { Action } from '../compiler/syntax/ast.js'
import type { Analysis } from './analysis.js'

const eventTypeCache = new Map<EventType, Type>()

export function eventType(type: EventType): Type {
  let t = eventTypeCache.get(type)
  if (t === undefined) {
    const schema = segmentEventSchema(type)
    t = schemaToType(schema, schema)
    eventTypeCache.set(type, t)
  }
  return t
}

/** The event types `$.` paths of an action are checked against: the checker's, or the trigger's. */
export function actionEventTypes(analysis: Analysis, action: Action | undefined): readonly EventType[] {
  if (!action) return allEventTypes
  const ir = analysis.ir?.actions.find((a) => a.name === action.name.name)
  if (ir) return ir.eventTypes
  const accepts = analysis.ir?.accepts ?? allEventTypes
  const trigger = action.members.find((m) => m.kind === 'TriggerDecl')
  return trigger?.kind === 'TriggerDecl' ? possibleEventTypes(trigger.trigger, accepts) : accepts
}

export interface PathType {
  /** As the checker types a read of the event: absent included. */
  type: Type
  /** The event types on which the path can exist. */
  on: EventType[]
}

export function eventPathType(types: readonly EventType[], keys: readonly (string | number)[]): PathType {
  const on: EventType[] = []
  const found: Type[] = []
  for (const type of types) {
    let current = eventType(type)
    let ok = true
    for (const key of keys) {
      current = memberType(current, key)
      if (current.kind === 'never' || isOnlyAbsent(current)) {
        ok = false
        break
      }
    }
    if (ok) {
      on.push(type)
      found.push(current)
    }
  }
  return { type: on.length === 0 ? absentType : union(...found, absentType), on }
}

export interface PathMember {
  name: string
  type: Type
  on: EventType[]
}

/** The properties a path can continue with, on any of the event types. */
export function eventPathMembers(types: readonly EventType[], keys: readonly (string | number)[]): PathMember[] {
  const byName = new Map<string, PathMember>()
  for (const type of types) {
    const { type: at, on } = eventPathType([type], keys)
    if (on.length === 0) continue
    for (const m of members(at)) {
      if (m.kind !== 'object') continue
      for (const [name, propType] of Object.entries(m.props)) {
        if (propType.kind === 'never') continue
        const existing = byName.get(name)
        if (existing) {
          existing.type = union(existing.type, propType)
          if (!existing.on.includes(type)) existing.on.push(type)
        } else {
          byName.set(name, { name, type: propType, on: [type] })
        }
      }
    }
  }
  return [...byName.values()]
}
