/**
 * `match(path, pattern)`, read the way Segment's parser reads it: a pattern ending in `*` is a
 * prefix test, otherwise a pattern starting with `*` is a suffix test. Any other `*` is a literal
 * character (`"a*b*"` tests the prefix `a*b`), because that is what Segment does and what its UI
 * generates for a prefix containing `*`.
 *
 * Segment also "accepts" a pattern with a wildcard at neither end, by dropping its first
 * character and testing the rest as a suffix (`"abc"` matches `"xbc"`). No author means that, so
 * mapc refuses such a pattern instead of reproducing it.
 */
export type MatchTest = { operator: 'starts_with'; text: string } | { operator: 'ends_with'; text: string }

export function readMatchPattern(pattern: string): MatchTest | undefined {
  if (pattern.endsWith('*')) return { operator: 'starts_with', text: pattern.slice(0, -1) }
  if (pattern.startsWith('*')) return { operator: 'ends_with', text: pattern.slice(1) }
  return undefined
}
