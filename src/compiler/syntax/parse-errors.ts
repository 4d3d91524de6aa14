/**
 * Chevrotain's parse errors → diagnostics a person can act on.
 *
 * Chevrotain knows the token it stopped at, the rule it was in and what it expected (encoded in
 * the message by parser.ts). The bracket structure adds the rest: which `{` a missing `}` should
 * close, and what that `{` opened ("the action `identifyUser`"), so that the message says
 * "expected `}` to close the action `identifyUser` opened at 12:3" instead of a token dump.
 *
 * One problem, one diagnostic: errors at a token already reported (by the lexer or an earlier
 * error) are dropped, and so are errors caused by a region removed for being nested too deep.
 */
import { EOF, type IRecognitionException, type IToken, type TokenType } from 'chevrotain'
import type { Span } from './ast.js'
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js'
import type { LineIndex } from './line-index.js'
import { decodeExpectation, type Expectation } from './expectation.js'
import { describeToken } from './token-description.js'
import { closest } from '../diagnostics/suggest.js'
import { describeOpener, findOpener } from './openers.js'
import { NAMED_BY_RULE, RULE_PHRASE } from './rule-descriptions.js'
import type { TokenStructure } from './token-structure.js'
import * as T from './tokens.js'
import { tokenEnd } from './token-offsets.js'

export interface ParseErrorContext {
  lines: LineIndex
  structure: TokenStructure
  /** Offsets of template heads the lexer already reported as unterminated. */
  unterminatedTemplates: ReadonlySet<number>
  /**
   * Offsets of tokens whose errors are consequences of a problem already reported: the token
   * after a region removed for nesting too deep, or after characters the lexer could not read.
   */
  suppressedOffsets: ReadonlySet<number>
  /** `the end of the file`, or `the end of the input` for a trigger or expression. */
  endOfInput: string
  /** Offsets of `$` written against a word (`$event`), already reported (path-dots.ts). */
  missingPathDots?: readonly number[]
}

const tokenByName = new Map<string, TokenType>(T.allTokens.map((type) => [type.name, type]))

const CLOSER_TEXT = new Map<TokenType, string>([
  [T.RBrace, '}'],
  [T.RParen, ')'],
  [T.RBracket, ']'],
  [T.TemplateTail, '}'],
  [T.TemplateMiddle, '}']
])

const OPENER_OF = new Map<TokenType, TokenType>([
  [T.RBrace, T.LBrace],
  [T.RParen, T.LParen],
  [T.RBracket, T.LBracket],
  [T.TemplateTail, T.TemplateHead],
  [T.TemplateMiddle, T.TemplateHead]
])

/**
 * Rules whose failure to find an alternative means "no expression here". Only rules with an
 * alternation of their own belong here: a declaration that holds an expression (`header`) fails
 * with its own rule name only for its own choices (the header's name), not for the expression's.
 */
const EXPRESSION_RULES = new Set([
  'expression',
  'conditional',
  'disjunction',
  'conjunction',
  'negation',
  'equality',
  'coalescing',
  'addition',
  'postfix',
  'primary',
  'nameOrCall',
  'parenthesized'
])

const TRIGGER_RULES = new Set(['trigger', 'triggerConjunction', 'triggerNegation', 'triggerPrimary'])

/**
 * The diagnostics, and the offsets of every token the parser complained about: the skipped
 * regions that start there are the same problems and are not reported again.
 */
