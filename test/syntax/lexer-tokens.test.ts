/**
 * The lexer's word and number patterns, token by token: where an identifier or a number starts
 * and ends, which characters belong to it, and what a keyword prefix makes of it. The parser's
 * tests reach these patterns only through whole expressions, where a pattern that is one
 * character off can still parse to something.
 */
import { describe, expect, it } from 'vitest'
import { lex } from '../../src/compiler/syntax/lexer.js'
import { LineIndex } from '../../src/compiler/syntax/line-index.js'

/** Each token as `Type:image`, with the lexer's diagnostics' codes. */
function tokens(text: string): { tokens: string[]; diagnostics: string[] } {
  const result = lex(new LineIndex(text, 't.map'))
  return { tokens: result.tokens.map((t) => `${t.tokenType.name}:${t.image}`), diagnostics: result.diagnostics.map((d) => d.code) }
}

describe('identifiers', () => {
  it.each([
    ['a', ['Identifier:a']],
    ['_', ['Identifier:_']],
    ['_x9', ['Identifier:_x9']],
    ['Zz_09', ['Identifier:Zz_09']],
    ['camelCase', ['Identifier:camelCase']],
    ['x__', ['Identifier:x__']]
  ])('%s is one identifier', (text, expected) => {
    expect(tokens(text)).toEqual({ tokens: expected, diagnostics: [] })
  })

  it('does not start with a digit: a number, then a name', () => {
    expect(tokens('9a').tokens).toEqual(['NumberLiteral:9', 'Identifier:a'])
  })

  it('ends at characters that are not letters, digits or underscores', () => {
    expect(tokens('a.b').tokens).toEqual(['Identifier:a', 'Dot:.', 'Identifier:b'])
    expect(tokens('a+b').tokens).toEqual(['Identifier:a', 'Plus:+', 'Identifier:b'])
    expect(tokens('a b').tokens).toEqual(['Identifier:a', 'Identifier:b'])
    expect(tokens('ab(').tokens).toEqual(['Identifier:ab', 'LParen:('])
  })

  it('takes no letters outside ASCII: é is an unexpected character', () => {
    const result = tokens('café')
    expect(result.tokens).toEqual(['Identifier:caf'])
    expect(result.diagnostics).toHaveLength(1)
  })

  it('is a keyword only when the whole word is one', () => {
    expect(tokens('for').tokens).toEqual(['For:for'])
    expect(tokens('format').tokens).toEqual(['Identifier:format'])
    expect(tokens('form').tokens).toEqual(['Form:form'])
    expect(tokens('iff').tokens).toEqual(['Identifier:iff'])
    expect(tokens('if_').tokens).toEqual(['Identifier:if_'])
    expect(tokens('in2').tokens).toEqual(['Identifier:in2'])
    expect(tokens('nulls').tokens).toEqual(['Identifier:nulls'])
    expect(tokens('GETTER').tokens).toEqual(['Identifier:GETTER'])
  })

  it('with hyphens is one hyphenated name (a format), and a keyword prefix does not split it', () => {
    expect(tokens('date-time').tokens).toEqual(['HyphenatedName:date-time'])
    expect(tokens('for-each').tokens).toEqual(['HyphenatedName:for-each'])
    expect(tokens('a-b-c_1').tokens).toEqual(['HyphenatedName:a-b-c_1'])
  })
})

