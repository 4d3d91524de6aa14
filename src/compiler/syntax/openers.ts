/**
 * Brackets in messages: which `{` a missing `}` should close, and what that `{` opened ("the
 * action `identifyUser`", "the `json` object", "the call to `f`"). A `(` or `[` is named by the
 * grammar rule that wanted its closer, since the tokens before it do not tell a call from an
 * attribute's parenthesised value (`title (a`); a `{` by the tokens before it, since every block
 * shares one rule.
 */
import type { IToken, TokenType } from 'chevrotain'
import type { TokenStructure } from './token-structure.js'
import * as T from './tokens.js'

/** The innermost open bracket of the wanted kind around `token`. */
export function findOpener(structure: TokenStructure, token: IToken, kind: TokenType): IToken | undefined {
  const index = structure.indexOf(token)
  let opener = structure.enclosing(index)
  while (opener >= 0) {
    const candidate = structure.tokens[opener]
    if (candidate?.tokenType === kind) return candidate
    opener = structure.enclosingOpener[opener] ?? -1
  }
  return undefined
}

/**
 * "the action `identifyUser`", "the `json` object", "the call to `assertion`", …
 * `rule` is the grammar rule that expected the closing bracket.
 */
export function describeOpener(structure: TokenStructure, opener: IToken, rule: string): string {
  const index = structure.indexOf(opener)
  const tokens = structure.tokens
  switch (opener.tokenType) {
    case T.TemplateHead:
      return 'the interpolation'
    case T.LParen:
      return describeParenthesis(rule, tokens[index - 1]?.image ?? '')
    case T.LBracket:
      if (rule === 'indexAccess') return 'the index'
      return tokens[index + 1]?.tokenType === T.For ? 'the list comprehension' : 'the array'
    default:
      return describeBrace(tokens, index)
  }
}

/** `name` is the word before the `(`: the function, the declaration or the type it belongs to. */
function describeParenthesis(rule: string, name: string): string {
  switch (rule) {
    case 'arguments':
    case 'triggerCall':
      return `the call to \`${name}\``
    case 'parameters':
      return `the parameter list of \`${name}\``
    case 'typeReference':
      return `the format of the type \`${name}\``
    default:
      return 'the parenthesis'
  }
}

function describeBrace(tokens: IToken[], index: number): string {
  const previous = tokens[index - 1]
  const beforePrevious = tokens[index - 2]
  if (previous?.tokenType === T.Identifier && beforePrevious !== undefined) {
    if (beforePrevious.tokenType === T.Destination) return `the destination \`${previous.image}\``
    if (beforePrevious.tokenType === T.Action) return `the action \`${previous.image}\``
    if (beforePrevious.tokenType === T.Auth) return `the \`auth ${previous.image}\` block`
  }
  if (previous?.tokenType === T.Perform) return 'the `perform` block'
  if (previous?.tokenType === T.Batch) return 'the `batch` block'
  if (previous !== undefined && previous.tokenType.CATEGORIES?.includes(T.RequestPartKeyword)) return `the \`${previous.image}\` object`
  // `field email: string(email) required {`: look back along the declaration for its keyword.
  for (let k = index - 1; k >= 0 && k >= index - 12; k--) {
    const type = tokens[k]?.tokenType
    if (type === T.LBrace || type === T.RBrace) break
    if (type === T.Field || type === T.Setting) {
      const name = tokens[k + 1]
      const kind = type === T.Field ? 'field' : 'setting'
      return name?.tokenType === T.Identifier ? `the ${kind} \`${name.image}\`` : `the ${kind}`
    }
    if (type !== undefined && type.CATEGORIES?.includes(T.HttpMethod)) return 'the request block'
  }
  return 'the object'
}