export function translateParseErrors(
  errors: readonly IRecognitionException[],
  context: ParseErrorContext
): { diagnostics: Diagnostic[]; reportedOffsets: Set<number> } {
  const diagnostics: Diagnostic[] = []
  const seen = new Set<number>()
  const errorOffsets = errors.map((error) => tokenOffset(error.token, context))
  const cascades = templateCascades(errorOffsets, context)
  for (const offset of pathDotCascades(errorOffsets, context)) cascades.add(offset)
  // Keywords already reported as names (`field when: …`, MAPC1016): reading that name later, as
  // the value it was meant to be, is the same mistake, not another one.
  const keywordsNamed = new Set<string>()
  for (const error of errors) {
    const offset = tokenOffset(error.token, context)
    if (seen.has(offset) || context.suppressedOffsets.has(offset)) continue
    if (cascades.has(offset)) {
      seen.add(offset)
      continue
    }
    seen.add(offset)
    const translated = misspeltBlockKeyword(error.token, context) ?? translate(error, context)
    if (translated.code === 'MAPC1016') keywordsNamed.add(error.token.image)
    else if (translated.code === 'MAPC1013' && keywordsNamed.has(error.token.image)) continue
    // A diagnostic may point past its token (`type == "x"` points at `==`): one per place.
    if (seen.has(translated.span.start.offset) && translated.span.start.offset !== offset) continue
    seen.add(translated.span.start.offset)
    diagnostics.push(translated)
  }
  return { diagnostics, reportedOffsets: seen }
}

/** Keywords that open a block with `{`, as a misspelling of one would be followed by it. */
const BLOCK_KEYWORDS = ['perform', 'batch', 'query', 'headers', 'json', 'form']

/**
 * `perfrom { send … }`: a misspelt block keyword starts a line like an attribute, and an
 * attribute's value may be an object, so the parser reads the block as `perfrom` followed by an
 * object and stops at its first step. The mistake is the word: name it, with the keyword meant.
 */
function misspeltBlockKeyword(token: IToken, context: ParseErrorContext): Diagnostic | undefined {
  const { structure, lines } = context
  const opener = findOpener(structure, token, T.LBrace)
  if (opener === undefined) return undefined
  const index = structure.indexOf(opener)
  const name = structure.tokens[index - 1]
  if (name?.tokenType !== T.Identifier || structure.firstOnLine[index - 1] !== 1) return undefined
  const suggestion = closest(name.image, BLOCK_KEYWORDS)
  if (suggestion === undefined || suggestion === name.image) return undefined
  const outer = findOpener(structure, name, T.LBrace)
  const where = outer === undefined ? '' : ` in ${describeOpener(structure, outer, 'block')}`
  return diagnostic('MAPC1010', lines.span(name.startOffset, tokenEnd(name)), `unknown member \`${name.image}\`${where}`, {
    hint: `did you mean \`${suggestion}\`?`,
    related: [{ span: tokenSpan(token, context), message: `read as an attribute whose value is an object, it stops at ${describeToken(token, context.endOfInput)}` }]
  })
}

function translate(error: IRecognitionException, context: ParseErrorContext): Diagnostic {
  const expectation = decodeExpectation(error.message) ?? { kind: 'noAlternative', expected: [], rule: '' }
  const token = error.token
  const span = tokenSpan(token, context)
  const found = describeToken(token, context.endOfInput)
  switch (expectation.kind) {
    case 'redundant':
      return inputAfterTheEnd(expectation.rule, span, found)
    case 'mismatch':
      // Chevrotain's recovery inside a repetition (`type = "x" )`) asks for the end of input as
      // a token: the same problem as input left over after the entry rule.
      if (expectation.expected[0] === EOF.name) return inputAfterTheEnd(expectation.rule, span, found)
      return mismatch(expectation, token, span, found, context)
    case 'noAlternative':
      return noAlternative(expectation, token, span, found, context)
  }
}

function inputAfterTheEnd(rule: string, span: Span, found: string): Diagnostic {
  const trigger = rule === 'trigger'
  return diagnostic('MAPC1012', span, `unexpected ${found} after the end of the ${trigger ? 'trigger' : 'expression'}`, {
    hint: trigger ? 'join conditions with `and` or `or`' : 'join values with an operator such as `+` or `??`'
  })
}

