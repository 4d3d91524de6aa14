/**
 * Turns text into tokens and comments, and reports every lexical problem with a diagnostic:
 * characters that start no token, strings and templates without their closing delimiter,
 * malformed escapes and numbers, unterminated block comments. Lexing never stops at a problem:
 * each malformed literal still becomes a token, so the parser goes on.
 */
import { Lexer, type ILexingError, type IToken } from 'chevrotain'
import type { Comment } from './ast.js'
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js'
import type { LineIndex } from './line-index.js'
import {
  allTokens,
  BlockComment,
  NumberLiteral,
  resetTemplateTracking,
  StringLiteral,
  TemplateHead,
  TemplateMiddle,
  TemplateString,
  TemplateTail
} from './tokens.js'
import {
  decodeNumber,
  decodeStringToken,
  decodeTemplateChunk,
  stringTokenInfo,
  templateChunkText,
  type LiteralProblem,
  type TemplateChunkKind
} from './literals.js'
import { hasLineBreak } from './line-index.js'
import { tokenEnd } from './token-offsets.js'

export interface LexResult {
  tokens: IToken[]
  comments: Comment[]
  diagnostics: Diagnostic[]
  /** Offsets of the opening chunks of templates reported as unterminated. */
  unterminatedTemplates: Set<number>
}

let sharedLexer: Lexer | undefined

function lexer(): Lexer {
  sharedLexer ??= new Lexer(allTokens, { positionTracking: 'onlyOffset', ensureOptimizations: true })
  return sharedLexer
}

export function lex(lines: LineIndex): LexResult {
  resetTemplateTracking()
  const result = lexer().tokenize(lines.text)
  // Position tracking is offsets only (lines and columns come from LineIndex, exact for CRLF);
  // in that mode chevrotain leaves `endOffset` unset, and the parser's CST locations need it.
  for (const token of result.tokens) token.endOffset = token.startOffset + token.image.length - 1
  for (const token of result.groups['comments'] ?? []) token.endOffset = token.startOffset + token.image.length - 1
  const diagnostics: Diagnostic[] = result.errors.map((error) => unexpectedCharacters(error, lines))
  const unterminated: Unterminated = { offsets: new Set(), lines: new Set() }
  checkLiterals(result.tokens, lines, diagnostics, unterminated)
  const comments = (result.groups['comments'] ?? []).map((token) => toComment(token, lines, diagnostics))
  return { tokens: result.tokens, comments, diagnostics, unterminatedTemplates: unterminated.offsets }
}

function toComment(token: IToken, lines: LineIndex, diagnostics: Diagnostic[]): Comment {
  const block = token.tokenType === BlockComment
  if (block && (token.image.length < 4 || !token.image.endsWith('*/'))) {
    diagnostics.push(
      diagnostic('MAPC1006', lines.span(token.startOffset, token.startOffset + 2), 'this block comment is never closed', {
        hint: 'close it with `*/`; block comments do not nest'
      })
    )
  }
  return { kind: 'Comment', text: token.image, block, span: lines.span(token.startOffset, tokenEnd(token)) }
}

/** Unterminated templates found so far: their offsets, and the lines already reported. */
interface Unterminated {
  offsets: Set<number>
  lines: Set<number>
}

function checkLiterals(tokens: IToken[], lines: LineIndex, diagnostics: Diagnostic[], unterminated: Unterminated): void {
  // Open template heads, innermost last, to find the backtick of an unterminated tail.
  const openTemplates: IToken[] = []
  let previousEnd = 0
  for (const token of tokens) {
    if (openTemplates.length > 0 && hasLineBreak(lines.text, previousEnd, token.startOffset)) {
      for (const head of openTemplates) reportUnterminatedTemplate(head, lines, diagnostics, unterminated)
      openTemplates.length = 0
    }
    previousEnd = tokenEnd(token)
    switch (token.tokenType) {
      case StringLiteral:
        checkString(token, lines, diagnostics)
        break
      case NumberLiteral: {
        const { problem } = decodeNumber(token.image)
        if (problem !== undefined) diagnostics.push(diagnostic('MAPC1007', tokenSpan(token, lines), problem))
        break
      }
      case TemplateString:
        checkTemplateChunk(token, 'whole', lines, diagnostics)
        if (!templateChunkText(token.image, 'whole').terminated) {
          reportUnterminatedTemplate(token, lines, diagnostics, unterminated)
        }
        break
      case TemplateHead:
        checkTemplateChunk(token, 'head', lines, diagnostics)
        openTemplates.push(token)
        break
      case TemplateMiddle:
        checkTemplateChunk(token, 'middle', lines, diagnostics)
        break
      case TemplateTail: {
        if (token.image === '`') {
          diagnostics.push(
            diagnostic('MAPC1050', tokenSpan(token, lines), 'this template ends inside an interpolation: its `{` is never closed', {
              hint: 'write `}` before the closing backtick'
            })
          )
        }
        checkTemplateChunk(token, 'tail', lines, diagnostics)
        const head = openTemplates.pop()
        if (head !== undefined && !templateChunkText(token.image, 'tail').terminated) {
          reportUnterminatedTemplate(head, lines, diagnostics, unterminated)
        }
        break
      }
    }
  }
  for (const head of openTemplates) reportUnterminatedTemplate(head, lines, diagnostics, unterminated)
}

