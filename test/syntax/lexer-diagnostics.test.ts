/**
 * The lexer's diagnostics, each with its exact code, span (offsets), message and hint: the
 * character hints of MAPC1001, how invisible characters are shown, the opening-delimiter spans of
 * unclosed strings, templates and comments, and the offsets of tokens and comments. The other
 * lexer tests check codes and token kinds; these pin what a reader is told.
 */
import { Lexer } from 'chevrotain'
import { describe, expect, it } from 'vitest'
import { lex } from '../../src/compiler/syntax/lexer.js'
import { LineIndex } from '../../src/compiler/syntax/line-index.js'
import * as t from '../../src/compiler/syntax/tokens.js'

type Found = [code: string, start: number, end: number, message: string, hint: string | undefined]

function diagnostics(text: string): Found[] {
  return lex(new LineIndex(text, 't.map')).diagnostics.map((d) => [d.code, d.span.start.offset, d.span.end.offset, d.message, d.hint])
}

describe('MAPC1001: unexpected characters, with a hint for the usual mistakes', () => {
  it.each<[string, string, string | undefined]>([
    ['#', 'unexpected character `#`', 'comments start with `//`'],
    [';', 'unexpected character `;`', 'members need no separator; remove the `;`'],
    ['&', 'unexpected character `&`', 'write `and`'],
    ['|', 'unexpected character `|`', 'write `or`'],
    ['@', 'unexpected character `@`', 'mapping-kit directives are written as expressions here: `$.traits.email`, not `@path`'],
    ['-', 'unexpected character `-`', 'there is no subtraction; `-` only starts a negative number or the arrow `->`'],
    ['*', 'unexpected character `*`', 'there is no arithmetic besides `+`'],
    ['%', 'unexpected character `%`', 'there is no arithmetic besides `+`'],
    ['/', 'unexpected character `/`', 'comments start with `//`; there is no division'],
    ['\u0000', 'unexpected character U+0000', 'the text contains NUL characters: is this a binary file?'],
    ['\u00a0', 'unexpected character U+00A0 (a space character)', 'replace it with an ordinary space'],
    ['\u2000', 'unexpected character U+2000 (a space character)', 'replace it with an ordinary space'],
    ['\u2003', 'unexpected character U+2003 (a space character)', 'replace it with an ordinary space'],
    ['\u200b', 'unexpected character `\u200b`', 'replace it with an ordinary space'],
    ['\u3000', 'unexpected character U+3000 (a space character)', 'replace it with an ordinary space'],
    ['\u201c', 'unexpected character `\u201c`', 'write straight double quotes: `"`'],
    ['\u201d', 'unexpected character `\u201d`', 'write straight double quotes: `"`'],
    ['\u2018', 'unexpected character `\u2018`', 'write straight double quotes: `"`'],
    ['\u2019', 'unexpected character `\u2019`', 'write straight double quotes: `"`'],
    ['é', 'unexpected character `é`', 'names are made of ASCII letters, digits and `_`'],
    ['Ж', 'unexpected character `Ж`', 'names are made of ASCII letters, digits and `_`'],
    ['~', 'unexpected character `~`', undefined],
    ['\u2028', 'unexpected character U+2028 (a space character)', undefined],
    ['\u001f', 'unexpected character U+001F', undefined],
    ['\u0001', 'unexpected character U+0001', undefined],
    ['\u007f', 'unexpected character U+007F', undefined],
    ['\u0080', 'unexpected character U+0080', undefined],
    ['\u009f', 'unexpected character U+009F', undefined],
    ['\ud800', 'unexpected character U+D800', undefined],
    ['\udfff', 'unexpected character U+DFFF', undefined]
  ])('%j', (text, message, hint) => {
    expect(diagnostics(text)).toEqual([['MAPC1001', 0, text.length, message, hint]])
  })

  it('shows printable characters as written, and the characters either side of the invisible ranges', () => {
    expect(diagnostics(' ')).toEqual([])
    expect(diagnostics('\u00a1')[0]?.[3]).toBe('unexpected character `\u00a1`')
    expect(diagnostics('\u007e')[0]?.[3]).toBe('unexpected character `~`')
    expect(diagnostics('\ud7ff')[0]?.[3]).toBe('unexpected character `\ud7ff`')
    expect(diagnostics('\ue000')[0]?.[3]).toBe('unexpected character `\ue000`')
    expect(diagnostics('\ufefe')[0]?.[3]).toBe('unexpected character `\ufefe`')
  })

  it('a character outside the BMP is one character, over its two code units', () => {
    expect(diagnostics('😀')).toEqual([['MAPC1001', 0, 2, 'unexpected character `😀`', undefined]])
  })

  it('a run is one diagnostic: its characters shown, 16 at most, then an ellipsis; the hint is the first one\'s', () => {
    expect(diagnostics('&&')).toEqual([['MAPC1001', 0, 2, 'unexpected characters `&` `&`', 'write `and`']])
    const sixteen = '^'.repeat(16)
    expect(diagnostics(sixteen)).toEqual([['MAPC1001', 0, 16, `unexpected characters ${Array(16).fill('`^`').join(' ')}`, undefined]])
    expect(diagnostics(sixteen + '^^')).toEqual([['MAPC1001', 0, 18, `unexpected characters ${Array(16).fill('`^`').join(' ')} …`, undefined]])
    expect(diagnostics('x ~é')).toEqual([['MAPC1001', 2, 4, 'unexpected characters `~` `é`', undefined]])
  })

  it('is reported where the characters are, and lexing goes on after them', () => {
    const result = lex(new LineIndex('a\n  # b', 't.map'))
    expect(result.tokens.map((k) => [k.tokenType.name, k.startOffset, k.endOffset])).toEqual([['Identifier', 0, 0], ['Identifier', 6, 6]])
    expect(result.diagnostics.map((d) => [d.span.start.line, d.span.start.column, d.span.end.offset])).toEqual([[2, 3, 5]])
  })
})

