/**
 * Brackets in messages: which `{` a missing `}` should close, and what that `{` opened, read
 * from the tokens before it ("the action `identifyUser`", "the `json` object", "the call to `f`").
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

/** "the action `identifyUser`", "the `json` object", "the call to `assertion`", … */
export function describeOpener(structure: TokenStructure, opener: IToken): string {
  const index = structure.indexOf(opener)
  const tokens = structure.tokens
  const before = (k: number): IToken | undefined => tokens[index - k]
  switch (opener.tokenType) {
    case T.TemplateHead:
      return 'the interpolation'
    case T.LParen: {
      const callee = before(1)
      if (callee?.tokenType === T.Identifier) {
        const keyword = before(2)?.tokenType
        if (keyword === T.Shape || keyword === T.Upsert) return `the parameter list of \`${callee.image}\``
        if (keyword === T.Colon) return `the format of the type \`${callee.image}\``
        return `the call to \`${callee.image}\``
      }
      return 'the parenthesis'
    }
    case T.LBracket: {
      if (tokens[index + 1]?.tokenType === T.For) return 'the list comprehension'
      const previous = before(1)?.tokenType
      const indexes = previous === T.Identifier || previous === T.RBracket || previous === T.RParen || previous === T.Dollar || previous === T.Word
      return indexes ? 'the index' : 'the array'
    }
    default:
      return describeBrace(tokens, index)
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
