/**
 * Arbitraries are immutable values, and some are slow to build (fast-check's `webUrl` and
 * `stringMatching` take milliseconds each). A schema walk asks for the same ones at hundreds of
 * positions, so each is built once and shared.
 */

/** `make` on the first call; the same value on every later one. */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined
  return () => (made ??= { value: make() }).value
}

/** `make` once per distinct `keyOf(argument)`. */
export function memoizeBy<A, T>(make: (argument: A) => T, keyOf: (argument: A) => string): (argument: A) => T {
  const made = new Map<string, T>()
  return (argument) => {
    const key = keyOf(argument)
    let value = made.get(key)
    if (value === undefined) {
      value = make(argument)
      made.set(key, value)
    }
    return value
  }
}
