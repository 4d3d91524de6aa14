/**
 * What each condition operator does to the value its path reads: Segment's `validateValue`,
 * written twice on purpose, as a predicate for `compileTrigger` and as JavaScript source for
 * `triggerToJs`. The two forms sit side by side so a reviewer can compare them line by line; the
 * trigger tests evaluate both on generated inputs.
 *
 * In the JavaScript form `actual` is a plain identifier (evaluated more than once) and the operand
 * is already a literal.
 */
import type { NumberOperator, PresenceOperator, TextOperator } from './condition.js'

interface OperatorSemantics<Operand> {
  test(actual: unknown, operand: Operand): boolean
  js(actual: string, operand: string): string
}

export const textOperators: Record<TextOperator, OperatorSemantics<string>> = {
  '=': { test: (a, t) => a === t, js: (a, t) => `${a} === ${t}` },
  '!=': { test: (a, t) => a !== t, js: (a, t) => `${a} !== ${t}` },
  contains: {
    test: (a, t) => typeof a === 'string' && a.includes(t),
    js: (a, t) => `typeof ${a} === "string" && ${a}.includes(${t})`
  },
  not_contains: {
    test: (a, t) => typeof a === 'string' && !a.includes(t),
    js: (a, t) => `typeof ${a} === "string" && !${a}.includes(${t})`
  },
  starts_with: {
    test: (a, t) => typeof a === 'string' && a.startsWith(t),
    js: (a, t) => `typeof ${a} === "string" && ${a}.startsWith(${t})`
  },
  not_starts_with: {
    test: (a, t) => typeof a === 'string' && !a.startsWith(t),
    js: (a, t) => `typeof ${a} === "string" && !${a}.startsWith(${t})`
  },
  ends_with: {
    test: (a, t) => typeof a === 'string' && a.endsWith(t),
    js: (a, t) => `typeof ${a} === "string" && ${a}.endsWith(${t})`
  },
  not_ends_with: {
    test: (a, t) => typeof a === 'string' && !a.endsWith(t),
    js: (a, t) => `typeof ${a} === "string" && !${a}.endsWith(${t})`
  }
}

export const numberOperators: Record<NumberOperator, OperatorSemantics<number>> = {
  number_equals: { test: (a, n) => typeof a === 'number' && a === n, js: (a, n) => `typeof ${a} === "number" && ${a} === ${n}` },
  number_not_equals: {
    test: (a, n) => typeof a === 'number' && a !== n,
    js: (a, n) => `typeof ${a} === "number" && ${a} !== ${n}`
  },
  '<': { test: (a, n) => typeof a === 'number' && a < n, js: (a, n) => `typeof ${a} === "number" && ${a} < ${n}` },
  '<=': { test: (a, n) => typeof a === 'number' && a <= n, js: (a, n) => `typeof ${a} === "number" && ${a} <= ${n}` },
  '>': { test: (a, n) => typeof a === 'number' && a > n, js: (a, n) => `typeof ${a} === "number" && ${a} > ${n}` },
  '>=': { test: (a, n) => typeof a === 'number' && a >= n, js: (a, n) => `typeof ${a} === "number" && ${a} >= ${n}` }
}

export const presenceOperators: Record<PresenceOperator, Omit<OperatorSemantics<undefined>, 'js'> & { js(actual: string): string }> = {
  exists: { test: (a) => a !== undefined && a !== null, js: (a) => `${a} !== undefined && ${a} !== null` },
  not_exists: { test: (a) => a === undefined || a === null, js: (a) => `${a} === undefined || ${a} === null` },
  is_true: { test: (a) => a === true, js: (a) => `${a} === true` },
  is_false: { test: (a) => a === false, js: (a) => `${a} === false` }
}
