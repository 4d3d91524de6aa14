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
  // Almost every event is plain JSON: a recursive walk that allocates nothing per value says so.
  // Anything it cannot vouch for is walked again by the careful walk, which names the problem.
  try {
    if (plainWalk(event, 0, [], EVENT_LIMITS.values - 1) >= 0) return undefined
  } catch {
    // A getter or Proxy trap threw, or the stack ran out: the careful walk says where.
  }
  return carefulProblem(event)
}

/**
 * The values still allowed after `value`'s children, or -1 when the walk stops (too many values,
 * too deep, a cycle, a value JSON cannot hold). Recursion is bounded by EVENT_LIMITS.depth, so
 * it cannot overflow the stack on any event.
 */
function plainWalk(value: object, depth: number, ancestors: object[], left: number): number {
  if (depth > EVENT_LIMITS.depth || ancestors.includes(value)) return -1
  ancestors.push(value)
  if (Array.isArray(value)) {
    const length = value.length
    if (length > left) return -1
    for (let i = 0; i < length; i++) {
      left = plainChild((value as unknown[])[i], depth, ancestors, left - 1)
      if (left < 0) return -1
    }
  } else {
    // for…in with an own-key test visits what Object.keys lists, without an array per object.
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue
      left = plainChild((value as Record<string, unknown>)[key], depth, ancestors, left - 1)
      if (left < 0) return -1
    }
  }
  ancestors.pop()
  return left
}

function plainChild(child: unknown, depth: number, ancestors: object[], left: number): number {
  switch (typeof child) {
    case 'object':
      return child === null ? left : plainWalk(child, depth + 1, ancestors, left)
    case 'bigint':
    case 'function':
    case 'symbol':
      return -1
    default:
      return left
  }
}

/** The careful walk: iterative, and it says what is wrong and where. */
function carefulProblem(event: object): string | undefined {
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
