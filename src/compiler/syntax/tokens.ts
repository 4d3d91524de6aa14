/**
 * The token vocabulary of the mapc language (docs/language.md, "Lexical structure").
 *
 * Order matters: chevrotain tries patterns in the order of `allTokens`, so longer punctuation
 * comes before its prefixes (`...` before `.`, `==` before `=`) and keywords come before
 * `Identifier`, each with `longer_alt` so that `format` is an identifier, not `for` + `mat`.
 *
 * Categories let one grammar rule accept several token types:
 * - `Word`: any identifier or keyword. Keywords are reserved, except after `.` and as object keys,
 *   where the grammar asks for a `Word` (`$.type`, `{ default: 1 }`).
 * - `AnyToken`: every token; only the error-recovery rule consumes it.
 */
import { createToken, Lexer, type IToken, type TokenType } from 'chevrotain'
import { backtickLaterOnLine, InterpolationTracker, scanTemplateChunk } from './template-scanner.js'

export const AnyToken = createToken({ name: 'AnyToken', pattern: Lexer.NA })
export const Word = createToken({ name: 'Word', pattern: Lexer.NA })
export const HttpMethod = createToken({ name: 'HttpMethod', pattern: Lexer.NA })
export const RequestPartKeyword = createToken({ name: 'RequestPartKeyword', pattern: Lexer.NA })

// ---------------------------------------------------------------------------------------------
// Trivia
// ---------------------------------------------------------------------------------------------

export const Whitespace = createToken({
  name: 'Whitespace',
  pattern: /[ \t\r\n\ufeff]+/,
  group: Lexer.SKIPPED,
  line_breaks: true
})
export const LineComment = createToken({ name: 'LineComment', pattern: /\/\/[^\r\n]*/, group: 'comments' })
/** Also matches an unterminated comment (to the end of input); the lexer reports it. */
export const BlockComment = createToken({
  name: 'BlockComment',
  pattern: /\/\*[\s\S]*?(?:\*\/|(?![\s\S]))/,
  group: 'comments',
  line_breaks: true
})

// ---------------------------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------------------------

export const Identifier = createToken({
  name: 'Identifier',
  pattern: /[A-Za-z_][A-Za-z0-9_]*/,
  categories: [Word, AnyToken]
})

/** `date-time` in `string(date-time)`: a name with hyphens, only valid as a type format. */
export const HyphenatedName = createToken({
  name: 'HyphenatedName',
  pattern: /[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)+/,
  categories: [AnyToken]
})

function keyword(word: string, extraCategories: TokenType[] = []): TokenType {
  return createToken({
    name: /^[A-Z]+$/.test(word) ? word : capitalize(word),
    pattern: new RegExp(word),
    longer_alt: [HyphenatedName, Identifier],
    categories: [Word, AnyToken, ...extraCategories],
    label: `\`${word}\``
  })
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}

export const Destination = keyword('destination')
export const Setting = keyword('setting')
export const Field = keyword('field')
export const Auth = keyword('auth')
export const Preset = keyword('preset')
export const Upsert = keyword('upsert')
export const Shape = keyword('shape')
export const Action = keyword('action')
export const Perform = keyword('perform')
export const Batch = keyword('batch')
export const Send = keyword('send')
export const Let = keyword('let')
export const Skip = keyword('skip')
export const Reject = keyword('reject')
export const When = keyword('when')
export const Trigger = keyword('trigger')
export const With = keyword('with')
export const By = keyword('by')
export const If = keyword('if')
export const Then = keyword('then')
export const Else = keyword('else')
export const For = keyword('for')
export const In = keyword('in')
export const And = keyword('and')
export const Or = keyword('or')
export const Not = keyword('not')
export const True = keyword('true')
export const False = keyword('false')
export const Null = keyword('null')
export const Absent = keyword('absent')
export const Without = keyword('without')
export const GET = keyword('GET', [HttpMethod])
export const POST = keyword('POST', [HttpMethod])
export const PUT = keyword('PUT', [HttpMethod])
export const PATCH = keyword('PATCH', [HttpMethod])
export const DELETE = keyword('DELETE', [HttpMethod])
export const Query = keyword('query', [RequestPartKeyword])
export const Headers = keyword('headers', [RequestPartKeyword])
export const Json = keyword('json', [RequestPartKeyword])
export const Form = keyword('form', [RequestPartKeyword])
export const Header = keyword('header')
export const Test = keyword('test')

