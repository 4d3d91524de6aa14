/**
 * Path strings of `@path`, `@arrayPath` and template placeholders, read the way actions-core's
 * `get` reads them (see docs/mapping-kit.md, "Paths"), with one documented deviation.
 *
 * Segment splits a path at every `.`, at a `[` that a quote or digit follows, and at a run of `]`
 * that a quote or digit precedes; it drops empty pieces and removes every quote from the rest. So
 * `$.items[0].sku`, `properties['Order ID']` and `a..b` are `items 0 sku`, `properties Order ID`
 * and `a b`, and no path is ever a syntax error. A step reads the value's property, except that a
 * falsy value (`null`, `0`, `""`, `false`) is the result as it is: `$.a.b` is `null` when `a` is.
 *
 * Deviation (bracketed keys): a key written between quotes in brackets (`["a.b"]`, `['it's']`) is
 * one key, exactly as written between the quotes; Segment would split it at the dot, or drop its
 * quotes. `bracketedKeysDeviate` tells where the two readings differ.
 *
 * Deviation (prototype): a step reads own properties only. Segment's `prevObj[key]` also reads
 * what an object inherits (`constructor`, `__proto__`, `toString`), which event data must not reach.
 */

export type SegmentPath = readonly string[]

/** Segment's separators: `[` before a quote or digit, `.`, and `]`s after a quote or digit. */
const SEPARATORS = /\[(?="|'|\d)|\.|(?<="|'|\d)]+/g
const QUOTES = /'|"/g

/** The keys Segment's `get` reads for `path`: no bracketed-key exception. */
export function segmentKeys(path: string): string[] {
  return path
    .split(SEPARATORS)
    .filter((piece) => piece !== '')
    .map((piece) => piece.replace(QUOTES, ''))
}

/** `["…"]` or `['…']`: the text between the quotes, which holds no such quote followed by `]`. */
const BRACKETED_KEY = /\[(["'])(.*?)\1\]/gs

/** The keys mapc reads for `path`: Segment's, except that a bracketed quoted key is kept whole. */
export function pathKeys(path: string): string[] {
  if (path === '' || path === '.') return []
  const keys: string[] = []
  let last = 0
  for (const match of path.matchAll(BRACKETED_KEY)) {
    keys.push(...segmentKeys(path.slice(last, match.index)))
    keys.push(match[2] ?? '')
    last = match.index + match[0].length
  }
  keys.push(...segmentKeys(path.slice(last)))
  return keys
}

/** Whether mapc's reading of `path` differs from Segment's (the bracketed-key deviation applies). */
export function bracketedKeysDeviate(path: string): boolean {
  const ours = pathKeys(path)
  const theirs = path === '' || path === '.' ? [] : segmentKeys(path)
  return ours.length !== theirs.length || ours.some((key, index) => key !== theirs[index])
}

/** The path of a `@path` or `@arrayPath` string: Segment removes the first `$.` in it, wherever it is. */
export function directivePathKeys(path: string): SegmentPath {
  return pathKeys(path.replace('$.', ''))
}

const hasOwn = Object.prototype.hasOwnProperty

/** One step: an own property of an object, array or string (its characters and `length`). */
function step(value: unknown, key: string): unknown {
  if (typeof value === 'object' && value !== null) return hasOwn.call(value, key) ? (value as Record<string, unknown>)[key] : undefined
  if (typeof value === 'string') return hasOwn.call(Object(value), key) ? (value as unknown as Record<string, unknown>)[key] : undefined
  return undefined
}

export function readSegmentPath(value: unknown, keys: SegmentPath): unknown {
  let current = value
  for (const key of keys) {
    // As Segment's `prevObj && prevObj[key]`: a falsy value ends the walk as itself.
    if (!current) return current
    current = step(current, key)
  }
  return current
}
