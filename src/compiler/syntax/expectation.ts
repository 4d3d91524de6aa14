/**
 * What the parser expected when it failed, carried from chevrotain's error-message hooks to the
 * code that writes diagnostics. Chevrotain stores only a message string in its exceptions, so the
 * hooks encode this record as the message and `decodeExpectation` reads it back; no message a
 * user sees is written at that point, where the context (the open brace, the block) is unknown.
 */

export interface Expectation {
  kind: 'mismatch' | 'noAlternative' | 'redundant'
  /** Token type names the parser would have accepted. */
  expected: string[]
  /** The grammar rule that failed. */
  rule: string
}

const MARK = 'mapc-expectation:'

export function encodeExpectation(expectation: Expectation): string {
  return MARK + JSON.stringify(expectation)
}

export function decodeExpectation(message: string): Expectation | undefined {
  if (!message.startsWith(MARK)) return undefined
  try {
    return JSON.parse(message.slice(MARK.length)) as Expectation
  } catch {
    return undefined
  }
}
