/**
 * The expression arbitrary reaches the whole language: every built-in of the signature registry
 * (a built-in added there and not generated fails here), every binary operator the parser reads
 * (found by parsing `$.a <token> $.b` for every token of the lexer, so a new operator fails here
 * too), every kind of expression, and every path form. The differential test and the formatter's
 * round trip are only as strong as this coverage.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { builtinSignatures } from '../../src/compiler/check/builtins.js'
import type { Expr } from '../../src/compiler/syntax/ast.js'
import { parseExpression } from '../../src/compiler/syntax/parse.js'
import { allTokens } from '../../src/compiler/syntax/tokens.js'
import { builtinResultSort, expressionArbitrary, type ExpressionScope } from '../../src/testing/expression-arbitrary.js'
import { defaultScope, requestScope } from '../emit/support/generated-destination.js'

/** Every feature an expression shows: its kind, operator, callee, path and entry forms. */
function features(expr: Expr, out = new Set<string>()): Set<string> {
  out.add(expr.kind)
  switch (expr.kind) {
    case 'Binary':
      out.add(`operator ${expr.operator}`)
      features(expr.left, out)
      features(expr.right, out)
      break
    case 'Call':
      out.add(`call ${expr.callee.name}`)
      expr.args.forEach((a) => features(a, out))
      break
    case 'EventPath':
      for (const s of expr.segments) out.add(s.kind === 'Index' ? 'path index' : s.quoted ? 'path quoted key' : 'path key')
      if (expr.segments.length > 2) out.add('path deep')
      break
    case 'Member':
      out.add(expr.object.kind === 'EventPath' ? 'member of a path' : 'member')
      features(expr.object, out)
      break
    case 'Index':
      out.add(expr.index.kind === 'Number' || expr.index.kind === 'String' ? 'index literal' : 'index computed')
      features(expr.object, out)
      features(expr.index, out)
      break
    case 'Template':
      if (expr.expressions.length > 0) out.add('template with parts')
      expr.expressions.forEach((e) => features(e, out))
      break
    case 'Object':
      for (const e of expr.entries) {
        out.add(e.kind === 'Spread' ? 'spread' : e.shorthand ? 'shorthand' : e.quoted ? 'quoted key' : 'key')
        features(e.value, out)
      }
      break
    case 'Array':
      expr.items.forEach((i) => features(i, out))
      break
    case 'For':
      features(expr.iterable, out)
      features(expr.body, out)
      break
    case 'Not':
      features(expr.operand, out)
      break
    case 'If':
      out.add(expr.else ? 'if else' : 'if without else')
      features(expr.condition, out)
      features(expr.then, out)
      if (expr.else) features(expr.else, out)
      break
    case 'Name':
      out.add(expr.name === 'settings' ? 'settings' : 'name')
      break
    default:
      break
  }
  return out
}

function sampled(scope: ExpressionScope, runs: number): Set<string> {
  const seen = new Set<string>()
  for (const expr of fc.sample(expressionArbitrary('value', scope, { depth: 3 }), { numRuns: runs, seed: 14 })) features(expr, seen)
  return seen
}

/** The binary operators the parser reads: every token's text between two paths that parses to one. */
function parsedOperators(): string[] {
  const operators = new Set<string>()
  for (const token of allTokens) {
    const pattern = token.PATTERN
    const text = typeof pattern === 'string' ? pattern : pattern instanceof RegExp && /^[a-z]+$/.test(pattern.source) ? pattern.source : undefined
    if (text === undefined) continue
    const { expr, diagnostics } = parseExpression(`$.a ${text} $.b`)
    if (diagnostics.length === 0 && expr?.kind === 'Binary') operators.add(expr.operator)
  }
  return [...operators].sort()
}

describe('the expression arbitrary', () => {
  const inDefaults = sampled(defaultScope, 3000)
  const inRequests = sampled(requestScope, 3000)
  const all = new Set([...inDefaults, ...inRequests])

  it('calls every built-in function of the registry, in both scopes', () => {
    const builtins = Object.keys(builtinSignatures)
    expect(builtins.length).toBeGreaterThan(10)
    for (const name of builtins) {
      expect(inDefaults, `call ${name} over events`).toContain(`call ${name}`)
      expect(inRequests, `call ${name} over payloads`).toContain(`call ${name}`)
    }
  })

  it('uses every binary operator the parser knows, and `not`', () => {
    const operators = parsedOperators()
    expect(operators).toEqual(expect.arrayContaining(['??', '+', '==', '!=', 'and', 'or']))
    for (const operator of operators) expect(all, operator).toContain(`operator ${operator}`)
    expect(all).toContain('Not')
  })

  it('builds every kind of expression and every form of path, member, entry and conditional', () => {
    const kinds = ['String', 'Number', 'Boolean', 'Null', 'EventPath', 'Name', 'Member', 'Index', 'Call', 'Template', 'Object', 'Array', 'For', 'Binary', 'Not', 'If']
    const forms = [
      'path key',
      'path quoted key',
      'path index',
      'path deep',
      'member',
      'index literal',
      'index computed',
      'template with parts',
      'spread',
      'shorthand',
      'quoted key',
      'key',
      'if else',
      'if without else',
      'settings',
      'name'
    ]
    for (const feature of [...kinds, ...forms]) expect(all, feature).toContain(feature)
    expect(inDefaults).toContain('EventPath')
    expect(inRequests).not.toContain('EventPath')
  })

  it("places each built-in's result by its signature", () => {
    expect(builtinResultSort('exists')).toBe('boolean')
    expect(builtinResultSort('lower')).toBe('string')
    expect(builtinResultSort('number')).toBe('number')
    expect(builtinResultSort('from_json')).toBe('unknown')
  })
})