describe('numbers', () => {
  it.each([
    ['0', ['NumberLiteral:0']],
    ['42', ['NumberLiteral:42']],
    ['-7', ['NumberLiteral:-7']],
    ['3.25', ['NumberLiteral:3.25']],
    ['-0.5', ['NumberLiteral:-0.5']],
    ['1e3', ['NumberLiteral:1e3']],
    ['1E3', ['NumberLiteral:1E3']],
    ['2.5e-7', ['NumberLiteral:2.5e-7']],
    ['6e+2', ['NumberLiteral:6e+2']],
    ['1234567890', ['NumberLiteral:1234567890']]
  ])('%s is one number', (text, expected) => {
    expect(tokens(text).tokens).toEqual(expected)
  })

  it('needs digits after the point: `1.` is a number, then a dot', () => {
    expect(tokens('1.').tokens).toEqual(['NumberLiteral:1', 'Dot:.'])
    expect(tokens('1.a').tokens).toEqual(['NumberLiteral:1', 'Dot:.', 'Identifier:a'])
  })

  it('needs digits before the point: `.5` is a dot, then a number', () => {
    expect(tokens('.5').tokens).toEqual(['Dot:.', 'NumberLiteral:5'])
  })

  it('needs digits in the exponent: `1e` is a number, then a name', () => {
    expect(tokens('1e').tokens).toEqual(['NumberLiteral:1', 'Identifier:e'])
    expect(tokens('1e+').tokens).toEqual(['NumberLiteral:1', 'Identifier:e', 'Plus:+'])
  })

  it('takes one point and one exponent', () => {
    expect(tokens('1.2.3').tokens).toEqual(['NumberLiteral:1.2', 'Dot:.', 'NumberLiteral:3'])
    expect(tokens('1e2e3').tokens).toEqual(['NumberLiteral:1e2', 'Identifier:e3'])
  })

  it('keeps leading zeros in one token, and reports them', () => {
    const result = tokens('007')
    expect(result.tokens).toEqual(['NumberLiteral:007'])
    expect(result.diagnostics).toHaveLength(1)
  })

  it('reads a minus before digits as part of the number, and before a name as unexpected', () => {
    expect(tokens('a -1').tokens).toEqual(['Identifier:a', 'NumberLiteral:-1'])
    const result = tokens('-a')
    expect(result.tokens).toEqual(['Identifier:a'])
    expect(result.diagnostics).toHaveLength(1)
  })
})

describe('a backtick inside an unclosed interpolation', () => {
  it('ends the template when no other backtick follows on the line (MAPC1050), so what follows is read as written', () => {
    expect(tokens('`a{x` { }')).toEqual({
      tokens: ['TemplateHead:`a{', 'Identifier:x', 'TemplateTail:`', 'LBrace:{', 'RBrace:}'],
      diagnostics: ['MAPC1050']
    })
  })

  it('still starts a nested template when its closing backtick follows on the line', () => {
    expect(tokens('`a{`b`}c`')).toEqual({ tokens: ['TemplateHead:`a{', 'TemplateString:`b`', 'TemplateTail:}c`'], diagnostics: [] })
  })

  it('is an ordinary template start outside interpolations', () => {
    expect(tokens('x `a` {')).toEqual({ tokens: ['Identifier:x', 'TemplateString:`a`', 'LBrace:{'], diagnostics: [] })
  })
})

