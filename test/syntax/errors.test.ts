import { describe, expect, test } from 'vitest'
import { syntaxCodes } from '../../src/compiler/diagnostics/codes/syntax.js'
import { parseExpression, parseMap, parseTrigger } from '../../src/compiler/syntax/parse.js'
import { MAX_NESTING } from '../../src/compiler/syntax/token-structure.js'
import { where } from './helpers.js'

type Case = {
  code: keyof typeof syntaxCodes
  source: string
  /** `line:column CODE` of every diagnostic, in order. */
  expected: string[]
  message: string
  hint?: string
  parse?: 'map' | 'expression' | 'trigger'
}

const d = (body: string): string => `destination d {\n${body}\n}\n`
const a = (body: string): string => d(`  action act {\n${body}\n  }`)

/** One or more cases per syntax code: where it points and what it says. */
const cases: Case[] = [
  { code: 'MAPC1001', source: d('  title # "x"'), expected: ['2:9 MAPC1001'], message: 'unexpected character `#`', hint: 'comments start with `//`' },
  { code: 'MAPC1001', source: d('  title "x";'), expected: ['2:12 MAPC1001'], message: 'unexpected character `;`', hint: 'members need no separator; remove the `;`' },
  { code: 'MAPC1001', source: d('  title "x" && "y"'), expected: ['2:13 MAPC1001'], message: 'unexpected characters `&` `&`', hint: 'write `and`' },
  { code: 'MAPC1002', source: d('  title "abc'), expected: ['2:9 MAPC1002'], message: 'this string is never closed' },
  { code: 'MAPC1003', source: d("  title 'abc'"), expected: ['2:9 MAPC1003'], message: 'strings use double quotes', hint: 'write "abc"' },
  { code: 'MAPC1004', source: d('  title "a\\qb"'), expected: ['2:11 MAPC1004'], message: '`\\q` is not an escape sequence' },
  { code: 'MAPC1004', source: d('  title "\\u12"'), expected: ['2:10 MAPC1004'], message: '`\\u` must be followed by four hexadecimal digits' },
  { code: 'MAPC1005', source: d('  title `abc{x}'), expected: ['2:9 MAPC1005'], message: 'this template is never closed' },
  { code: 'MAPC1005', source: d('  title `abc{x'), expected: ['2:9 MAPC1005'], message: 'this template is never closed' },
  // The `}` is missing before the backtick: the backtick ends the template, so the braces after it
  // still close their blocks (one error, not a cascade of unclosed blocks).
  { code: 'MAPC1050', source: a('    perform { send POST `https://x.test/{id` { json { a: 1 } } }'), expected: ['3:44 MAPC1050'], message: 'this template ends inside an interpolation: its `{` is never closed', hint: 'write `}` before the closing backtick' },
  { code: 'MAPC1050', source: d('  title `a{x` description "b"'), expected: ['2:13 MAPC1050'], message: 'this template ends inside an interpolation: its `{` is never closed' },
  { code: 'MAPC1006', source: 'destination d { title "x" }\n/* trailing', expected: ['2:1 MAPC1006'], message: 'this block comment is never closed' },
  { code: 'MAPC1007', source: d('  size 007'), expected: ['2:8 MAPC1007'], message: 'numbers cannot have leading zeros' },
  { code: 'MAPC1007', source: d('  size 1e999'), expected: ['2:8 MAPC1007'], message: '`1e999` is too large to be a number' },
  {
    code: 'MAPC1008',
    source: d(`  title ${'['.repeat(MAX_NESTING + 5)}1${']'.repeat(MAX_NESTING + 5)}`),
    // The destination's `{` is the first level.
    expected: [`2:${8 + MAX_NESTING} MAPC1008`],
    message: `nesting deeper than ${MAX_NESTING} levels`
  },
  { code: 'MAPC1008', source: 'not '.repeat(20_000) + 'x', parse: 'expression', expected: [], message: 'the expression is nested too deeply to read' },
  { code: 'MAPC1009', source: '', expected: ['1:1 MAPC1009'], message: 'this file declares no destination' },
  { code: 'MAPC1009', source: '// only a comment\n', expected: ['1:1 MAPC1009'], message: 'this file declares no destination' },
  {
    code: 'MAPC1010',
    source: d('  title "x" = "y"'),
    expected: ['2:13 MAPC1010'],
    message: 'unexpected `=` in the destination `d`; expected a member: an attribute such as `title "…"`, or `setting`, `auth`, `upsert`, `shape`, `preset`, `action`',
    hint: 'compare values with `==`; a single `=` compares only in triggers'
  },
  {
    code: 'MAPC1010',
    source: a('    feild email: string { label "E" }'),
    expected: ['3:5 MAPC1010'],
    message: 'unknown member `feild` in the action `act`',
    hint: 'did you mean `field`?'
  },
  { code: 'MAPC1010', source: 'destinaton d { title "x" }', expected: ['1:1 MAPC1010'], message: 'unexpected `destinaton` at the top level; expected a destination: `destination <name> { … }`', hint: 'did you mean `destination`?' },
  { code: 'MAPC1010', source: d('  setting s string {}'), expected: ['2:13 MAPC1010'], message: 'expected `:` in a setting; found `string`' },
  {
    code: 'MAPC1011',
    source: 'destination d {\n  action identifyUser {\n    title "x"\n',
    expected: ['3:14 MAPC1011'],
    message: 'expected `}` to close the action `identifyUser` opened at 2:23; found the end of the file'
  },
  { code: 'MAPC1011', source: d('  title f(a, b'), expected: ['3:1 MAPC1011'], message: 'expected `)` to close the call to `f` opened at 2:10; found `}`' },
  { code: 'MAPC1012', source: 'a b', parse: 'expression', expected: ['1:3 MAPC1012'], message: 'unexpected `b` after the end of the expression' },
  { code: 'MAPC1013', source: d('  title "x" ??'), expected: ['3:1 MAPC1013'], message: 'expected an expression; found `}`', hint: 'a value is missing before it' },
  { code: 'MAPC1014', source: d('  default { a: 1 b: 2 }'), expected: ['2:18 MAPC1014'], message: 'expected `,` or `}`; found `b`', hint: 'separate object entries with `,`' },
  { code: 'MAPC1014', source: d('  default [1 2]'), expected: ['2:14 MAPC1014'], message: 'expected `,` or `]`; found `2`', hint: 'separate array items with `,`' },
  { code: 'MAPC1015', source: d('  field x: string {}'), expected: ['2:3 MAPC1015'], message: '`field` cannot appear in the destination `d`', hint: 'fields belong in an action' },
  { code: 'MAPC1015', source: a('    setting x: string {}'), expected: ['3:5 MAPC1015'], message: '`setting` cannot appear in the action `act`', hint: 'settings belong in the destination block; is a `}` missing before it?' },
  { code: 'MAPC1016', source: a('    field for: string {}'), expected: ['3:11 MAPC1016'], message: '`for` is a keyword and cannot name a field', hint: 'keywords are reserved; choose another name, such as `for_`' },
  { code: 'MAPC1017', source: 'begins(event, "x")', parse: 'trigger', expected: ['1:1 MAPC1017'], message: '`begins` is not a trigger function' },
  {
    code: 'MAPC1018',
    source: d('  auth api_key {\n    test GET "https://a"\n    test GET "https://b"\n  }'),
    expected: ['4:5 MAPC1018'],
    message: 'an `auth` block has only one `test` request'
  }
]

