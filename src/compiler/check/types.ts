/**
 * The checker's types.
 *
 * A type describes the values an expression can take for some event, including `absent` (the
 * expression yields nothing: a missing path) and `never` (no value at all: a path that cannot
 * exist). Unions are flat and deduplicated. Objects know some properties and say what the others
 * may be (`rest`): `any` for an open object (Segment traits), `never` for a closed one.
 */

export type Type =
  | { kind: 'any' }
  | { kind: 'never' }
  | { kind: 'absent' }
  | { kind: 'null' }
  | { kind: 'string'; format?: string; value?: string }
  | { kind: 'number'; integer?: boolean; value?: number }
  | { kind: 'boolean'; value?: boolean }
  | { kind: 'datetime' }
  | { kind: 'object'; props: Readonly<Record<string, Type>>; rest: Type }
  | { kind: 'array'; items: Type }
  | { kind: 'union'; types: readonly Type[] }

export const anyType: Type = { kind: 'any' }
export const neverType: Type = { kind: 'never' }
export const absentType: Type = { kind: 'absent' }
export const nullType: Type = { kind: 'null' }
export const stringType: Type = { kind: 'string' }
export const numberType: Type = { kind: 'number' }
export const integerType: Type = { kind: 'number', integer: true }
export const booleanType: Type = { kind: 'boolean' }
export const datetimeType: Type = { kind: 'datetime' }

export function objectType(props: Record<string, Type>, rest: Type = neverType): Type {
  return { kind: 'object', props, rest }
}

export function arrayType(items: Type): Type {
  return { kind: 'array', items }
}

export const openObjectType: Type = objectType({}, anyType)

/** A flat, deduplicated union; `never` disappears, `any` swallows everything but absence. */
export function union(...types: Type[]): Type {
  const members: Type[] = []
  const add = (t: Type): void => {
    if (t.kind === 'union') {
      t.types.forEach(add)
      return
    }
    if (t.kind === 'never') return
    if (members.some((m) => sameType(m, t))) return
    members.push(t)
  }
  types.forEach(add)
  if (members.some((m) => m.kind === 'any')) {
    return members.some((m) => m.kind === 'absent') ? { kind: 'union', types: [anyType, absentType] } : anyType
  }
  // A literal is subsumed by its general type.
  const general = members.filter(
    (m) => !(isLiteral(m) && members.some((o) => o !== m && o.kind === m.kind && !isLiteral(o) && sameFormat(o, m)))
  )
  if (general.length === 0) return neverType
  if (general.length === 1) return general[0] as Type
  return { kind: 'union', types: general }
}

export function members(t: Type): readonly Type[] {
  return t.kind === 'union' ? t.types : [t]
}

export function isLiteral(t: Type): boolean {
  return (t.kind === 'string' || t.kind === 'number' || t.kind === 'boolean') && t.value !== undefined
}

function sameFormat(a: Type, b: Type): boolean {
  return a.kind !== 'string' || b.kind !== 'string' || a.format === b.format
}

export function sameType(a: Type, b: Type): boolean {
  if (a.kind !== b.kind) return false
  switch (a.kind) {
    case 'string':
      return b.kind === 'string' && a.format === b.format && a.value === b.value
    case 'number':
      return b.kind === 'number' && Boolean(a.integer) === Boolean(b.integer) && a.value === b.value
    case 'boolean':
      return b.kind === 'boolean' && a.value === b.value
    case 'array':
      return b.kind === 'array' && sameType(a.items, b.items)
    case 'object': {
      if (b.kind !== 'object' || !sameType(a.rest, b.rest)) return false
      const ak = Object.keys(a.props)
      const bk = Object.keys(b.props)
      return ak.length === bk.length && ak.every((k) => b.props[k] !== undefined && sameType(a.props[k] as Type, b.props[k] as Type))
    }
    case 'union':
      return b.kind === 'union' && a.types.length === b.types.length && a.types.every((m) => b.types.some((n) => sameType(m, n)))
    default:
      return true
  }
}

/** The type without `absent` (and `null` too when asked): what `a` is when `exists(a)`. */
export function present(t: Type, alsoNull = false): Type {
  return union(...members(t).filter((m) => m.kind !== 'absent' && !(alsoNull && m.kind === 'null')))
}

export function mayBeAbsent(t: Type): boolean {
  return members(t).some((m) => m.kind === 'absent' || m.kind === 'any')
}