/** Every keyword, in the order docs/language.md lists them. */
export const keywordTokens: readonly TokenType[] = [
  Destination, Setting, Field, Auth, Preset, Upsert, Shape, Action, Perform, Batch, Send, Let, Skip,
  Reject, When, Trigger, With, By, If, Then, Else, For, In, And, Or, Not, True, False, Null, Absent, Without, GET,
  POST, PUT, PATCH, DELETE, Query, Headers, Json, Form, Header, Test
]

/** The keyword's spelling (`destination`), from its pattern. */
export function keywordText(token: TokenType): string {
  const pattern = token.PATTERN
  return pattern instanceof RegExp ? pattern.source : String(pattern)
}

export const keywords: readonly string[] = keywordTokens.map(keywordText)

// ---------------------------------------------------------------------------------------------
// Literals
// ---------------------------------------------------------------------------------------------

/**
 * Double-quoted strings, and two mistakes read as strings so that parsing goes on: a string
 * without its closing quote (it ends at the line break) and a single-quoted string. The lexer
 * reports both; the parser sees a string.
 */
export const StringLiteral = createToken({
  name: 'StringLiteral',
  pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*"?|'(?:[^'\\\r\n]|\\[^\r\n])*'?/,
  categories: [AnyToken],
  label: 'string'
})

/** JSON numbers, plus leading zeros, which the lexer reports rather than splitting `007` in three. */
export const NumberLiteral = createToken({
  name: 'NumberLiteral',
  pattern: /-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/,
  categories: [AnyToken],
  label: 'number'
})

const interpolations = new InterpolationTracker()

/** Called by the lexer before each run: the template tracker follows one token stream at a time. */
export function resetTemplateTracking(): void {
  interpolations.reset()
}

/**
 * A backtick inside an interpolation that no `}` closed (`` `https://x/{id` ``) ends the template
 * when no other backtick follows on the line: read as the start of a new template it would
 * swallow the rest of the line, braces included, and every block after it would look unclosed.
 * (A template nested in an interpolation, `` `a{`b`}` ``, has its own closing backtick.)
 */
function closesUnfinishedInterpolation(text: string, offset: number, tokens: IToken[]): boolean {
  return text.charCodeAt(offset) === 0x60 && interpolations.closesInterpolation(text, offset, tokens) && !backtickLaterOnLine(text, offset + 1)
}

function templateStartMatcher(wanted: 'whole' | 'head') {
  return (text: string, offset: number, tokens: IToken[]): [string] | null => {
    if (text.charCodeAt(offset) !== 0x60) return null
    if (closesUnfinishedInterpolation(text, offset, tokens)) return null
    const { end, ending } = scanTemplateChunk(text, offset + 1)
    const isHead = ending === 'interpolation'
    if (isHead !== (wanted === 'head')) return null
    return [text.slice(offset, end)]
  }
}

function templateContinuationMatcher(wanted: 'middle' | 'tail') {
  return (text: string, offset: number, tokens: IToken[]): [string] | null => {
    if (wanted === 'tail' && closesUnfinishedInterpolation(text, offset, tokens)) return ['`']
    if (text.charCodeAt(offset) !== 0x7d) return null
    if (!interpolations.closesInterpolation(text, offset, tokens)) return null
    const { end, ending } = scanTemplateChunk(text, offset + 1)
    const isMiddle = ending === 'interpolation'
    if (isMiddle !== (wanted === 'middle')) return null
    return [text.slice(offset, end)]
  }
}

/** A template without interpolation: `` `text` ``. Also an unterminated one, reported by the lexer. */
export const TemplateString = createToken({
  name: 'TemplateString',
  pattern: { exec: templateStartMatcher('whole') },
  start_chars_hint: ['`'],
  line_breaks: false,
  categories: [AnyToken],
  label: 'template'
})
export const TemplateHead = createToken({
  name: 'TemplateHead',
  pattern: { exec: templateStartMatcher('head') },
  start_chars_hint: ['`'],
  line_breaks: false,
  categories: [AnyToken],
  label: '`…{'
})
export const TemplateMiddle = createToken({
  name: 'TemplateMiddle',
  pattern: { exec: templateContinuationMatcher('middle') },
  start_chars_hint: ['}'],
  line_breaks: false,
  categories: [AnyToken],
  label: '}…{'
})
export const TemplateTail = createToken({
  name: 'TemplateTail',
  pattern: { exec: templateContinuationMatcher('tail') },
  start_chars_hint: ['}', '`'],
  line_breaks: false,
  categories: [AnyToken],
  label: '}…`'
})

