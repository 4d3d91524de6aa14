/**
 * Every token kind of the lexer, each from the shortest text that makes it, and the boundaries
 * where one kind gives way to another: the longest punctuation wins (`...` over `.`, `==` over
 * `=`), strings end at their quote or the line, templates split into head, middle and tail
 * around their `{…}` parts, comments are kept aside. A token kind added to `allTokens` without a
 * case here fails the first test: the table is the lexer's specification.
 */
import { describe, expect, it } from 'vitest'
import { Lexer } from 'chevrotain'
import { lex } from '../../src/compiler/syntax/lexer.js'
import { LineIndex } from '../../src/compiler/syntax/line-index.js'
import { allTokens, keywordText, keywordTokens } from '../../src/compiler/syntax/tokens.js'

interface Lexed {
  tokens: string[]
  comments: string[]
  /** Each diagnostic as `code@start-end` (offsets). */
  diagnostics: string[]
}

function lexed(text: string): Lexed {
  const result = lex(new LineIndex(text, 't.map'))
  return {
    tokens: result.tokens.map((t) => `${t.tokenType.name}:${t.image}`),
    comments: result.comments.map((c) => c.text),
    diagnostics: result.diagnostics.map((d) => `${d.code}@${d.span.start.offset}-${d.span.end.offset}`)
  }
}

/** The shortest text of each token kind that is not a keyword, and what the lexer makes of it. */
const samples: Record<string, [text: string, tokens: string[]]> = {
  Identifier: ['x', ['Identifier:x']],
  HyphenatedName: ['date-time', ['HyphenatedName:date-time']],
  StringLiteral: ['"s"', ['StringLiteral:"s"']],
  NumberLiteral: ['1', ['NumberLiteral:1']],
  TemplateString: ['`t`', ['TemplateString:`t`']],
  TemplateHead: ['`a{1}`', ['TemplateHead:`a{', 'NumberLiteral:1', 'TemplateTail:}`']],
  TemplateMiddle: ['`{1}m{2}`', ['TemplateHead:`{', 'NumberLiteral:1', 'TemplateMiddle:}m{', 'NumberLiteral:2', 'TemplateTail:}`']],
  TemplateTail: ['`{1}z`', ['TemplateHead:`{', 'NumberLiteral:1', 'TemplateTail:}z`']],
  LBrace: ['{', ['LBrace:{']],
  RBrace: ['}', ['RBrace:}']],
  LParen: ['(', ['LParen:(']],
  RParen: [')', ['RParen:)']],
  LBracket: ['[', ['LBracket:[']],
  RBracket: [']', ['RBracket:]']],
  Comma: [',', ['Comma:,']],
  Colon: [':', ['Colon::']],
  Ellipsis: ['...', ['Ellipsis:...']],
  Dot: ['.', ['Dot:.']],
  EqualsEquals: ['==', ['EqualsEquals:==']],
  NotEquals: ['!=', ['NotEquals:!=']],
  Equals: ['=', ['Equals:=']],
  Coalesce: ['??', ['Coalesce:??']],
  Plus: ['+', ['Plus:+']],
  Arrow: ['->', ['Arrow:->']],
  Dollar: ['$', ['Dollar:$']],
  Bang: ['!', ['Bang:!']],
  LessEquals: ['<=', ['LessEquals:<=']],
  Less: ['<', ['Less:<']],
  GreaterEquals: ['>=', ['GreaterEquals:>=']],
  Greater: ['>', ['Greater:>']]
}

/** Kinds that never appear in the token stream: trivia, comments and categories. */
const notInStream = new Set(['Whitespace', 'LineComment', 'BlockComment', 'AnyToken', 'Word', 'HttpMethod', 'RequestPartKeyword'])

