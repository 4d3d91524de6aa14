/**
 * `renderExpr` writes a typed expression back in the language's own syntax, on one line: how docs,
 * field metadata (`defaultText`) and run-time errors quote what the author wrote. What it writes
 * must read back as the same expression: parentheses where precedence needs them and nowhere
 * else, and every string and template escaped as the lexer reads them.
 */
import { describe, expect, it } from 'vitest'
import { anyType } from '../../src/compiler/check/types.js'
import { renderExpr } from '../../src/compiler/emit/render-expr.js'
import { typedExpression } from '../check/support/typed-expression.js'

const names = { fields: Object.fromEntries(['a', 'b', 'c', 'd', 'o', 'list'].map((n) => [n, anyType])) }

function rendered(text: string): string {
  return renderExpr(typedExpression(text, names))
}

describe('renderExpr', () => {
  it.each([
    '$.traits.email ?? $.email',
    '$.properties["Order ID"]',
    '$.items[0].sku',
    '$',
    '{ a: a, "b c": 1, ...o }',
    '[for x in list: x.name]',
    'if exists(a) then [a] else []',
    'a ?? b + c',
    '(a ?? b) + c',
    'a + b + c',
    'a + (b + c)',
    'not a and b',
    'not (a and b)',
    'a or b and c',
    '(a or b) and c',
    '(if a then b else c) ?? d',
    'o.list[a]',
    'lower(a) == "x"',
    'null'
  ])('writes %s as it reads', (text) => {
    expect(rendered(text)).toBe(text)
  })

  it('leaves out parentheses precedence does not need', () => {
    expect(rendered('(a + b) ?? (c)')).toBe('a + b ?? c')
    expect(rendered('((a == b))')).toBe('a == b')
  })

  it('escapes strings and templates so that they read back as the same text', () => {
    const text = '{ s: "say \\"hi\\"\\n", t: `line\\nnext \\{not\\} \\` {a}` }'
    const once = rendered(text)
    expect(once).toBe(text)
    expect(once).not.toContain('\n')
    expect(rendered(once)).toBe(once)
  })
})
