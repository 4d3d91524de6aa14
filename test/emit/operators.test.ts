/**
 * The operators' truth tables, asserted as values on both implementations: the JavaScript the
 * code generator writes (emitExpr) and the interpreter. The differential property shows the two
 * agree; it cannot see a mistake they share, and a property with few runs can miss the one
 * combination that shows a mistake (`or` read as `and` differs only on mixed operands). Here every
 * combination is written down.
 */
import { describe, expect, it } from 'vitest'
import { emitExpr, moduleScope } from '../../src/compiler/emit/expressions.js'
import { LocationTable } from '../../src/compiler/emit/locations.js'
import { expressionEvaluator } from '../../src/compiler/interpret/interpret.js'
import type { DestinationIR, ExprIR } from '../../src/compiler/ir.js'
import type { Type } from '../../src/compiler/check/types.js'
import * as runtime from '../../src/runtime/index.js'

const S = { file: 't.map', start: { offset: 0, line: 1, column: 1 }, end: { offset: 1, line: 1, column: 2 } }
const ir = { shapes: [], actions: [], settings: [], presets: [], upserts: [] } as unknown as DestinationIR

function typeOf(value: unknown): Type {
  if (value === null) return { kind: 'null' }
  if (value === undefined) return { kind: 'absent' }
  return { kind: typeof value } as Type
}
const lit = (value: unknown): ExprIR => ({ kind: 'literal', value, type: typeOf(value), source: S })
const binary = (operator: '??' | '+' | '==' | '!=' | 'and' | 'or', left: ExprIR, right: ExprIR, type: Type = { kind: 'boolean' }): ExprIR => ({ kind: 'binary', operator, left, right, type, source: S })
const not = (operand: ExprIR): ExprIR => ({ kind: 'not', operand, type: { kind: 'boolean' }, source: S })
const ifThen = (condition: ExprIR, then: ExprIR, otherwise?: ExprIR): ExprIR => ({ kind: 'if', condition, then, ...(otherwise ? { else: otherwise } : {}), type: then.type, source: S })

const ctx = { settings: {}, auth: {} }

/** The value of `expr` by the generated code and by the interpreter, which must be the same. */
function both(expr: ExprIR): { compiled: unknown; interpreted: unknown } {
  const code = emitExpr(expr, moduleScope(ir, new LocationTable('t.map')))
  const compiled = (new Function('$', 'e', 'p', 'ctx', `"use strict"; return (${code})`) as (...args: unknown[]) => unknown)(runtime, undefined, {}, ctx)
  const interpreted = expressionEvaluator(ir)(expr, { phase: 'request', payload: {}, ctx, locals: new Map() })
  return { compiled, interpreted }
}

function expectValue(expr: ExprIR, value: unknown): void {
  expect(both(expr)).toEqual({ compiled: value, interpreted: value })
}

const T = lit(true)
const F = lit(false)

describe('boolean operators', () => {
  it.each([
    [true, true, true],
    [true, false, false],
    [false, true, false],
    [false, false, false]
  ])('%s and %s is %s', (l, r, value) => expectValue(binary('and', lit(l), lit(r)), value))

  it.each([
    [true, true, true],
    [true, false, true],
    [false, true, true],
    [false, false, false]
  ])('%s or %s is %s', (l, r, value) => expectValue(binary('or', lit(l), lit(r)), value))

  it('not inverts', () => {
    expectValue(not(T), false)
    expectValue(not(F), true)
    expectValue(not(binary('or', F, F)), true)
  })
})

describe('comparisons', () => {
  it.each([
    ['"a" == "a"', binary('==', lit('a'), lit('a')), true],
    ['"a" == "b"', binary('==', lit('a'), lit('b')), false],
    ['1 == 1', binary('==', lit(1), lit(1)), true],
    ['1 == 2', binary('==', lit(1), lit(2)), false],
    ['null == null', binary('==', lit(null), lit(null)), true],
    ['"a" != "a"', binary('!=', lit('a'), lit('a')), false],
    ['"a" != "b"', binary('!=', lit('a'), lit('b')), true],
    ['1 != 2', binary('!=', lit(1), lit(2)), true],
    ['null != "x"', binary('!=', lit(null), lit('x')), true]
  ])('%s is %s', (_text, expr, value) => expectValue(expr, value))
})

describe('values', () => {
  it('`??` takes the left unless it is null or absent; false and "" are values', () => {
    expectValue(binary('??', lit(null), lit('x'), { kind: 'string' }), 'x')
    expectValue(binary('??', lit(undefined), lit('x'), { kind: 'string' }), 'x')
    expectValue(binary('??', lit('a'), lit('x'), { kind: 'string' }), 'a')
    expectValue(binary('??', lit(''), lit('x'), { kind: 'string' }), '')
    expectValue(binary('??', F, T), false)
  })

  it('`+` joins text and adds numbers', () => {
    expectValue(binary('+', lit('a'), lit('b'), { kind: 'string' }), 'ab')
    expectValue(binary('+', lit(1), lit(2), { kind: 'number' }), 3)
  })

  it('`if` takes its branch by the condition, and is absent without an else', () => {
    expectValue(ifThen(T, lit('then'), lit('else')), 'then')
    expectValue(ifThen(F, lit('then'), lit('else')), 'else')
    expectValue(ifThen(F, lit('then')), undefined)
    expectValue(ifThen(binary('or', F, T), lit(1), lit(2)), 1)
    expectValue(ifThen(binary('and', T, F), lit(1), lit(2)), 2)
  })
})