// ---------------------------------------------------------------------------------------------
// Punctuation
// ---------------------------------------------------------------------------------------------

function punctuation(name: string, text: string): TokenType {
  return createToken({ name, pattern: text, categories: [AnyToken], label: `\`${text}\`` })
}

export const LBrace = punctuation('LBrace', '{')
export const RBrace = punctuation('RBrace', '}')
export const LParen = punctuation('LParen', '(')
export const RParen = punctuation('RParen', ')')
export const LBracket = punctuation('LBracket', '[')
export const RBracket = punctuation('RBracket', ']')
export const Comma = punctuation('Comma', ',')
export const Colon = punctuation('Colon', ':')
export const Ellipsis = punctuation('Ellipsis', '...')
export const Dot = punctuation('Dot', '.')
export const EqualsEquals = punctuation('EqualsEquals', '==')
export const NotEquals = punctuation('NotEquals', '!=')
export const Equals = punctuation('Equals', '=')
export const Coalesce = punctuation('Coalesce', '??')
export const Plus = punctuation('Plus', '+')
export const Arrow = punctuation('Arrow', '->')
export const Dollar = punctuation('Dollar', '$')
export const Bang = punctuation('Bang', '!')
export const LessEquals = punctuation('LessEquals', '<=')
export const Less = punctuation('Less', '<')
export const GreaterEquals = punctuation('GreaterEquals', '>=')
export const Greater = punctuation('Greater', '>')

export const allTokens: TokenType[] = [
  Whitespace,
  LineComment,
  BlockComment,
  TemplateString,
  TemplateHead,
  TemplateMiddle,
  TemplateTail,
  StringLiteral,
  NumberLiteral,
  // Longest first, so that no keyword is a prefix of one tried after it (`for` of `form`).
  ...[...keywordTokens].sort((a, b) => keywordText(b).length - keywordText(a).length),
  HyphenatedName,
  Identifier,
  LBrace,
  RBrace,
  LParen,
  RParen,
  LBracket,
  RBracket,
  Comma,
  Colon,
  Ellipsis,
  Dot,
  EqualsEquals,
  NotEquals,
  Equals,
  Coalesce,
  Plus,
  Arrow,
  Dollar,
  Bang,
  LessEquals,
  Less,
  GreaterEquals,
  Greater,
  AnyToken,
  Word,
  HttpMethod,
  RequestPartKeyword
]

/** Openers and closers, for nesting depth and recovery. Template chunks nest like braces. */
export const openingTokens: ReadonlySet<TokenType> = new Set([LBrace, LParen, LBracket, TemplateHead])
export const closingTokens: ReadonlySet<TokenType> = new Set([RBrace, RParen, RBracket, TemplateTail])

/** Keywords that start a member or step: where recovery resumes after an error. */
export const memberKeywords: ReadonlySet<TokenType> = new Set([
  Destination, Setting, Field, Auth, Preset, Upsert, Shape, Action, Perform, Batch, Send, Let, Skip,
  Reject, Trigger, Header, Test, Query, Headers, Json, Form
])

/** How a token type reads in a message: `` `{` ``, `` `field` ``, `a string`. */
export function describeTokenType(token: TokenType): string {
  switch (token) {
    case Identifier:
      return 'a name'
    case Word:
      return 'a name'
    case StringLiteral:
      return 'a string'
    case NumberLiteral:
      return 'a number'
    case TemplateString:
    case TemplateHead:
      return 'a template'
    case TemplateMiddle:
    case TemplateTail:
      return 'the rest of the template'
    case HyphenatedName:
      return 'a format name'
    case HttpMethod:
      return 'an HTTP method'
    case RequestPartKeyword:
      return '`query`, `headers`, `json` or `form`'
    default:
      return token.LABEL ?? token.name
  }
}
