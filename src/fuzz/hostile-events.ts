/**
 * Hostile events and settings, described as JSON recipes (so that a finding can be written,
 * replayed and shrunk) and made into the values `send` receives: getters that throw, Proxies
 * that throw, revoked Proxies, cycles, deep nesting, huge strings, `__proto__` and
 * `constructor` as own keys, values JSON has no form for, and the secret itself in event data.
 */
import { hostileString, longString } from './hostile-values.js'
import type { Random } from './random.js'
import { SECRET_ENCODINGS, SECRET_ENCODING_NAMES } from './secret-encodings.js'

export type ValueRecipe =
  | { kind: 'string'; text: string }
  | { kind: 'repeat'; unit: string; times: number }
  | { kind: 'secret'; encoding: string }
  | { kind: 'number'; value: 'NaN' | 'Infinity' | '-Infinity' | '-0' | 'max' | 'tiny' | 'unsafe' }
  | { kind: 'bigint' | 'symbol' | 'function' | 'date' | 'undefined' | 'null' | 'map' | 'bytes' | 'empty-array' }
  | { kind: 'deep'; depth: number; array: boolean }
  | { kind: 'wide'; width: number }
  | { kind: 'own-proto'; key: '__proto__' | 'constructor' | 'prototype' }
  | { kind: 'getter-throws'; withSecret: boolean }
  | { kind: 'proxy-throws'; trap: 'get' | 'ownKeys' | 'getOwnPropertyDescriptor' | 'has' | 'getPrototypeOf' }
  | { kind: 'revoked-proxy' }
  | { kind: 'cycle' }

/** Sets `path` in the event (creating plain objects on the way, as own properties, so `__proto__` is a key like any). */
export interface EventEdit {
  path: string[]
  value: ValueRecipe
}

export type WholeEvent = 'null' | 'array' | 'string' | 'proxy-throws' | 'revoked' | 'frozen' | 'null-prototype' | 'type-getter-throws' | 'message-id-getter-throws' | 'cycle-root'

export interface EventRecipe {
  /** Index into the event corpus. */
  base: number
  edits: EventEdit[]
  whole?: WholeEvent
}

const PATHS: readonly string[][] = [
  ['type'],
  ['messageId'],
  ['userId'],
  ['anonymousId'],
  ['event'],
  ['groupId'],
  ['previousId'],
  ['timestamp'],
  ['traits'],
  ['traits', 'email'],
  ['traits', 'name'],
  ['traits', 'website'],
  ['traits', '__proto__'],
  ['traits', 'constructor'],
  ['properties'],
  ['properties', 'total'],
  ['properties', 'nested', 'deep'],
  ['context'],
  ['context', 'traits', 'email'],
  ['context', 'group_id'],
  ['__proto__'],
  ['__proto__', 'polluted'],
  ['constructor', 'prototype', 'polluted'],
  ['integrations'],
  ['name']
]

const NUMBER_VALUES = ['NaN', 'Infinity', '-Infinity', '-0', 'max', 'tiny', 'unsafe'] as const
const TRAPS = ['get', 'ownKeys', 'getOwnPropertyDescriptor', 'has', 'getPrototypeOf'] as const
const WHOLE: readonly WholeEvent[] = ['null', 'array', 'string', 'proxy-throws', 'revoked', 'frozen', 'null-prototype', 'type-getter-throws', 'message-id-getter-throws', 'cycle-root']

export function valueRecipe(random: Random): ValueRecipe {
  switch (random.int(16)) {
    case 0:
    case 1:
    case 2:
      return { kind: 'string', text: hostileString(random).slice(0, 2000) }
    case 3: {
      const long = longString(random)
      return { kind: 'repeat', unit: long.slice(0, 2), times: random.pick([1000, 100_000, 2_000_000]) }
    }
    case 4:
      return { kind: 'secret', encoding: random.pick(SECRET_ENCODING_NAMES) }
    case 5:
      return { kind: 'number', value: random.pick(NUMBER_VALUES) }
    case 6:
      return { kind: random.pick(['bigint', 'symbol', 'function', 'date', 'undefined', 'null', 'map', 'bytes', 'empty-array'] as const) }
    case 7:
      return { kind: 'deep', depth: random.pick([50, 1000, 5000, 20_000]), array: random.chance(0.5) }
    case 8:
      return { kind: 'wide', width: random.pick([100, 10_000, 100_000]) }
    case 9:
      return { kind: 'own-proto', key: random.pick(['__proto__', 'constructor', 'prototype'] as const) }
    case 10:
    case 11:
      return { kind: 'getter-throws', withSecret: random.chance(0.5) }
    case 12:
      return { kind: 'proxy-throws', trap: random.pick(TRAPS) }
    case 13:
      return { kind: 'revoked-proxy' }
    case 14:
      return { kind: 'cycle' }
    default:
      return { kind: 'string', text: random.pick(['', ' ', 'a@b.c', 'x'.repeat(300), '2024-13-45T99:99:99Z']) }
  }
}

export function eventRecipe(random: Random, corpusSize: number): EventRecipe {
  const edits: EventEdit[] = []
  // Two in five events are left as the corpus has them, so that deliveries get all the way to the server.
  const count = random.chance(0.4) ? 0 : random.between(1, 3)
  for (let i = 0; i < count; i++) edits.push({ path: random.pick(PATHS), value: valueRecipe(random) })
  const recipe: EventRecipe = { base: random.int(corpusSize), edits }
  if (random.chance(0.12)) recipe.whole = random.pick(WHOLE)
  return recipe
}

