/**
 * Shrinking a failing input by delta debugging (Zeller's ddmin): remove ever smaller chunks of
 * its units for as long as it still fails the same way. Text is shrunk over lines, then tokens,
 * then characters, so that a 30 KB file that breaks the checker ends as the few characters that do.
 */

/** Whether a candidate still fails (the same oracle as the original finding). */
export type StillFails<T> = (candidate: T) => Promise<boolean>

export interface MinimiseBudget {
  /** How many candidates may be tried at most, over all levels; shrinking stops there. */
  tests: number
}

/** The smallest sublist of `units` (1-minimal, within the budget) for which `fails` holds. */
export async function ddmin<U>(units: readonly U[], fails: StillFails<readonly U[]>, budget: MinimiseBudget): Promise<U[]> {
  let current = [...units]
  let granularity = 2
  while (current.length >= 2 && budget.tests > 0) {
    const chunkSize = Math.ceil(current.length / granularity)
    let reduced = false
    for (let start = 0; start < current.length && budget.tests > 0; start += chunkSize) {
      const complement = [...current.slice(0, start), ...current.slice(start + chunkSize)]
      budget.tests--
      if (await fails(complement)) {
        current = complement
        granularity = Math.max(granularity - 1, 2)
        reduced = true
        break
      }
    }
    if (reduced) continue
    if (granularity >= current.length) break
    granularity = Math.min(granularity * 2, current.length)
  }
  // A single unit may still be removable when it is all that is left.
  if (current.length === 1 && budget.tests > 0) {
    budget.tests--
    if (await fails([])) return []
  }
  return current
}

/** Lines with their line breaks: joining them gives the text back. */
export function lineUnits(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? []
}

/** Words, runs of white space and single punctuation characters. */
export function tokenUnits(text: string): string[] {
  return text.match(/\s+|[\p{L}\p{N}_$]+|[^]/gu) ?? []
}

/** Code points (a surrogate pair stays whole, a lone surrogate is its own unit). */
export function characterUnits(text: string): string[] {
  return Array.from(text)
}

/** Shrinks a failing text over lines, then tokens, then characters. */
export async function minimiseText(text: string, fails: StillFails<string>, budget: MinimiseBudget = { tests: 2000 }): Promise<string> {
  let current = text
  for (const split of [lineUnits, tokenUnits, characterUnits]) {
    const units = await ddmin(split(current), (candidate) => fails(candidate.join('')), budget)
    current = units.join('')
  }
  return current
}