function mismatch(expectation: Expectation, token: IToken, span: Span, found: string, context: ParseErrorContext): Diagnostic {
  const expectedName = expectation.expected[0] ?? ''
  const expected = tokenByName.get(expectedName)
  if (expected === undefined) return diagnostic('MAPC1010', span, `unexpected ${found}`)

  const closer = CLOSER_TEXT.get(expected)
  if (closer !== undefined) return missingCloser(expectation, expected, closer, token, span, found, context)

  if (expected === T.Identifier && T.keywordTokens.includes(token.tokenType)) return keywordAsName(token, expectation.rule, span)
  const where = RULE_PHRASE[expectation.rule]
  const hint = mismatchHint(expected, token)
  return diagnostic(
    'MAPC1010',
    span,
    `expected ${T.describeTokenType(expected)}${where === undefined ? '' : ` ${where}`}; found ${found}`,
    hint === undefined ? {} : { hint }
  )
}

function keywordAsName(token: IToken, rule: string, span: Span): Diagnostic {
  const what = NAMED_BY_RULE[rule] ?? 'anything'
  return diagnostic('MAPC1016', span, `\`${token.image}\` is a keyword and cannot name ${what}`, {
    hint: `keywords are reserved; choose another name, such as \`${token.image}_\``
  })
}

function mismatchHint(expected: TokenType, token: IToken): string | undefined {
  if (token.tokenType === T.HyphenatedName) return 'names cannot contain `-`; use `_`'
  if (expected === T.Arrow && token.tokenType === T.Equals) return 'a preset names its action after `->`'
  if (expected === T.Equals && token.tokenType === T.Colon) return 'headers and bindings use `=`: `header name = value`'
  if (expected === T.Colon && token.tokenType === T.Equals) return 'object entries use `:`: `{ key: value }`'
  if (expected === T.HttpMethod && token.tokenType === T.Identifier) {
    const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']
    const upper = token.image.toUpperCase()
    if (methods.includes(upper)) return `methods are written in capitals: \`${upper}\``
    const suggestion = closest(upper, methods)
    return suggestion === undefined ? `one of ${methods.map((m) => `\`${m}\``).join(', ')}` : `did you mean \`${suggestion}\`?`
  }
  return undefined
}

function missingCloser(
  expectation: Expectation,
  expected: TokenType,
  closer: string,
  token: IToken,
  span: Span,
  found: string,
  context: ParseErrorContext
): Diagnostic {
  const { structure, lines } = context
  const opener = findOpener(structure, token, OPENER_OF.get(expected) as TokenType)
  const itemExpected = ITEM_EXPECTED[expectation.rule]
  // `shape s(object, with)`: the list wanted its closer because a keyword cannot be a parameter.
  if (expectation.rule === 'parameters' && T.keywordTokens.includes(token.tokenType) && startsItem(structure, token)) {
    return keywordAsName(token, expectation.rule, span)
  }
  if (itemExpected !== undefined && startsItem(structure, token)) {
    return diagnostic('MAPC1010', span, `expected ${itemExpected} or \`${closer}\`; found ${found}`)
  }
  if (isMissingComma(expectation.rule, token)) {
    const what = expectation.rule === 'object' ? 'object entries' : expectation.rule === 'parameters' ? 'parameters' : expectation.rule === 'arguments' ? 'arguments' : 'array items'
    return diagnostic('MAPC1014', span, `expected \`,\` or \`${closer}\`; found ${found}`, { hint: `separate ${what} with \`,\`` })
  }
  if (opener === undefined) {
    return diagnostic('MAPC1011', span, `expected \`${closer}\`; found ${found}`)
  }
  const construct = describeOpener(structure, opener, expectation.rule)
  const openedAt = lines.position(opener.startOffset)
  return diagnostic(
    'MAPC1011',
    span,
    `expected \`${closer}\` to close ${construct} opened at ${openedAt.line}:${openedAt.column}; found ${found}`,
    { related: [{ span: lines.span(opener.startOffset, tokenEnd(opener)), message: `${construct} opened here` }] }
  )
}

