/**
 * When a name can be written bare and when it needs quotes. Object keys and header names may be
 * any word, keywords included (`{ type: "x" }`); anything else is written as a string.
 */
import { encodeString } from '../syntax/literals.js'

const WORD = /^[A-Za-z_][A-Za-z0-9_]*$/

export function isWord(text: string): boolean {
  return WORD.test(text)
}

/** An object key as written: bare when it was bare and can be, quoted otherwise. */
export function printKey(key: string, quoted: boolean): string {
  return !quoted && isWord(key) ? key : encodeString(key)
}
