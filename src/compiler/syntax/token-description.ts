/**
 * How a token reads in a message: `` `field` ``, `` `{` ``, `the string "Order ID"`,
 * `the end of the file`. Long images are shortened so a message stays one line.
 */
import { EOF, type IToken } from 'chevrotain'
import * as T from './tokens.js'

const MAX_SHOWN = 32

export function describeToken(token: IToken, endOfInput = 'the end of the file'): string {
  if (token.tokenType === EOF) return endOfInput
  switch (token.tokenType) {
    case T.StringLiteral:
      return `the string ${shorten(token.image)}`
    case T.TemplateString:
    case T.TemplateHead:
      return `the template ${shorten(token.image)}`
    case T.TemplateMiddle:
    case T.TemplateTail:
      return `the template text ${shorten(token.image)}`
    default:
      return `\`${shorten(token.image)}\``
  }
}

function shorten(image: string): string {
  const chars = [...image]
  return chars.length <= MAX_SHOWN ? image : chars.slice(0, MAX_SHOWN - 1).join('') + '…'
}
