/**
 * Reading values out of events by path.
 *
 * Event data is untrusted JSON. A path only ever sees an object's own properties, so
 * `$.traits.constructor` or `$.__proto__.polluted` read nothing, whatever the object's prototype.
 * A step through anything that is not an object or array yields absent (`undefined`).
 */

export type PathKey = string | number

const hasOwn = Object.prototype.hasOwnProperty

/** One step of a path: an own property of an object, or an element of an array. */
export function readKey(value: unknown, key: PathKey): unknown {
  if (value === null || typeof value !== 'object') return undefined
  if (Array.isArray(value)) {
    if (typeof key === 'number') return key >= 0 && key < value.length ? value[key] : undefined
    // `items.0` reads an element too, as mapping-kit's dotted paths allow.
    if (/^(0|[1-9][0-9]*)$/.test(key)) {
      const index = Number(key)
      return index < value.length ? value[index] : undefined
    }
    return undefined
  }
  const name = typeof key === 'number' ? String(key) : key
  return hasOwn.call(value, name) ? (value as Record<string, unknown>)[name] : undefined
}

export function readPath(value: unknown, keys: readonly PathKey[]): unknown {
  let current = value
  for (const key of keys) {
    current = readKey(current, key)
    if (current === undefined) return undefined
  }
  return current
}

export class PathSyntaxError extends Error {
  constructor(
    readonly path: string,
    readonly offset: number,
    reason: string
  ) {
    super(`invalid path ${JSON.stringify(path)} at character ${offset + 1}: ${reason}`)
    this.name = 'PathSyntaxError'
  }
}

/**
 * Parses the path strings mapping-kit uses (`$.traits.email`, `traits.email`, `$.items[0].sku`,
 * `$.properties["Order ID"]`, `$.properties['Order ID']`) into keys. `$` and `""` are the root.
 */
export function parsePathString(path: string): PathKey[] {
  let i = 0
  if (path.startsWith('$')) i = 1
  const keys: PathKey[] = []
  const fail = (reason: string): never => {
    throw new PathSyntaxError(path, i, reason)
  }
  // Without a leading `$`, the path starts with a bare name (`traits.email`).
  let expectName = i === 0 && path.length > 0
  while (i < path.length) {
    const ch = path[i]
    if (expectName || ch === '.') {
      if (!expectName) i++
      expectName = false
      const start = i
      while (i < path.length && path[i] !== '.' && path[i] !== '[') i++
      if (i === start) fail('expected a property name')
      keys.push(path.slice(start, i))
    } else if (ch === '[') {
      i++
      const quote = path[i]
      if (quote === '"' || quote === "'") {
        i++
        let name = ''
        while (i < path.length && path[i] !== quote) {
          if (path[i] === '\\' && i + 1 < path.length) i++
          name += path[i]
          i++
        }
        if (i >= path.length) fail('unterminated quoted key')
        i++
        keys.push(name)
      } else {
        const start = i
        while (i < path.length && path[i] !== ']') i++
        const text = path.slice(start, i).trim()
        if (!/^(0|[1-9][0-9]*)$/.test(text)) fail('an index must be a non-negative integer or a quoted key')
        keys.push(Number(text))
      }
      if (path[i] !== ']') fail('expected "]"')
      i++
    } else {
      fail(`unexpected ${JSON.stringify(ch)}`)
    }
  }
  return keys
}
