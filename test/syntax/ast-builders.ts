/**
 * Span-free AST values for expectations: `bin('??', path(key('email')), str(''))` reads as the
 * code it stands for. They match `withoutSpans(parse(...))`.
 */
import type { BinaryOperator } from '../../src/compiler/syntax/ast.js'

/** A node without spans: plain data, compared with `toEqual`. */
type E = Record<string, unknown>

export const ident = (name: string) => ({ kind: 'Identifier', name })
export const name = (n: string): E => ({ kind: 'Name', name: n })
export const str = (value: string): E => ({ kind: 'String', value })
export const num = (raw: string): E => ({ kind: 'Number', value: Number(raw), raw })
export const bool = (value: boolean): E => ({ kind: 'Boolean', value })
export const nul: E = { kind: 'Null' }
export const key = (n: string, quoted = false): E => ({ kind: 'Key', name: n, quoted })
export const index = (i: number): E => ({ kind: 'Index', index: i })
export const path = (...segments: E[]): E => ({ kind: 'EventPath', segments })
export const member = (object: E, property: string): E => ({ kind: 'Member', object, property })
export const at = (object: E, i: E): E => ({ kind: 'Index', object, index: i })
export const call = (callee: string, ...args: E[]): E => ({ kind: 'Call', callee: ident(callee), args })
export const bin = (operator: BinaryOperator, left: E, right: E): E => ({ kind: 'Binary', operator, left, right })
export const not = (operand: E): E => ({ kind: 'Not', operand })
export const iff = (condition: E, then: E, otherwise?: E): E =>
  otherwise === undefined ? { kind: 'If', condition, then } : { kind: 'If', condition, then, else: otherwise }
export const arr = (...items: E[]): E => ({ kind: 'Array', items })
export const forIn = (variable: string, iterable: E, body: E): E => ({ kind: 'For', variable: ident(variable), iterable, body })
export const tpl = (quasis: string[], ...expressions: E[]): E => ({ kind: 'Template', quasis, expressions })
export const prop = (k: string, value: E, quoted = false): E => ({ kind: 'Property', key: k, quoted, shorthand: false, value })
export const short = (k: string): E => ({ kind: 'Property', key: k, quoted: false, shorthand: true, value: name(k) })
export const spread = (value: E): E => ({ kind: 'Spread', value })
export const obj = (...entries: E[]): E => ({ kind: 'Object', entries })

type T = E
export const tpath = (...segments: string[]) => ({ kind: 'TriggerPath', segments })
export const tval = (value: string | number | boolean | null): E =>
  value === null
    ? { kind: 'Null' }
    : typeof value === 'string'
      ? { kind: 'String', value }
      : typeof value === 'number'
        ? { kind: 'Number', value, raw: String(value) }
        : { kind: 'Boolean', value }
export const cmp = (p: string, operator: string, value: string | number | boolean | null): T => ({
  kind: 'TriggerCompare',
  path: tpath(...p.split('.')),
  operator,
  value: tval(value)
})
export const tor = (left: T, right: T): T => ({ kind: 'TriggerOr', left, right })
export const tand = (left: T, right: T): T => ({ kind: 'TriggerAnd', left, right })
export const tnot = (operand: T): T => ({ kind: 'TriggerNot', operand })
export const tcall = (fn: 'contains' | 'match', p: string, argument: string): T => ({
  kind: 'TriggerCall',
  function: fn,
  path: tpath(...p.split('.')),
  argument: { value: argument }
})