describe('literal diagnostics', () => {
  it('MAPC1002: a string never closed, at its opening quote', () => {
    expect(diagnostics('x "a')).toEqual([
      ['MAPC1002', 2, 3, 'this string is never closed', 'add the closing `"` on the same line; strings cannot span lines (write a line break as `\\n`)']
    ])
  })

  it('MAPC1003: a single-quoted string, over the whole token, with the string to write instead', () => {
    expect(diagnostics("'a\"b'")).toEqual([['MAPC1003', 0, 5, 'strings use double quotes', 'write "a\\"b"']])
    // Unclosed as well: still only the quote is reported.
    expect(diagnostics("'ab")).toEqual([['MAPC1003', 0, 3, 'strings use double quotes', 'write "ab"']])
  })

  it('MAPC1004: a bad escape, at the escape, in strings and in every kind of template chunk', () => {
    const hint = 'write a backslash itself as `\\\\`'
    const message = '`\\q` is not an escape sequence'
    expect(diagnostics("'a\\qb'")).toEqual([['MAPC1003', 0, 6, 'strings use double quotes', 'write "aqb"'], ['MAPC1004', 2, 4, message, hint]])
    expect(diagnostics('"a\\qb"')).toEqual([['MAPC1004', 2, 4, message, hint]])
    expect(diagnostics('`\\q`')).toEqual([['MAPC1004', 1, 3, message, hint]])
    expect(diagnostics('`\\q{1}`')).toEqual([['MAPC1004', 1, 3, message, hint]])
    expect(diagnostics('`{1}\\q{2}`')).toEqual([['MAPC1004', 4, 6, message, hint]])
    expect(diagnostics('`{1}\\q`')).toEqual([['MAPC1004', 4, 6, message, hint]])
  })

  it('MAPC1007: a malformed number, over the token, without hint', () => {
    expect(diagnostics('x 007')).toEqual([['MAPC1007', 2, 5, 'numbers cannot have leading zeros', undefined]])
    expect(diagnostics('1e999')).toEqual([['MAPC1007', 0, 5, '`1e999` is too large to be a number', undefined]])
    expect(diagnostics('0 0.5 -0 10')).toEqual([])
  })
})

