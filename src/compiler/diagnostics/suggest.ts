/** "Did you mean …?": the closest candidate by edit distance, when it is close enough to help. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined
  let bestDistance = Infinity
  for (const candidate of candidates) {
    if (candidate === name) continue
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase())
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  // Allow about one typo per three characters; "x" → "xyz" is not a suggestion, "emial" → "email" is.
  const limit = Math.max(1, Math.floor(name.length / 3))
  return bestDistance <= limit ? best : undefined
}

export function didYouMean(name: string, candidates: Iterable<string>, render = (s: string) => `\`${s}\``): string | undefined {
  const match = closest(name, candidates)
  return match === undefined ? undefined : `did you mean ${render(match)}?`
}

/** Optimal string alignment distance: Levenshtein plus adjacent transpositions (a common typo). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1
  const cols = b.length + 1
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      const row = d[i] as number[]
      const prev = d[i - 1] as number[]
      let value = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, ((d[i - 2] as number[])[j - 2] as number) + 1)
      }
      row[j] = value
    }
  }
  return (d[a.length] as number[])[b.length] as number
}