function thrower(message: string): never {
  throw new Error(message)
}

/** A value from its recipe; `secret` is the case's. */
export function makeValue(recipe: ValueRecipe, secret: string): unknown {
  switch (recipe.kind) {
    case 'string':
      return recipe.text
    case 'repeat':
      return recipe.unit.repeat(recipe.times)
    case 'secret':
      return SECRET_ENCODINGS[recipe.encoding]?.(secret) ?? secret
    case 'number':
      return { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY, '-0': -0, max: Number.MAX_VALUE, tiny: Number.MIN_VALUE, unsafe: 2 ** 53 + 2 }[recipe.value]
    case 'bigint':
      return 12345678901234567890n
    case 'symbol':
      return Symbol('hostile')
    case 'function':
      return () => 'a function'
    case 'date':
      return new Date(Number.NaN)
    case 'undefined':
      return undefined
    case 'null':
      return null
    case 'map':
      return new Map([['a', 1]])
    case 'bytes':
      return new Uint8Array([1, 2, 3])
    case 'empty-array':
      return []
    case 'deep': {
      let value: unknown = 'bottom'
      for (let i = 0; i < recipe.depth; i++) value = recipe.array ? [value] : { a: value }
      return value
    }
    case 'wide': {
      const value: Record<string, number> = {}
      for (let i = 0; i < recipe.width; i++) value[`k${i}`] = i
      return value
    }
    case 'own-proto': {
      const value = {}
      Object.defineProperty(value, recipe.key, { value: { polluted: 'yes', toString: 'not a function' }, enumerable: true, configurable: true, writable: true })
      return value
    }
    case 'getter-throws': {
      const value = {}
      Object.defineProperty(value, 'email', { get: () => thrower(recipe.withSecret ? `getter threw with ${secret}` : 'getter threw'), enumerable: true })
      return value
    }
    case 'proxy-throws':
      return new Proxy({ email: 'a@b.c' }, { [recipe.trap]: () => thrower(`proxy ${recipe.trap} threw`) })
    case 'revoked-proxy': {
      const { proxy, revoke } = Proxy.revocable({}, {})
      revoke()
      return proxy
    }
    case 'cycle': {
      const value: Record<string, unknown> = { name: 'cycle' }
      value['self'] = value
      value['list'] = [value]
      return value
    }
  }
}

/** A plain object this module made or copied; a hostile value (a Proxy that throws) is not one to walk into. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  try {
    return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype
  } catch {
    return false
  }
}

/**
 * Sets `path` to `value` with own properties only: never reads or writes through the prototype
 * chain, and never runs a getter. An edit that meets a property an earlier edit made fixed (the
 * non-configurable getter of `getter-throws`) or an object it froze is dropped: the hostile value
 * already there stays, rather than the case itself throwing.
 */
function setPath(root: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let current = root
  const define = (key: string, item: unknown): boolean => {
    const existing = Object.getOwnPropertyDescriptor(current, key)
    if (existing !== undefined ? existing.configurable !== true : !Object.isExtensible(current)) return false
    Object.defineProperty(current, key, { value: item, enumerable: true, configurable: true, writable: true })
    return true
  }
  for (const key of path.slice(0, -1)) {
    const next = Object.getOwnPropertyDescriptor(current, key)?.value
    if (isPlainObject(next)) {
      current = next as Record<string, unknown>
    } else {
      const created: Record<string, unknown> = {}
      if (!define(key, created)) return
      current = created
    }
  }
  define(path[path.length - 1] as string, value)
}

/** The event `send` gets: a copy of the corpus event with the edits, or the whole replaced. */
export function makeEvent(recipe: EventRecipe, corpus: readonly Record<string, unknown>[], secret: string): unknown {
  const base = structuredClone(corpus[recipe.base % corpus.length] ?? { type: 'track', event: 'x' })
  for (const edit of recipe.edits) {
    try {
      setPath(base, edit.path, makeValue(edit.value, secret))
    } catch {
      // An earlier edit's Proxy that throws on every trap refuses this one: it stays as it is.
    }
  }
  switch (recipe.whole) {
    case undefined:
      return base
    case 'null':
      return null
    case 'array':
      return [base]
    case 'string':
      try {
        return JSON.stringify(base).slice(0, 1000)
      } catch {
        // The edits made it unserialisable (a getter that throws): any text will do.
        return '{"type":"track"}'
      }
    case 'proxy-throws':
      return new Proxy(base, { get: () => thrower('event proxy threw'), ownKeys: () => thrower('event proxy ownKeys threw') })
    case 'revoked': {
      const { proxy, revoke } = Proxy.revocable(base, {})
      revoke()
      return proxy
    }
    case 'frozen':
      return Object.freeze(base)
    case 'null-prototype':
      return Object.assign(Object.create(null) as Record<string, unknown>, base)
    case 'type-getter-throws':
      Object.defineProperty(base, 'type', { get: () => thrower(`type getter threw ${secret}`), enumerable: true })
      return base
    case 'message-id-getter-throws':
      Object.defineProperty(base, 'messageId', { get: () => thrower(`messageId getter threw ${secret}`), enumerable: true })
      return base
    case 'cycle-root':
      base['self'] = base
      return base
  }
}