describe('unclosed templates and comments', () => {
  const templateHint = 'close it with a backtick on the same line; a template and its `{…}` parts stay on one line'

  it('MAPC1005 at the backtick of a template whose line ends inside an interpolation', () => {
    expect(diagnostics('a\n`x{1\nb')).toEqual([['MAPC1005', 2, 3, 'this template is never closed', templateHint]])
    expect(diagnostics('`x{1')).toEqual([['MAPC1005', 0, 1, 'this template is never closed', templateHint]])
  })

  it('MAPC1005 once per line, at the first unclosed template of the line', () => {
    // With no backtick after it on the line, the second backtick ends the unclosed interpolation.
    expect(diagnostics('`a{`b{1')).toEqual([['MAPC1050', 3, 4, 'this template ends inside an interpolation: its `{` is never closed', 'write `}` before the closing backtick']])
    expect(diagnostics('`a` `b\n`c')).toEqual([
      ['MAPC1005', 4, 5, 'this template is never closed', templateHint],
      ['MAPC1005', 7, 8, 'this template is never closed', templateHint]
    ])
  })

  it('MAPC1005 for a tail whose text runs to the line break', () => {
    expect(diagnostics('`{1}ab\nx')).toEqual([['MAPC1005', 0, 1, 'this template is never closed', templateHint]])
  })

  it('no MAPC1005 for a template closed on its line', () => {
    expect(diagnostics('`a{1}b{2}c`\n`d`')).toEqual([])
  })

  it('MAPC1050 at the backtick that ends an unclosed interpolation, with no MAPC1005', () => {
    expect(diagnostics('`a{x`')).toEqual([['MAPC1050', 4, 5, 'this template ends inside an interpolation: its `{` is never closed', 'write `}` before the closing backtick']])
  })

  it('MAPC1006 over the `/*` of a block comment never closed, however short', () => {
    const found = (at: number): Found => ['MAPC1006', at, at + 2, 'this block comment is never closed', 'close it with `*/`; block comments do not nest']
    expect(diagnostics('/*')).toEqual([found(0)])
    expect(diagnostics('/*/')).toEqual([found(0)])
    expect(diagnostics('/**')).toEqual([found(0)])
    expect(diagnostics('a /*x*')).toEqual([found(2)])
    expect(diagnostics('/**/ /*x*/')).toEqual([])
  })
})

describe('offsets', () => {
  it('every token ends at its last character, comments span their text', () => {
    const result = lex(new LineIndex('x /*a*/ // b\n"s" `t{1}u`', 't.map'))
    expect(result.tokens.map((k) => [k.tokenType.name, k.startOffset, k.endOffset])).toEqual([
      ['Identifier', 0, 0],
      ['StringLiteral', 13, 15],
      ['TemplateHead', 17, 19],
      ['NumberLiteral', 20, 20],
      ['TemplateTail', 21, 23]
    ])
    expect(result.comments).toEqual([
      { kind: 'Comment', text: '/*a*/', block: true, span: expect.objectContaining({ start: expect.objectContaining({ offset: 2 }), end: expect.objectContaining({ offset: 7 }) }) },
      { kind: 'Comment', text: '// b', block: false, span: expect.objectContaining({ start: expect.objectContaining({ offset: 8 }), end: expect.objectContaining({ offset: 12 }) }) }
    ])
  })

  it('lexing one text does not carry template state into the next', () => {
    expect(diagnostics('`a{')).toEqual([['MAPC1005', 0, 1, 'this template is never closed', templateHintOf()]])
    expect(lex(new LineIndex('}`x`', 't.map')).tokens.map((k) => k.tokenType.name)).toEqual(['RBrace', 'TemplateString'])
  })
})

function templateHintOf(): string {
  return 'close it with a backtick on the same line; a template and its `{…}` parts stay on one line'
}

