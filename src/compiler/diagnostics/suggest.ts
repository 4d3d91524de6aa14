/**
 * "Did you mean …?": the closest candidate by edit distance, when it is close enough to help.
 *
 * The work is bounded whatever the input (issue #9: two 12,000-character names once took 46 s and
 * 1.3 GB to check). A name or candidate longer than MAX_SUGGESTED_LENGTH is never compared: no one
 * mistypes a name that long, and nothing useful would be suggested. A candidate whose length
 * differs from the name's by more than the distance allowed is skipped without comparing. And the
 * distance is computed only within that allowance (a band of the table, three rows kept), stopping
 * as soon as every cell of a row exceeds it. So one comparison costs at most
 * (2 × allowance + 1) × MAX_SUGGESTED_LENGTH cells, and memory is three rows.
 */

/** Names longer than this get no suggestion and are offered as none. */
export const MAX_SUGGESTED_LENGTH = 64

/**
 * Cells of the distance table computed since the process started: the measure of the work, so that
 * a test can bound it without timing anything.
 */
export const suggestionWork = { cells: 0 }

export function closest(name: string, candidates: Iterable<string>): string | undefined {
  if (name.length > MAX_SUGGESTED_LENGTH) return undefined
  // Allow about one typo per three characters; "x" → "xyz" is not a suggestion, "emial" → "email" is.
  const limit = Math.max(1, Math.floor(name.length / 3))
  const lowered = name.toLowerCase()
  let best: string | undefined
  let bestDistance = limit + 1
  for (const candidate of candidates) {
    if (candidate === name || candidate.length > MAX_SUGGESTED_LENGTH) continue
    if (Math.abs(candidate.length - name.length) >= bestDistance) continue
    const distance = editDistanceWithin(lowered, candidate.toLowerCase(), bestDistance - 1)
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  return best
}

export function didYouMean(name: string, candidates: Iterable<string>, render = (s: string) => `\`${s}\``): string | undefined {
  const match = closest(name, candidates)
  return match === undefined ? undefined : `did you mean ${render(match)}?`
}

/** Optimal string alignment distance: Levenshtein plus adjacent transpositions (a common typo). */
export function editDistance(a: string, b: string): number {
  return editDistanceWithin(a, b, Math.max(a.length, b.length))
}

/**
 * The optimal string alignment distance of `a` and `b` when it is at most `max`, else `max + 1`.
 * Only cells within `max` of the diagonal are computed (any path leaving the band costs more than
 * `max`), in three rows: the one before the previous is what a transposition reads.
 */
export function editDistanceWithin(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  const over = max + 1
  const width = b.length + 1
  let before = new Array<number>(width).fill(over)
  let previous = new Array<number>(width).fill(over)
  let current = new Array<number>(width).fill(over)
  for (let j = 0; j <= Math.min(b.length, max); j++) previous[j] = j
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - max)
    const to = Math.min(b.length, i + max)
    current.fill(over)
    current[0] = i <= max ? i : over
    let rowMin = current[0] as number
    for (let j = from; j <= to; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let value = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (before[j - 2] as number) + 1)
      current[j] = Math.min(value, over)
      if (value < rowMin) rowMin = value
    }
    suggestionWork.cells += to - from + 1
    if (rowMin > max) return over
    ;[before, previous, current] = [previous, current, before]
  }
  return Math.min(previous[b.length] as number, over)
}
