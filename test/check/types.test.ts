import { describe, expect, it } from 'vitest'
import {
  absentType,
  anyType,
  arrayType,
  booleanType,
  canBeNullish,
  datetimeType,
  display,
  intersect,
  isOnlyAbsent,
  mayBeAbsent,
  memberType,
  members,
  neverType,
  nullType,
  numberType,
  objectType,
  openObjectType,
  present,
  sameType,
  stringType,
  union,
  widen,
  type Type
} from '../../src/compiler/check/types.js'

const email: Type = { kind: 'string', format: 'email' }
const integer: Type = { kind: 'number', integer: true }
const literal = (value: string): Type => ({ kind: 'string', value })

describe('union', () => {
  it('flattens nested unions and drops duplicates', () => {
    const t = union(stringType, union(numberType, stringType), union(numberType, nullType))
    expect(members(t)).toEqual([stringType, numberType, nullType])
  })

  it('drops never, and is never when nothing is left', () => {
    expect(union(neverType, stringType, neverType)).toEqual(stringType)
    expect(union()).toEqual(neverType)
    expect(union(neverType)).toEqual(neverType)
  })

  it('lets any swallow every member but absence', () => {
    expect(union(stringType, anyType, numberType)).toEqual(anyType)
    expect(display(union(stringType, absentType, anyType))).toBe('any | absent')
  })

  it('subsumes a literal under its general type of the same format only', () => {
    expect(union(literal('a'), stringType)).toEqual(stringType)
    expect(union({ kind: 'number', value: 3 }, numberType)).toEqual(numberType)
    // "a" is not known to be an email, so it stays beside string(email).
    expect(display(union(literal('a'), email))).toBe('"a" | string(email)')
    expect(display(union(literal('a'), literal('b')))).toBe('"a" | "b"')
  })

  it('keeps string and string(email) apart', () => {
    expect(display(union(stringType, email))).toBe('string | string(email)')
  })
})

describe('present', () => {
  it('removes absence, and null when asked', () => {
    const t = union(stringType, nullType, absentType)
    expect(display(present(t))).toBe('string | null')
    expect(display(present(t, true))).toBe('string')
  })

  it('is never for a type that is only absent', () => {
    expect(present(absentType)).toEqual(neverType)
  })

  it('leaves any alone', () => {
    expect(present(union(anyType, absentType))).toEqual(anyType)
  })
})

describe('absence and nullishness', () => {
  it('mayBeAbsent counts any as possibly absent', () => {
    expect(mayBeAbsent(stringType)).toBe(false)
    expect(mayBeAbsent(nullType)).toBe(false)
    expect(mayBeAbsent(union(stringType, absentType))).toBe(true)
    expect(mayBeAbsent(anyType)).toBe(true)
  })

  it('canBeNullish adds null', () => {
    expect(canBeNullish(union(stringType, nullType))).toBe(true)
    expect(canBeNullish(stringType)).toBe(false)
  })

  it('isOnlyAbsent is true for absent and never alone', () => {
    expect(isOnlyAbsent(absentType)).toBe(true)
    expect(isOnlyAbsent(neverType)).toBe(true)
    expect(isOnlyAbsent(union(absentType, nullType))).toBe(false)
  })
})

describe('memberType', () => {
  const closed = objectType({ id: stringType, name: union(stringType, absentType) })
  const open = objectType({ id: stringType }, anyType)

  it('reads a declared property as declared', () => {
    expect(memberType(closed, 'id')).toEqual(stringType)
    expect(display(memberType(closed, 'name'))).toBe('string | absent')
  })

  it('is never for an undeclared key of a closed object', () => {
    expect(memberType(closed, 'email')).toEqual(neverType)
  })

  it('is the rest, possibly absent, for an undeclared key of an open object', () => {
    expect(display(memberType(open, 'email'))).toBe('any | absent')
    expect(display(memberType(objectType({}, numberType), 'n'))).toBe('number | absent')
  })

  it('does not mistake inherited names for properties', () => {
    expect(memberType(closed, 'toString')).toEqual(neverType)
    expect(memberType(closed, '__proto__')).toEqual(neverType)
  })

  it('indexes arrays by number or numeric text only', () => {
    const list = arrayType(stringType)
    expect(display(memberType(list, 0))).toBe('string | absent')
    expect(display(memberType(list, '12'))).toBe('string | absent')
    expect(memberType(list, '01')).toEqual(neverType)
    expect(memberType(list, 'length')).toEqual(neverType)
  })

  it('yields absent for a member of a scalar, null or absent value', () => {
    for (const t of [stringType, numberType, booleanType, nullType, absentType, datetimeType]) {
      expect(memberType(t, 'x')).toEqual(absentType)
    }
  })

  it('reads any as any, possibly absent, and never as never', () => {
    expect(display(memberType(anyType, 'x'))).toBe('any | absent')
    expect(memberType(neverType, 'x')).toEqual(neverType)
  })

  it('distributes over unions', () => {
    const t = union(closed, stringType)
    expect(display(memberType(t, 'id'))).toBe('string | absent')
  })
})