describe('templates over a line break, and backslashes in templates', () => {
  it('a backslash escapes the next character: a backtick, a brace or another backslash stay text', () => {
    expect(tokens('`a\\`b`')).toEqual({ tokens: ['TemplateString:`a\\`b`'], diagnostics: [] })
    expect(tokens('`a\\{b`')).toEqual({ tokens: ['TemplateString:`a\\{b`'], diagnostics: [] })
    expect(tokens('`a\\\\`b')).toEqual({ tokens: ['TemplateString:`a\\\\`', 'Identifier:b'], diagnostics: [] })
  })

  it('a backslash before a line break or the end escapes nothing (MAPC1004) and ends the template there, unterminated', () => {
    expect(tokens('`a\\\nb')).toEqual({ tokens: ['TemplateString:`a\\', 'Identifier:b'], diagnostics: ['MAPC1004', 'MAPC1005'] })
    expect(tokens('`a\\\r\nb')).toEqual({ tokens: ['TemplateString:`a\\', 'Identifier:b'], diagnostics: ['MAPC1004', 'MAPC1005'] })
    expect(tokens('`a\\')).toEqual({ tokens: ['TemplateString:`a\\'], diagnostics: ['MAPC1004', 'MAPC1005'] })
  })

  it('template text ends at a line break', () => {
    expect(tokens('`ab\ncd')).toEqual({ tokens: ['TemplateString:`ab', 'Identifier:cd'], diagnostics: ['MAPC1005'] })
    expect(tokens('`ab\rcd')).toEqual({ tokens: ['TemplateString:`ab', 'Identifier:cd'], diagnostics: ['MAPC1005'] })
    expect(tokens('`{1}ab\ncd')).toEqual({ tokens: ['TemplateHead:`{', 'NumberLiteral:1', 'TemplateTail:}ab', 'Identifier:cd'], diagnostics: ['MAPC1005'] })
  })

  it('counts every brace opened inside an interpolation, nested ones too', () => {
    expect(tokens('`a{ {b: {c: 1}} }d`').tokens).toEqual([
      'TemplateHead:`a{', 'LBrace:{', 'Identifier:b', 'Colon::', 'LBrace:{', 'Identifier:c', 'Colon::', 'NumberLiteral:1', 'RBrace:}', 'RBrace:}', 'TemplateTail:}d`'
    ])
  })

  it('an interpolation left open at a line break is abandoned: a `}` on the next line is a brace', () => {
    expect(tokens('`a{\n}')).toEqual({ tokens: ['TemplateHead:`a{', 'RBrace:}'], diagnostics: ['MAPC1005'] })
    expect(tokens('`a{x\ny}')).toEqual({ tokens: ['TemplateHead:`a{', 'Identifier:x', 'Identifier:y', 'RBrace:}'], diagnostics: ['MAPC1005'] })
    expect(tokens('`a{x\r\n}')).toEqual({ tokens: ['TemplateHead:`a{', 'Identifier:x', 'RBrace:}'], diagnostics: ['MAPC1005'] })
    expect(tokens('`a{\n}b{').tokens).toEqual(['TemplateHead:`a{', 'RBrace:}', 'Identifier:b', 'LBrace:{'])
    // Braces opened inside the abandoned part do not count on the next line either.
    expect(tokens('`a{ {\n} `b{1}c`')).toEqual({
      tokens: ['TemplateHead:`a{', 'LBrace:{', 'RBrace:}', 'TemplateHead:`b{', 'NumberLiteral:1', 'TemplateTail:}c`'],
      diagnostics: ['MAPC1005']
    })
  })

  it('reports the abandoned template when the line ends, before what later lines hold', () => {
    const result = lex(new LineIndex('`a{1\n}b`', 't.map'))
    expect(result.tokens.map((t) => `${t.tokenType.name}:${t.image}`)).toEqual(['TemplateHead:`a{', 'NumberLiteral:1', 'RBrace:}', 'Identifier:b', 'TemplateString:`'])
    expect(result.diagnostics.map((d) => `${d.code}@${d.span.start.offset}`)).toEqual(['MAPC1005@0', 'MAPC1005@7'])
  })

  it('a backtick in an unclosed interpolation looks for another backtick on its line only, past escaped ones', () => {
    // The other backtick is on the next line: this one ends the template.
    expect(tokens('`a{x`\n`b`')).toEqual({ tokens: ['TemplateHead:`a{', 'Identifier:x', 'TemplateTail:`', 'TemplateString:`b`'], diagnostics: ['MAPC1050'] })
    expect(tokens('`a{x`\r`b`').tokens).toEqual(['TemplateHead:`a{', 'Identifier:x', 'TemplateTail:`', 'TemplateString:`b`'])
    // An escaped backtick cannot close a template: this one ends the template too.
    expect(tokens('`a{x` \\`').tokens.slice(0, 3)).toEqual(['TemplateHead:`a{', 'Identifier:x', 'TemplateTail:`'])
  })
})

describe('character hints look at the first character of a run only', () => {
  it.each(['~\u00a0', '~\u201c', '~\u2018', '~é'])('%j has no hint', (text) => {
    const result = lex(new LineIndex(text, 't.map'))
    expect(result.diagnostics.map((d) => [d.code, d.hint])).toEqual([['MAPC1001', undefined]])
  })
})