describe('every token kind', () => {
  it('has a case here, or is a keyword, trivia or a category', () => {
    const keywords = new Set(keywordTokens.map((k) => k.name))
    const uncovered = allTokens.map((t) => t.name).filter((name) => !(name in samples) && !keywords.has(name) && !notInStream.has(name))
    expect(uncovered).toEqual([])
    // Categories match nothing themselves.
    for (const name of ['AnyToken', 'Word', 'HttpMethod', 'RequestPartKeyword']) {
      expect(allTokens.find((t) => t.name === name)?.PATTERN).toBe(Lexer.NA)
    }
  })

  it.each(Object.entries(samples))('%s', (_kind, [text, tokens]) => {
    expect(lexed(text)).toEqual({ tokens, comments: [], diagnostics: [] })
  })

  it.each(keywordTokens.map((k) => [keywordText(k), k.name]))('keyword %s is %s, and a longer word is a name', (word, name) => {
    expect(lexed(word)).toEqual({ tokens: [`${name}:${word}`], comments: [], diagnostics: [] })
    expect(lexed(`${word}x`).tokens).toEqual([`Identifier:${word}x`])
    expect(lexed(`${word}_`).tokens).toEqual([`Identifier:${word}_`])
    expect(lexed(`${word}1`).tokens).toEqual([`Identifier:${word}1`])
    expect(lexed(`${word}-x`).tokens).toEqual([`HyphenatedName:${word}-x`])
    expect(lexed(`${word}.`).tokens).toEqual([`${name}:${word}`, 'Dot:.'])
  })

  it('keywords are case-sensitive: `Destination` and `get` are names', () => {
    expect(lexed('Destination get Post').tokens).toEqual(['Identifier:Destination', 'Identifier:get', 'Identifier:Post'])
  })
})

describe('punctuation boundaries: the longest spelling wins, and no more', () => {
  it.each([
    ['..', ['Dot:.', 'Dot:.']],
    ['....', ['Ellipsis:...', 'Dot:.']],
    ['===', ['EqualsEquals:==', 'Equals:=']],
    ['!==', ['NotEquals:!=', 'Equals:=']],
    ['!!', ['Bang:!', 'Bang:!']],
    ['<==', ['LessEquals:<=', 'Equals:=']],
    ['>>=', ['Greater:>', 'GreaterEquals:>=']],
    ['=>', ['Equals:=', 'Greater:>']],
    ['->>', ['Arrow:->', 'Greater:>']],
    ['???', ['Coalesce:??']],
    ['$.a', ['Dollar:$', 'Dot:.', 'Identifier:a']],
    ['{...x}', ['LBrace:{', 'Ellipsis:...', 'Identifier:x', 'RBrace:}']]
  ])('%s', (text, tokens) => {
    expect(lexed(text).tokens).toEqual(tokens)
  })

  it('a lone `?` is an unexpected character, after the `??` before it', () => {
    expect(lexed('???')).toEqual({ tokens: ['Coalesce:??'], comments: [], diagnostics: ['MAPC1001@2-3'] })
  })

  it('a `-` that starts neither a number nor `->` is an unexpected character', () => {
    expect(lexed('a -')).toEqual({ tokens: ['Identifier:a'], comments: [], diagnostics: ['MAPC1001@2-3'] })
    expect(lexed('date-')).toEqual({ tokens: ['Identifier:date'], comments: [], diagnostics: ['MAPC1001@4-5'] })
  })
})

describe('strings', () => {
  it('end at the first unescaped quote', () => {
    expect(lexed('"a\\"b"c').tokens).toEqual(['StringLiteral:"a\\"b"', 'Identifier:c'])
    expect(lexed('"a""b"').tokens).toEqual(['StringLiteral:"a"', 'StringLiteral:"b"'])
    expect(lexed('"\\\\"x').tokens).toEqual(['StringLiteral:"\\\\"', 'Identifier:x'])
  })

  it('without the closing quote end at the line break, reported at the opening quote', () => {
    expect(lexed('x "abc\ny')).toEqual({ tokens: ['Identifier:x', 'StringLiteral:"abc', 'Identifier:y'], comments: [], diagnostics: ['MAPC1002@2-3'] })
    expect(lexed('"abc\r\ny').tokens).toEqual(['StringLiteral:"abc', 'Identifier:y'])
  })

  it('in single quotes are read as strings and reported over the whole token', () => {
    expect(lexed("'it'")).toEqual({ tokens: ["StringLiteral:'it'"], comments: [], diagnostics: ['MAPC1003@0-4'] })
  })

  it('with an unknown escape are reported at the escape', () => {
    expect(lexed('"ab\\q"')).toEqual({ tokens: ['StringLiteral:"ab\\q"'], comments: [], diagnostics: ['MAPC1004@3-5'] })
  })
})