/**
 * Offsets of errors that only repeat an unterminated template: a template whose `{` is still open
 * at the end of its line sends the parser on into the next line, looking for the rest of the
 * template. The first error after such a template, on its line or the next line with code, is
 * that problem again, already reported by the lexer (MAPC1005).
 */
function templateCascades(errorOffsets: readonly number[], context: ParseErrorContext): Set<number> {
  const { structure, lines } = context
  const sorted = [...new Set(errorOffsets)].sort((a, b) => a - b)
  const cascades = new Set<number>()
  for (const headOffset of context.unterminatedTemplates) {
    const head = structure.indexAt(headOffset)
    // A template string, or a head whose interpolation was closed, leaves the parser on track.
    if (structure.tokens[head]?.tokenType !== T.TemplateHead || structure.isClosed(head)) continue
    const first = sorted.find((offset) => offset > headOffset)
    if (first === undefined) continue
    const headLine = lines.lineOf(headOffset)
    const nextLine = structure.tokens.slice(head + 1).find((token) => lines.lineOf(token.startOffset) > headLine)
    const lastLine = nextLine === undefined ? headLine : lines.lineOf(nextLine.startOffset)
    if (lines.lineOf(first) <= lastLine) cascades.add(first)
  }
  return cascades
}

/**
 * The first error after `$event` inside the same block is that mistake again: the parser read
 * `$` as a whole path and stumbled over the word after it, or over what follows the word.
 */
function pathDotCascades(errorOffsets: readonly number[], context: ParseErrorContext): number[] {
  const { structure } = context
  const sorted = [...new Set(errorOffsets)].sort((a, b) => a - b)
  const out: number[] = []
  for (const dollar of context.missingPathDots ?? []) {
    const first = sorted.find((offset) => offset > dollar)
    if (first === undefined) continue
    const opener = structure.enclosing(structure.indexAt(dollar))
    const closer = opener >= 0 ? (structure.closerOf[opener] ?? -1) : -1
    const blockEnd = closer >= 0 ? (structure.tokens[closer] as IToken).startOffset : Infinity
    if (first <= blockEnd) out.push(first)
  }
  return out
}

/** What a list holds, for "expected an object entry or `}`" right after `{` or `,`. */
const ITEM_EXPECTED: Record<string, string> = {
  object: 'an object entry',
  list: 'an expression',
  arguments: 'an expression',
  parameters: 'a parameter name'
}

/** The error token stands where an item should start: right after the opener or a comma. */
function startsItem(structure: TokenStructure, token: IToken): boolean {
  const index = structure.indexOf(token)
  const previous = index < 0 ? structure.tokens[structure.tokens.length - 1] : structure.tokens[index - 1]
  return previous !== undefined && (T.openingTokens.has(previous.tokenType) || previous.tokenType === T.Comma)
}

/** `{ a: 1 b: 2 }`: the parser wanted `}` but found the start of another entry. */
function isMissingComma(rule: string, token: IToken): boolean {
  if (token.tokenType === EOF) return false
  switch (rule) {
    case 'object':
      return token.tokenType === T.StringLiteral || token.tokenType === T.Ellipsis || T.keywordTokens.includes(token.tokenType) || token.tokenType === T.Identifier
    case 'parameters':
      return token.tokenType === T.Identifier
    case 'arguments':
    case 'list':
      return startsExpression(token.tokenType)
    default:
      return false
  }
}

function startsExpression(type: TokenType): boolean {
  return (
    type === T.StringLiteral ||
    type === T.NumberLiteral ||
    type === T.Identifier ||
    type === T.Dollar ||
    type === T.TemplateString ||
    type === T.TemplateHead ||
    type === T.LBrace ||
    type === T.LBracket ||
    type === T.LParen ||
    type === T.True ||
    type === T.False ||
    type === T.Null ||
    type === T.Not ||
    type === T.If ||
    type === T.Auth ||
    type === T.Batch
  )
}