describe('display', () => {
  it('shows literals, formats and integers', () => {
    expect(display(literal('a "b"'))).toBe('"a \\"b\\""')
    expect(display({ kind: 'number', value: 2.5 })).toBe('2.5')
    expect(display({ kind: 'boolean', value: false })).toBe('false')
    expect(display(email)).toBe('string(email)')
    expect(display(integer)).toBe('integer')
    expect(display(datetimeType)).toBe('datetime')
  })

  it('shows objects: closed empty, open, and at most four properties', () => {
    expect(display(objectType({}))).toBe('{}')
    expect(display(openObjectType)).toBe('object')
    expect(display(objectType({ a: stringType }))).toBe('{ a: string }')
    expect(display(objectType({ a: stringType }, anyType))).toBe('{ a: string, … }')
    const five = objectType({ a: stringType, b: stringType, c: stringType, d: stringType, e: stringType })
    expect(display(five)).toBe('{ a: string, b: string, c: string, d: string, … }')
  })

  it('shows arrays and unions', () => {
    expect(display(arrayType(union(stringType, numberType)))).toBe('array of string | number')
    expect(display(union(stringType, absentType))).toBe('string | absent')
  })
})

describe('widen', () => {
  it('forgets literal values but keeps formats and integers', () => {
    expect(widen(literal('x'))).toEqual(stringType)
    expect(widen({ kind: 'string', format: 'email', value: 'a@b.co' })).toEqual(email)
    expect(widen({ kind: 'number', integer: true, value: 3 })).toEqual(integer)
    expect(widen({ kind: 'boolean', value: true })).toEqual(booleanType)
    expect(widen(union(literal('a'), literal('b')))).toEqual(stringType)
  })
})

describe('sameType', () => {
  it('compares objects structurally and unions as sets', () => {
    expect(sameType(objectType({ a: stringType }), objectType({ a: stringType }))).toBe(true)
    expect(sameType(objectType({ a: stringType }), objectType({ a: stringType }, anyType))).toBe(false)
    expect(sameType(objectType({ a: stringType }), objectType({ b: stringType }))).toBe(false)
    expect(sameType(union(stringType, numberType), union(numberType, stringType))).toBe(true)
    expect(sameType(numberType, integer)).toBe(false)
  })
})

describe('intersect', () => {
  it('is the other side for any, never for never', () => {
    expect(intersect(anyType, stringType)).toEqual(stringType)
    expect(intersect(stringType, anyType)).toEqual(stringType)
    expect(intersect(neverType, stringType)).toEqual(neverType)
  })

  it('is never for different kinds and unequal literals', () => {
    expect(intersect(stringType, numberType)).toEqual(neverType)
    expect(intersect(literal('a'), literal('b'))).toEqual(neverType)
  })

  it('keeps the narrower scalar', () => {
    expect(intersect(stringType, literal('a'))).toEqual(literal('a'))
    expect(intersect(literal('a'), stringType)).toEqual(literal('a'))
    expect(intersect(stringType, email)).toEqual(email)
    expect(intersect(numberType, integer)).toEqual(integer)
  })

  it('removes absence a required property rules out', () => {
    const optional = objectType({ id: union(stringType, absentType) }, anyType)
    const required = objectType({ id: stringType }, anyType)
    expect(display(intersect(optional, required))).toBe('{ id: string, … }')
  })

  it('makes an undeclared key of a closed object absent', () => {
    const closed = objectType({ id: stringType })
    const other = objectType({ name: union(stringType, absentType) }, anyType)
    const t = intersect(closed, other)
    expect(display(t)).toBe('{ id: string, name: absent }')
    expect(isOnlyAbsent(memberType(t, 'name'))).toBe(true)
  })

  it('distributes over unions', () => {
    const t = intersect(union(stringType, numberType, nullType), union(numberType, nullType))
    expect(display(t)).toBe('number | null')
  })

  it('intersects array items', () => {
    expect(intersect(arrayType(anyType), arrayType(stringType))).toEqual(arrayType(stringType))
  })
})
