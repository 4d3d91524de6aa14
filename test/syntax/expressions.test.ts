import { describe, expect, test } from 'vitest'
import { parseExpression } from '../../src/compiler/syntax/parse.js'
import { withoutSpans } from './helpers.js'
import * as A from './ast-builders.js'

/** Every expression form of docs/language.md, with the AST it must produce. */
const corpus: [string, unknown][] = [
  ['$', A.path()],
  ['$.traits.email', A.path(A.key('traits'), A.key('email'))],
  ['$.properties["Order ID"]', A.path(A.key('properties'), A.key('Order ID', true))],
  ['$.items[0].sku', A.path(A.key('items'), A.index(0), A.key('sku'))],
  ['$.type', A.path(A.key('type'))],
  ['$.properties.default', A.path(A.key('properties'), A.key('default'))],
  ['$.items[i].sku', A.member(A.at(A.path(A.key('items')), A.name('i')), 'sku')],
  ['$.items[-1]', A.at(A.path(A.key('items')), A.num('-1'))],
  ['($.a).b', A.member(A.path(A.key('a')), 'b')],
  ['"text"', A.str('text')],
  ['"a\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9"', A.str('a"b\\c/d\b\f\n\r\té')],
  ['42', A.num('42')],
  ['-1', A.num('-1')],
  ['3.5', A.num('3.5')],
  ['1e3', A.num('1e3')],
  ['true', A.bool(true)],
  ['false', A.bool(false)],
  ['null', A.nul],
  ['`ext-{user_id}`', A.tpl(['ext-', ''], A.name('user_id'))],
  ['`plain`', A.tpl(['plain'])],
  ['`a{x}b{y}c`', A.tpl(['a', 'b', 'c'], A.name('x'), A.name('y'))],
  ['`\\{not\\} \\` \\\\`', A.tpl(['{not} ` \\'])],
  ['`a{ {k: `n{v}`}.k }b`', A.tpl(['a', 'b'], A.member(A.obj(A.prop('k', A.tpl(['n', ''], A.name('v')))), 'k'))],
  ['{}', A.obj()],
  ['{ a: x, "b c": y, ...o, z }', A.obj(A.prop('a', A.name('x')), A.prop('b c', A.name('y'), true), A.spread(A.name('o')), A.short('z'))],
  ['{ type: "track", default: 1, }', A.obj(A.prop('type', A.str('track')), A.prop('default', A.num('1')))],
  ['[a, b]', A.arr(A.name('a'), A.name('b'))],
  ['[]', A.arr()],
  ['[1,]', A.arr(A.num('1'))],
  ['[for x in xs: x.id]', A.forIn('x', A.name('xs'), A.member(A.name('x'), 'id'))],
  ['[for user in batch: user]', A.forIn('user', A.name('batch'), A.name('user'))],
  ['a ?? b', A.bin('??', A.name('a'), A.name('b'))],
  ['a ?? b ?? c', A.bin('??', A.bin('??', A.name('a'), A.name('b')), A.name('c'))],
  ['a ?? (b ?? c)', A.bin('??', A.name('a'), A.bin('??', A.name('b'), A.name('c')))],
  ['"Bearer " + (auth.accessToken ?? "undefined")', A.bin('+', A.str('Bearer '), A.bin('??', A.member(A.name('auth'), 'accessToken'), A.str('undefined')))],
  ['a + b ?? c', A.bin('??', A.bin('+', A.name('a'), A.name('b')), A.name('c'))],
  ['a == b', A.bin('==', A.name('a'), A.name('b'))],
  ['a != b ?? c', A.bin('!=', A.name('a'), A.bin('??', A.name('b'), A.name('c')))],
  ['not a', A.not(A.name('a'))],
  ['not a == b', A.not(A.bin('==', A.name('a'), A.name('b')))],
  ['not not a', A.not(A.not(A.name('a')))],
  ['not exists(user_id) and not exists(email)', A.bin('and', A.not(A.call('exists', A.name('user_id'))), A.not(A.call('exists', A.name('email'))))],
  ['a or b and c', A.bin('or', A.name('a'), A.bin('and', A.name('b'), A.name('c')))],
  ['(a or b) and c', A.bin('and', A.bin('or', A.name('a'), A.name('b')), A.name('c'))],
  ['if c then a', A.iff(A.name('c'), A.name('a'))],
  ['if c then a else b', A.iff(A.name('c'), A.name('a'), A.name('b'))],
  ['if a then if b then c else d', A.iff(A.name('a'), A.iff(A.name('b'), A.name('c'), A.name('d')))],
  ['if exists(user_id) then [user_id]', A.iff(A.call('exists', A.name('user_id')), A.arr(A.name('user_id')))],
  ['f()', A.call('f')],
  ['f(x, y)', A.call('f', A.name('x'), A.name('y'))],
  ['string(received_at)', A.call('string', A.name('received_at'))],
  ['company.data.id.record_id', A.member(A.member(A.member(A.name('company'), 'data'), 'id'), 'record_id')],
  ['response.results[0]', A.at(A.member(A.name('response'), 'results'), A.num('0'))],
  ['settings.apiKey', A.member(A.name('settings'), 'apiKey')],
  ['batch', A.name('batch')],
  ['x /* inline */ ?? // line\n y', A.bin('??', A.name('x'), A.name('y'))]
]