function run(c: Case) {
  switch (c.parse) {
    case 'expression':
      return parseExpression(c.source).diagnostics
    case 'trigger':
      return parseTrigger(c.source).diagnostics
    default:
      return parseMap(c.source, 'test.map').diagnostics
  }
}

describe('every syntax diagnostic, at its exact place', () => {
  test.each(cases)('$code: $message', (c) => {
    const diagnostics = run(c)
    if (c.expected.length > 0) expect(diagnostics.map(where)).toEqual(c.expected)
    expect(diagnostics.map((x) => x.code)).toContain(c.code)
    const found = diagnostics.find((x) => x.code === c.code)
    expect(found?.message).toBe(c.message)
    if (c.hint !== undefined) expect(found?.hint).toBe(c.hint)
    expect(found?.severity).toBe('error')
  })

  test('the table covers every syntax code', () => {
    expect(new Set(cases.map((c) => c.code))).toEqual(new Set(Object.keys(syntaxCodes)))
  })

  test('an unclosed bracket points back at its opener', () => {
    const [diagnostic] = parseMap('destination d {\n  action identifyUser {\n    title "x"\n', 'f.map').diagnostics
    expect(diagnostic?.related.map((r) => [r.span.start.line, r.span.start.column, r.message])).toEqual([
      [2, 23, 'the action `identifyUser` opened here']
    ])
  })

  test('a misspelt member keyword points at what the parser stopped at', () => {
    const [diagnostic] = parseMap(a('    feild email: string { label "E" }'), 'f.map').diagnostics
    expect(diagnostic?.related.map((r) => `${r.span.start.line}:${r.span.start.column} ${r.message}`)).toEqual([
      '3:16 read as an attribute, it is followed by `:`'
    ])
  })
})
