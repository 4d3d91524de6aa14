/**
 * Whether an event's data is JSON that delivery can walk: nested at most EVENT_LIMITS.depth
 * levels, at most EVENT_LIMITS.values values, without cycles, BigInts, functions or symbols, and
 * readable (no getter or Proxy trap that throws). Event data is the user's: a structure that would
 * otherwise end in a stack overflow deep inside validation, or in JSON.stringify throwing on a
 * BigInt, is refused up front as that event's INVALID_EVENT, naming where the problem is.
 *
 * The walk is iterative, so that checking a deep structure cannot itself overflow the stack.
 */

export const EVENT_LIMITS = {
  /** Levels of objects and arrays below the event itself: `properties.a` is at depth 2. */
  depth: 128,
  /** Values in the whole event (objects, arrays and scalars alike). */
  values: 100_000
} as const

interface Frame {
  value: unknown
  key: string | number | undefined
  parent: Frame | undefined
  depth: number
  /** Pushed below an object's children: popping it takes the object off the current path. */
  leaving: boolean
}

/** Why the event's data cannot be delivered (a phrase), or undefined when it can. */
export function eventDataProblem(event: object): string | undefined {
  const onPath = new Set<object>()
  const stack: Frame[] = [{ value: event, key: undefined, parent: undefined, depth: 0, leaving: false }]
  let values = 0
  while (stack.length > 0) {
    const frame = stack.pop() as Frame
    const { value } = frame
    if (frame.leaving) {
      onPath.delete(value as object)
      continue
    }
    if (++values > EVENT_LIMITS.values) return `it holds more than ${EVENT_LIMITS.values} values`
    switch (typeof value) {
      case 'bigint':
        return `${where(frame)} is a BigInt, which JSON cannot hold`
      case 'function':
      case 'symbol':
        return `${where(frame)} is a ${typeof value}, not JSON data`
      case 'object':
        break
      default:
        continue
    }
    if (value === null) continue
    if (onPath.has(value)) return `${where(frame)} refers back to ${frame.parent ? 'an object that contains it' : 'the event'} (a cycle)`
    if (frame.depth > EVENT_LIMITS.depth) return `${where(frame)} is nested deeper than ${EVENT_LIMITS.depth} levels`
    onPath.add(value)
    stack.push({ ...frame, leaving: true })
    let keys: readonly (string | number)[]
    try {
      keys = Array.isArray(value) ? Array.from(value.keys()) : Object.keys(value)
    } catch {
      return `listing the keys of ${where(frame)} threw`
    }
    if (values + keys.length > EVENT_LIMITS.values) return `it holds more than ${EVENT_LIMITS.values} values`
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string | number
      let child: unknown
      try {
        child = (value as Record<string | number, unknown>)[key]
      } catch {
        // A getter or a Proxy trap: the event is not JSON, and must still get a result rather than a throw.
        return `reading ${where({ value: undefined, key, parent: frame, depth: frame.depth + 1, leaving: false })} threw`
      }
      stack.push({ value: child, key, parent: frame, depth: frame.depth + 1, leaving: false })
    }
  }
  return undefined
}

/** `properties.items[3].name`, or `the event` for the event itself; long paths are cut in the middle. */
function where(frame: Frame): string {
  const keys: (string | number)[] = []
  for (let f: Frame | undefined = frame; f?.key !== undefined; f = f.parent) keys.push(f.key)
  if (keys.length === 0) return 'the event'
  keys.reverse()
  const path = keys.length > 12 ? `${pathText(keys.slice(0, 6))}…${pathText(keys.slice(-5))}` : pathText(keys)
  return `\`${path}\``
}

function pathText(keys: readonly (string | number)[]): string {
  return keys
    .map((k, i) => (typeof k === 'number' ? `[${k}]` : /^[A-Za-z_$][\w$]*$/.test(k) ? (i === 0 ? k : `.${k}`) : `[${JSON.stringify(k.slice(0, 40))}]`))
    .join('')
}
