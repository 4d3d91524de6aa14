/**
 * Small builders for trigger ASTs, so tests do not depend on the parser. Each node gets a distinct
 * span (its own line) so tests can tell which node a problem points at.
 */
import type {
  Span,
  Trigger,
  TriggerCall,
  TriggerCompare,
  TriggerOperator,
  TriggerValue
} from '../../src/compiler/syntax/ast.js'

let nextLine = 1

export function span(line = nextLine++): Span {
  return { file: 'test.map', start: { offset: 0, line, column: 1 }, end: { offset: 1, line, column: 2 } }
}

export type Literal = string | number | boolean | null

export function value(literal: Literal): TriggerValue {
  if (literal === null) return { kind: 'Null', span: span() }
  if (typeof literal === 'string') return { kind: 'String', value: literal, span: span() }
  if (typeof literal === 'number') return { kind: 'Number', value: literal, raw: String(literal), span: span() }
  return { kind: 'Boolean', value: literal, span: span() }
}

function path(dotted: string | readonly string[]): TriggerCompare['path'] {
  const segments = typeof dotted === 'string' ? dotted.split('.') : [...dotted]
  return { kind: 'TriggerPath', segments, span: span() }
}

/** `cmp('properties.total', '>', 10)`; pass an array for names containing dots. */
export function cmp(at: string | readonly string[], operator: TriggerOperator, literal: Literal): TriggerCompare {
  return { kind: 'TriggerCompare', path: path(at), operator, operatorSpan: span(), value: value(literal), span: span() }
}

export function call(fn: 'contains' | 'match', at: string | readonly string[], argument: string): TriggerCall {
  return { kind: 'TriggerCall', function: fn, path: path(at), argument: { value: argument, span: span() }, span: span() }
}

export function and(left: Trigger, right: Trigger, ...more: Trigger[]): Trigger {
  return [right, ...more].reduce((acc, next) => ({ kind: 'TriggerAnd', left: acc, right: next, span: span() }), left)
}

export function or(left: Trigger, right: Trigger, ...more: Trigger[]): Trigger {
  return [right, ...more].reduce((acc, next) => ({ kind: 'TriggerOr', left: acc, right: next, span: span() }), left)
}

export function not(operand: Trigger): Trigger {
  return { kind: 'TriggerNot', operand, span: span() }
}

export function parseError(): Trigger {
  return { kind: 'TriggerError', span: span() }
}