describe('the token table', () => {
  it('describes token types for messages', () => {
    expect(t.describeTokenType(t.Identifier)).toBe('a name')
    expect(t.describeTokenType(t.Word)).toBe('a name')
    expect(t.describeTokenType(t.StringLiteral)).toBe('a string')
    expect(t.describeTokenType(t.NumberLiteral)).toBe('a number')
    expect(t.describeTokenType(t.TemplateString)).toBe('a template')
    expect(t.describeTokenType(t.TemplateHead)).toBe('a template')
    expect(t.describeTokenType(t.TemplateMiddle)).toBe('the rest of the template')
    expect(t.describeTokenType(t.TemplateTail)).toBe('the rest of the template')
    expect(t.describeTokenType(t.HyphenatedName)).toBe('a format name')
    expect(t.describeTokenType(t.HttpMethod)).toBe('an HTTP method')
    expect(t.describeTokenType(t.RequestPartKeyword)).toBe('`query`, `headers`, `json` or `form`')
    expect(t.describeTokenType(t.LBrace)).toBe('`{`')
    expect(t.describeTokenType(t.Ellipsis)).toBe('`...`')
    expect(t.describeTokenType(t.Destination)).toBe('`destination`')
    expect(t.describeTokenType(t.DELETE)).toBe('`DELETE`')
    expect(t.describeTokenType(t.AnyToken)).toBe('AnyToken')
  })

  it('names keywords by their spelling, capitalised, and HTTP methods as written', () => {
    expect(t.keywordTokens.map((k) => k.name)).toEqual([
      'Destination', 'Setting', 'Field', 'Auth', 'Preset', 'Upsert', 'Shape', 'Action', 'Perform', 'Batch', 'Send', 'Let', 'Skip',
      'Reject', 'When', 'Trigger', 'With', 'By', 'If', 'Then', 'Else', 'For', 'In', 'And', 'Or', 'Not', 'True', 'False', 'Null',
      'Absent', 'Without', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'Query', 'Headers', 'Json', 'Form', 'Header', 'Test'
    ])
    expect(t.keywords).toEqual(t.keywordTokens.map((k) => k.name === k.name.toUpperCase() ? k.name : k.name.toLowerCase()))
    expect(t.keywordText(t.LBrace)).toBe('{')
  })

  it('puts HTTP methods and request parts in their categories, and every keyword among words', () => {
    const inCategory = (category: typeof t.Word) => t.keywordTokens.filter((k) => (k.CATEGORIES ?? []).includes(category)).map((k) => k.name)
    expect(inCategory(t.HttpMethod)).toEqual(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])
    expect(inCategory(t.RequestPartKeyword)).toEqual(['Query', 'Headers', 'Json', 'Form'])
    expect(inCategory(t.Word)).toEqual(t.keywordTokens.map((k) => k.name))
    expect(t.Identifier.CATEGORIES).toEqual(expect.arrayContaining([t.Word, t.AnyToken]))
    expect(t.HyphenatedName.CATEGORIES).not.toContain(t.Word)
    for (const token of t.allTokens.filter((k) => ![t.Whitespace, t.LineComment, t.BlockComment, t.AnyToken, t.Word, t.HttpMethod, t.RequestPartKeyword].includes(k))) {
      expect(token.CATEGORIES, token.name).toContain(t.AnyToken)
    }
  })

  it('lists openers, closers and the keywords where recovery resumes', () => {
    expect([...t.openingTokens].map((k) => k.name)).toEqual(['LBrace', 'LParen', 'LBracket', 'TemplateHead'])
    expect([...t.closingTokens].map((k) => k.name)).toEqual(['RBrace', 'RParen', 'RBracket', 'TemplateTail'])
    expect([...t.memberKeywords].map((k) => k.name)).toEqual([
      'Destination', 'Setting', 'Field', 'Auth', 'Preset', 'Upsert', 'Shape', 'Action', 'Perform', 'Batch', 'Send', 'Let', 'Skip',
      'Reject', 'Trigger', 'Header', 'Test', 'Query', 'Headers', 'Json', 'Form'
    ])
  })

  it('keeps whitespace out of the token stream and comments in their own group', () => {
    expect(t.Whitespace.GROUP).toBe(Lexer.SKIPPED)
    expect(t.LineComment.GROUP).toBe('comments')
    expect(t.BlockComment.GROUP).toBe('comments')
  })
})
