/**
 * Writing paths, strings and numbers as FQL tokens that `@segment/fql-ts`'s lexer reads back as
 * the same value.
 *
 * - A path is names joined by `.`. The lexer reads `[A-Za-z0-9_-]` inside a name and takes any
 *   other character after a `\`. A name must also not start like a number (digit, `-`) or be a
 *   word the lexer turns into another token when it ends the path (`and`, `or`, `null`), so those
 *   start with an escaped first character.
 * - A string is `"…"` with no escapes at all: the lexer reads up to the next `"`. A string
 *   containing `"` cannot be written (`segmentIncompatibilities` reports it); it is printed with
 *   `\"` as full FQL would read it.
 * - A number has no exponent (see plain-decimal.ts).
 */
import { plainDecimal } from './plain-decimal.js'

const NAME_CHARACTER = /^[A-Za-z0-9_-]$/
const STARTS_LIKE_NUMBER = /^[0-9-]/
const WORD_TOKENS = new Set(['and', 'or', 'null'])

/** The lexer gives up on a name or string this long. */
export const FQL_MAX_TOKEN_LENGTH = 99_999

export function fqlPathName(name: string): string {
  const escapeFirst = STARTS_LIKE_NUMBER.test(name) || WORD_TOKENS.has(name)
  let text = ''
  for (let i = 0; i < name.length; i++) {
    const character = name.charAt(i)
    text += (i === 0 && escapeFirst) || !NAME_CHARACTER.test(character) ? `\\${character}` : character
  }
  return text
}

export function fqlPath(path: readonly string[]): string {
  return path.map(fqlPathName).join('.')
}

export function fqlString(value: string): string {
  return `"${value.replace(/"/g, '\\"')}"`
}

export function fqlNumber(value: number): string {
  return plainDecimal(value)
}