function noAlternative(expectation: Expectation, token: IToken, span: Span, found: string, context: ParseErrorContext): Diagnostic {
  const rule = expectation.rule
  if (TRIGGER_RULES.has(rule) && token.tokenType === T.Identifier) {
    const afterPath = tokenAfterTriggerPath(context.structure, token)
    if (afterPath !== undefined) return expectedComparison(afterPath, ' after the path', context)
  }
  if (EXPRESSION_RULES.has(rule)) {
    const comma = strayCommaBefore(token, context)
    if (comma !== undefined) return comma
    const hint = attributeSeparatorHint(token, context) ?? expressionHint(token)
    return diagnostic('MAPC1013', span, `expected an expression; found ${found}`, hint === undefined ? {} : { hint })
  }
  if (TRIGGER_RULES.has(rule)) {
    return diagnostic('MAPC1010', span, `expected a trigger condition such as \`type = "track"\`; found ${found}`, {
      hint: token.tokenType === T.Dollar ? 'trigger paths have no `$`: write `properties.total`' : 'conditions compare a path with `=`, `!=`, `<`, `<=`, `>`, `>=`, or call `contains` or `match`'
    })
  }
  switch (rule) {
    case 'triggerComparison':
      if (expectation.expected.includes('Equals')) return expectedComparison(token, '', context)
      return diagnostic('MAPC1010', span, `expected a value to compare with: a string, a number, \`true\`, \`false\` or \`null\`; found ${found}`)
    case 'request':
      return diagnostic('MAPC1010', span, `expected the URL, a string or a template; found ${found}`)
    case 'typeReference':
      return diagnostic('MAPC1010', span, `expected a format such as \`email\` or \`date-time\`; found ${found}`)
    case 'objectEntry':
      return diagnostic('MAPC1010', span, `expected an object entry (\`key: value\`, \`...spread\` or a name); found ${found}`)
    case 'header':
      return diagnostic('MAPC1010', span, `expected a header name; found ${found}`)
    case 'letStep':
      return diagnostic('MAPC1010', span, `expected \`send\` or \`upsert\` after \`let <name> =\`; found ${found}`)
    case 'equality':
      return diagnostic('MAPC1010', span, `expected \`==\` or \`!=\`; found ${found}`)
  }
  const expected = expectation.expected.map((name) => tokenByName.get(name)).filter((type): type is TokenType => type !== undefined)
  const list = [...new Set(expected.map(T.describeTokenType))].join(', ')
  return diagnostic('MAPC1010', span, `unexpected ${found}${list.length > 0 ? `; expected ${list}` : ''}`)
}

/**
 * `label "Name",` then `field x: …` on the next line: the comma asked for one more value and found
 * a member. The comma is the mistake (skipped.ts reports the same when the next line is a word).
 */
function strayCommaBefore(token: IToken, context: ParseErrorContext): Diagnostic | undefined {
  const { structure, lines } = context
  const index = structure.indexOf(token)
  const comma = structure.tokens[index - 1]
  if (comma?.tokenType !== T.Comma) return undefined
  const commaLine = lines.lineOf(comma.startOffset)
  let first = index - 1
  while (first > 0 && lines.lineOf((structure.tokens[first - 1] as IToken).startOffset) === commaLine) first--
  const attribute = structure.tokens[first]
  const what = attribute?.tokenType === T.Identifier ? `the last value of \`${attribute.image}\`` : 'the last value'
  const hint = 'remove the `,`: commas separate the values of one attribute, members need no separator'
  if (T.memberKeywords.has(token.tokenType) && structure.firstOnLine[index] === 1) {
    return diagnostic('MAPC1010', lines.span(comma.startOffset, tokenEnd(comma)), `a \`,\` after ${what} joins the next line to it`, { hint })
  }
  // `default $.event,` then the block's `}`: an attribute that ends in a comma.
  const opener = structure.enclosing(index)
  const attributeStartsMember = attribute?.tokenType === T.Identifier && structure.firstOnLine[first] === 1 && structure.enclosing(first) === opener
  if (token.tokenType === T.RBrace && structure.closedOpener[index] === opener && opener >= 0 && attributeStartsMember) {
    return diagnostic('MAPC1010', lines.span(comma.startOffset, tokenEnd(comma)), `a \`,\` after ${what}, and no value after it`, { hint })
  }
  return undefined
}

