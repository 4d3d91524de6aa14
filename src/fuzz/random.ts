/**
 * The fuzzer's only source of randomness: a seeded generator (mulberry32), so that a seed and an
 * iteration number reproduce an input exactly. Math.random is never used by the fuzzer.
 */

/** A seed as text (what `--seed` takes) → 32 bits, by FNV-1a. */
export function seedBits(seed: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < seed.length; i++) {
    hash ^= seed.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash >>> 0
}

export class Random {
  private state: number

  constructor(seed: string | number) {
    this.state = typeof seed === 'number' ? seed >>> 0 : seedBits(seed)
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** An integer in [0, max). */
  int(max: number): number {
    return Math.floor(this.next() * max)
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1)
  }

  chance(probability: number): boolean {
    return this.next() < probability
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Random.pick of an empty list')
    return items[this.int(items.length)] as T
  }

  /** An independent generator for one iteration: the same seed and label give the same stream. */
  fork(label: string | number): Random {
    return new Random(seedBits(`${this.state}:${label}`))
  }
}

/** The generator of iteration `iteration` of a run: independent of what earlier iterations drew. */
export function iterationRandom(seed: string, target: string, iteration: number): Random {
  return new Random(`${seed}/${target}/${iteration}`)
}