function checkString(token: IToken, lines: LineIndex, diagnostics: Diagnostic[]): void {
  const { quote, terminated } = stringTokenInfo(token.image)
  if (quote === "'") {
    diagnostics.push(
      diagnostic('MAPC1003', tokenSpan(token, lines), 'strings use double quotes', {
        hint: `write ${JSON.stringify(decodeStringToken(token.image).value)}`
      })
    )
  } else if (!terminated) {
    diagnostics.push(
      diagnostic('MAPC1002', lines.span(token.startOffset, token.startOffset + 1), 'this string is never closed', {
        hint: 'add the closing `"` on the same line; strings cannot span lines (write a line break as `\\n`)'
      })
    )
  }
  reportLiteralProblems(token, decodeStringToken(token.image).problems, lines, diagnostics)
}

function checkTemplateChunk(token: IToken, kind: TemplateChunkKind, lines: LineIndex, diagnostics: Diagnostic[]): void {
  reportLiteralProblems(token, decodeTemplateChunk(token.image, kind).problems, lines, diagnostics)
}

function reportUnterminatedTemplate(head: IToken, lines: LineIndex, diagnostics: Diagnostic[], unterminated: Unterminated): void {
  if (unterminated.offsets.has(head.startOffset)) return
  unterminated.offsets.add(head.startOffset)
  // A second unterminated template on the same line is almost always the closing backtick of the
  // first one, read as an opening: one diagnostic per line.
  const line = lines.lineOf(head.startOffset)
  if (unterminated.lines.has(line)) return
  unterminated.lines.add(line)
  diagnostics.push(
    diagnostic('MAPC1005', lines.span(head.startOffset, head.startOffset + 1), 'this template is never closed', {
      hint: 'close it with a backtick on the same line; a template and its `{…}` parts stay on one line'
    })
  )
}

function reportLiteralProblems(token: IToken, problems: LiteralProblem[], lines: LineIndex, diagnostics: Diagnostic[]): void {
  for (const problem of problems) {
    const start = token.startOffset + problem.offset
    diagnostics.push(
      diagnostic('MAPC1004', lines.span(start, start + problem.length), problem.message, {
        hint: 'write a backslash itself as `\\\\`'
      })
    )
  }
}

function unexpectedCharacters(error: ILexingError, lines: LineIndex): Diagnostic {
  const text = lines.text.slice(error.offset, error.offset + error.length)
  const first = String.fromCodePoint(text.codePointAt(0) ?? 0)
  const shown = [...text].slice(0, 16).map(showCharacter).join(' ') + ([...text].length > 16 ? ' …' : '')
  const many = [...text].length > 1
  const hint = hintForCharacter(first, text)
  return diagnostic(
    'MAPC1001',
    lines.span(error.offset, error.offset + error.length),
    `unexpected ${many ? 'characters' : 'character'} ${shown}`,
    hint === undefined ? {} : { hint }
  )
}

/** A character as it can be read in a message: invisible ones by their code point. */
export function showCharacter(char: string): string {
  const code = char.codePointAt(0) ?? 0
  if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0) || code === 0xfeff || (code >= 0xd800 && code <= 0xdfff)) {
    return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
  }
  if (/\s/u.test(char)) return `U+${code.toString(16).toUpperCase().padStart(4, '0')} (a space character)`
  return `\`${char}\``
}

function hintForCharacter(first: string, run: string): string | undefined {
  switch (first) {
    case '#':
      return 'comments start with `//`'
    case ';':
      return 'members need no separator; remove the `;`'
    case '&':
      return 'write `and`'
    case '|':
      return 'write `or`'
    case '@':
      return 'mapping-kit directives are written as expressions here: `$.traits.email`, not `@path`'
    case '-':
      return 'there is no subtraction; `-` only starts a negative number or the arrow `->`'
    case '*':
    case '%':
      return 'there is no arithmetic besides `+`'
    case '/':
      return 'comments start with `//`; there is no division'
    case '\u0000':
      return 'the text contains NUL characters: is this a binary file?'
  }
  if (/^[\u00a0\u2000-\u200b\u3000]/.test(run)) return 'replace it with an ordinary space'
  if (/^[\u201c\u201d]/.test(run)) return 'write straight double quotes: `"`'
  if (/^[\u2018\u2019]/.test(run)) return 'write straight double quotes: `"`'
  if (/^\p{L}/u.test(run)) return 'names are made of ASCII letters, digits and `_`'
  return undefined
}

function tokenSpan(token: IToken, lines: LineIndex) {
  return lines.span(token.startOffset, tokenEnd(token))
}