function expectedComparison(token: IToken, where: string, context: ParseErrorContext): Diagnostic {
  return diagnostic(
    'MAPC1010',
    tokenSpan(token, context),
    `expected a comparison (\`=\`, \`!=\`, \`<\`, \`<=\`, \`>\`, \`>=\`)${where}; found ${describeToken(token, context.endOfInput)}`,
    { hint: token.tokenType === T.EqualsEquals ? 'triggers compare with a single `=`' : 'FQL compares a path with a value: `type = "track"`' }
  )
}

/** The token after `a.b.c` starting at `first`, when the path is followed by something. */
function tokenAfterTriggerPath(structure: TokenStructure, first: IToken): IToken | undefined {
  let index = structure.indexOf(first) + 1
  while (structure.tokens[index]?.tokenType === T.Dot && structure.tokens[index + 1]?.tokenType.CATEGORIES?.includes(T.Word)) index += 2
  const next = structure.tokens[index]
  return next === undefined || next.tokenType === T.LParen ? undefined : next
}

/** `default: $.event`, `label = "Name"`: an attribute's name is followed by its value alone. */
function attributeSeparatorHint(token: IToken, context: ParseErrorContext): string | undefined {
  if (token.tokenType !== T.Colon && token.tokenType !== T.Equals) return undefined
  const { structure } = context
  const index = structure.indexOf(token)
  const name = structure.tokens[index - 1]
  const value = structure.tokens[index + 1]
  if (name?.tokenType !== T.Identifier || structure.firstOnLine[index - 1] !== 1) return undefined
  const rest = value === undefined || value.tokenType === EOF ? '' : (context.lines.text.slice(value.startOffset).split(/[\r\n]/)[0] ?? '').trim()
  const example = rest === '' ? '' : ` ${rest.length > 40 ? `${rest.slice(0, 40)}…` : rest}`
  return `an attribute takes no \`${token.image}\`: write \`${name.image}${example}\``
}

function expressionHint(token: IToken): string | undefined {
  switch (token.tokenType) {
    case T.Bang:
      return 'expressions negate with `not`; `!` is only for triggers'
    case T.HyphenatedName:
      return 'names cannot contain `-`; use `_`'
    case T.Equals:
      return 'compare values with `==`'
    case EOF:
      return undefined
  }
  if (T.closingTokens.has(token.tokenType) || token.tokenType === T.Comma) return 'a value is missing before it'
  if (T.keywordTokens.includes(token.tokenType)) return `\`${token.image}\` is a keyword and cannot be used as a value`
  return undefined
}

function tokenOffset(token: IToken, context: ParseErrorContext): number {
  return token.tokenType === EOF || !Number.isFinite(token.startOffset) ? endOffset(context) : token.startOffset
}

function tokenSpan(token: IToken, context: ParseErrorContext): Span {
  if (token.tokenType === EOF || !Number.isFinite(token.startOffset)) {
    const end = endOffset(context)
    return context.lines.span(end, end)
  }
  return context.lines.span(token.startOffset, tokenEnd(token))
}

/** Errors at the end of input point just after the last token, not at a blank last line. */
function endOffset(context: ParseErrorContext): number {
  const last = context.structure.tokens[context.structure.tokens.length - 1]
  return last === undefined ? 0 : tokenEnd(last)
}
