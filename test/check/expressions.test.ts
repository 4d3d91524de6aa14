/**
 * Type inference of expressions (src/compiler/check/expressions.ts): the types the checker gives
 * objects with spreads and member reads, which request checking and the code generator rely on.
 * Corpus cases show the diagnostics; these pin the inferred types themselves.
 */
import { describe, expect, it } from 'vitest'
import { absentType, display, objectType, openObjectType, stringType, union, type Type } from '../../src/compiler/check/types.js'
import { typedExpression, type Names } from './support/typed-expression.js'

function typeOf(text: string, names: Names = {}): string {
  return display(typedExpression(text, names).type)
}

const labels: Type = objectType({ name: stringType })

describe('objects with spreads', () => {
  it('keeps the keys a closed spread cannot overwrite', () => {
    expect(typeOf('{ a: "x", ...labels }', { fields: { labels } })).toBe('{ a: "x", name: string }')
  })

  it('lets an open spread overwrite the keys written before it, not those after it', () => {
    expect(typeOf('{ a: "x", ...attrs }', { fields: { attrs: openObjectType } })).toBe('{ a: any, … }')
    expect(typeOf('{ ...attrs, a: "x" }', { fields: { attrs: openObjectType } })).toBe('{ a: "x", … }')
  })

  it('makes the keys of a spread that may be absent possibly absent', () => {
    expect(typeOf('{ ...labels }', { fields: { labels: union(labels, absentType) } })).toBe('{ name: string | absent }')
  })
})

describe('member reads', () => {
  it('read a declared member as declared', () => {
    expect(typeOf('labels.name', { fields: { labels } })).toBe('string')
  })

  it('are possibly absent through a value that may be absent', () => {
    expect(typeOf('labels.name', { fields: { labels: union(labels, absentType) } })).toBe('string | absent')
  })

  it('are present under `if exists(…)`', () => {
    expect(typeOf('if exists(labels.name) then labels.name else "none"', { fields: { labels: union(labels, absentType) } })).toBe('string')
  })
})