describe('templates', () => {
  it('a `}` inside a part closes the inner braces first, and a `}` in a string inside a part is text', () => {
    expect(lexed('`x{ {b: 1}.b }y`').tokens).toEqual([
      'TemplateHead:`x{', 'LBrace:{', 'Identifier:b', 'Colon::', 'NumberLiteral:1', 'RBrace:}', 'Dot:.', 'Identifier:b', 'TemplateTail:}y`'
    ])
    expect(lexed('`a{"}"}b`').tokens).toEqual(['TemplateHead:`a{', 'StringLiteral:"}"', 'TemplateTail:}b`'])
  })

  it('a `}` outside any template is a brace', () => {
    expect(lexed('{}`t`}').tokens).toEqual(['LBrace:{', 'RBrace:}', 'TemplateString:`t`', 'RBrace:}'])
  })

  it('nest: a template inside a part of a template', () => {
    expect(lexed('`a{`b{1}c`}d`').tokens).toEqual([
      'TemplateHead:`a{', 'TemplateHead:`b{', 'NumberLiteral:1', 'TemplateTail:}c`', 'TemplateTail:}d`'
    ])
  })

  it('without the closing backtick are reported once, at the backtick', () => {
    expect(lexed('x `open')).toEqual({ tokens: ['Identifier:x', 'TemplateString:`open'], comments: [], diagnostics: ['MAPC1005@2-3'] })
    expect(lexed('`a{1}b').diagnostics).toEqual(['MAPC1005@0-1'])
  })
})

describe('comments', () => {
  it('line comments run to the line break and are not tokens', () => {
    expect(lexed('a // b c\nd')).toEqual({ tokens: ['Identifier:a', 'Identifier:d'], comments: ['// b c'], diagnostics: [] })
    expect(lexed('a // b\r\nd').comments).toEqual(['// b'])
  })

  it('block comments run to the first `*/`, over lines', () => {
    // The second `*/` is outside any comment: two unexpected characters, reported as one run.
    expect(lexed('a /* b\n*/ c */')).toEqual({ tokens: ['Identifier:a', 'Identifier:c'], comments: ['/* b\n*/'], diagnostics: ['MAPC1001@12-14'] })
  })

  it('a block comment never closed runs to the end, and is reported at its opening', () => {
    expect(lexed('x /* open')).toEqual({ tokens: ['Identifier:x'], comments: ['/* open'], diagnostics: ['MAPC1006@2-4'] })
    expect(lexed('/*/').diagnostics).toEqual(['MAPC1006@0-2'])
    expect(lexed('/**/')).toEqual({ tokens: [], comments: ['/**/'], diagnostics: [] })
  })

  it('a single `/` is an unexpected character', () => {
    expect(lexed('a / b')).toEqual({ tokens: ['Identifier:a', 'Identifier:b'], comments: [], diagnostics: ['MAPC1001@2-3'] })
  })
})

describe('whitespace', () => {
  it('spaces, tabs, line breaks and a byte order mark separate tokens and are dropped', () => {
    expect(lexed('\ufeffa\tb\r\nc\nd e')).toEqual({ tokens: ['Identifier:a', 'Identifier:b', 'Identifier:c', 'Identifier:d', 'Identifier:e'], comments: [], diagnostics: [] })
  })

  it('a no-break space is not whitespace: it is reported', () => {
    expect(lexed('a\u00a0b')).toEqual({ tokens: ['Identifier:a', 'Identifier:b'], comments: [], diagnostics: ['MAPC1001@1-2'] })
  })
})