export function canBeNullish(t: Type): boolean {
  return members(t).some((m) => m.kind === 'absent' || m.kind === 'null' || m.kind === 'any')
}

/** True when no value can ever flow from the expression. */
export function isEmpty(t: Type): boolean {
  return t.kind === 'never'
}

/** Only absent (or nothing): the expression never yields a value. */
export function isOnlyAbsent(t: Type): boolean {
  return members(t).every((m) => m.kind === 'absent' || m.kind === 'never')
}

/** The type of `t.key`: what reading an own property of a value of type `t` yields. */
export function memberType(t: Type, key: string | number): Type {
  return union(...members(t).map((m) => memberOfOne(m, key)))
}

function memberOfOne(t: Type, key: string | number): Type {
  switch (t.kind) {
    case 'any':
      return union(anyType, absentType)
    case 'object': {
      const name = String(key)
      const prop = Object.prototype.hasOwnProperty.call(t.props, name) ? t.props[name] : undefined
      if (prop !== undefined) return prop
      return t.rest.kind === 'never' ? neverType : union(t.rest, absentType)
    }
    case 'array':
      return typeof key === 'number' || /^(0|[1-9][0-9]*)$/.test(key) ? union(t.items, absentType) : neverType
    default:
      // Reading into a scalar, null or absent yields nothing.
      return t.kind === 'never' ? neverType : absentType
  }
}

export function display(t: Type): string {
  switch (t.kind) {
    case 'string':
      if (t.value !== undefined) return JSON.stringify(t.value)
      return t.format ? `string(${t.format})` : 'string'
    case 'number':
      if (t.value !== undefined) return String(t.value)
      return t.integer ? 'integer' : 'number'
    case 'boolean':
      return t.value === undefined ? 'boolean' : String(t.value)
    case 'object': {
      const keys = Object.keys(t.props)
      if (keys.length === 0) return t.rest.kind === 'never' ? '{}' : 'object'
      const shown = keys.slice(0, 4).map((k) => `${k}: ${display(t.props[k] as Type)}`)
      if (keys.length > 4 || t.rest.kind !== 'never') shown.push('…')
      return `{ ${shown.join(', ')} }`
    }
    case 'array':
      return `array of ${display(t.items)}`
    case 'union':
      return t.types.map(display).join(' | ')
    default:
      return t.kind
  }
}

/** The general type of a literal: `"x"` → string. */
export function widen(t: Type): Type {
  switch (t.kind) {
    case 'string':
      return t.format ? { kind: 'string', format: t.format } : stringType
    case 'number':
      return t.integer ? { kind: 'number', integer: true } : numberType
    case 'boolean':
      return booleanType
    case 'union':
      return union(...t.types.map(widen))
    default:
      return t
  }
}

/**
 * The values both types allow: JSON Schema's `allOf`, and a schema's own keywords together with
 * its `anyOf` branches. Exact for what the checker models; where two scalars differ only in
 * format or value it keeps one of them rather than inventing a type between them.
 */
export function intersect(a: Type, b: Type): Type {
  if (a.kind === 'any') return b
  if (b.kind === 'any') return a
  if (a.kind === 'union' || b.kind === 'union') {
    return union(...members(a).flatMap((x) => members(b).map((y) => intersect(x, y))))
  }
  if (a.kind === 'object' && b.kind === 'object') {
    const props: Record<string, Type> = {}
    for (const key of new Set([...Object.keys(a.props), ...Object.keys(b.props)])) {
      props[key] = intersect(ownProperty(a, key), ownProperty(b, key))
    }
    return objectType(props, intersect(a.rest, b.rest))
  }
  if (a.kind === 'array' && b.kind === 'array') return arrayType(intersect(a.items, b.items))
  if (a.kind !== b.kind) return neverType
  if (isLiteral(a) && isLiteral(b)) return sameType(a, b) ? a : neverType
  if (isLiteral(a)) return a
  if (isLiteral(b)) return b
  if (a.kind === 'string' && b.kind === 'string' && a.format === undefined) return b
  if (a.kind === 'number' && b.kind === 'number' && b.integer) return b
  return a
}

/** What an object type says of one key: its property, or what the rest allows (possibly absent). */
function ownProperty(t: Extract<Type, { kind: 'object' }>, key: string): Type {
  if (Object.prototype.hasOwnProperty.call(t.props, key)) return t.props[key] as Type
  return t.rest.kind === 'never' ? absentType : union(t.rest, absentType)
}