describe('expressions', () => {
  test.each(corpus)('%s', (source, expected) => {
    const { expr, diagnostics } = parseExpression(source)
    expect(diagnostics).toEqual([])
    expect(withoutSpans(expr)).toEqual(expected)
  })

  test('spans cover the source text, parentheses included', () => {
    const source = '(a ?? b) + $.items[0].sku'
    const { expr } = parseExpression(source)
    if (expr?.kind !== 'Binary') throw new Error('expected a binary expression')
    expect(source.slice(expr.span.start.offset, expr.span.end.offset)).toBe(source)
    expect(source.slice(expr.left.span.start.offset, expr.left.span.end.offset)).toBe('a ?? b')
    expect(source.slice(expr.operatorSpan.start.offset, expr.operatorSpan.end.offset)).toBe('+')
    expect(expr.right.span).toMatchObject({ start: { offset: 11, line: 1, column: 12 }, end: { offset: 25, line: 1, column: 26 } })
    if (expr.right.kind !== 'EventPath') throw new Error('expected a path')
    expect(expr.right.segments.map((s) => source.slice(s.span.start.offset, s.span.end.offset))).toEqual(['items', '0', 'sku'])
  })

  test('a property key and a member name carry their own spans', () => {
    const source = '{ "b c": x.y }'
    const { expr } = parseExpression(source)
    if (expr?.kind !== 'Object') throw new Error('expected an object')
    const entry = expr.entries[0]
    if (entry?.kind !== 'Property' || entry.value.kind !== 'Member') throw new Error('expected a property')
    expect(source.slice(entry.keySpan.start.offset, entry.keySpan.end.offset)).toBe('"b c"')
    expect(source.slice(entry.value.propertySpan.start.offset, entry.value.propertySpan.end.offset)).toBe('y')
    expect(source.slice(entry.span.start.offset, entry.span.end.offset)).toBe('"b c": x.y')
  })

  test('an empty expression is reported and yields no AST', () => {
    const { expr, diagnostics } = parseExpression('')
    expect(expr).toBeUndefined()
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([['MAPC1013', 'expected an expression; found the end of the input']])
  })

  test('input after a complete expression is reported at its first token', () => {
    const { diagnostics } = parseExpression('a b', 'mapping')
    expect(diagnostics).toHaveLength(1)
    expect(diagnostics[0]).toMatchObject({ code: 'MAPC1012', span: { file: 'mapping', start: { line: 1, column: 3 } } })
  })

  test('`!` in an expression is reported with a hint to write `not`', () => {
    const { diagnostics } = parseExpression('!a')
    expect(diagnostics[0]).toMatchObject({ code: 'MAPC1013', span: { start: { column: 1 } }, hint: 'expressions negate with `not`; `!` is only for triggers' })
  })
})
