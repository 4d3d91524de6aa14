/**
 * Tripwires for code injection and prototype pollution. A canary function on globalThis that the
 * injection payloads call, and a snapshot of the global object and the built-in prototypes: text
 * that ran as code calls the canary or sets a global; polluted data adds a prototype member.
 */
import { CANARY } from './hostile-values.js'

const BUILTINS = ['Object', 'Array', 'Function', 'String', 'Number', 'Boolean', 'Promise', 'RegExp', 'Error', 'Map', 'Set'] as const

interface Snapshot {
  globals: string[]
  prototypes: Record<string, string[]>
}

const ownNames = (o: object): string[] => Reflect.ownKeys(o).map(String).sort()

function snapshot(): Snapshot {
  const prototypes: Record<string, string[]> = {}
  for (const name of BUILTINS) prototypes[name] = ownNames((globalThis[name] as { prototype: object }).prototype)
  // Symbol-keyed globals are left out: libraries register theirs lazily (undici's dispatcher), and data never writes one.
  return { globals: Object.getOwnPropertyNames(globalThis).sort(), prototypes }
}

function difference(what: string, before: readonly string[], after: readonly string[]): string[] {
  const had = new Set(before)
  const has = new Set(after)
  return [...after.filter((x) => !had.has(x)).map((x) => `${what} gained ${x}`), ...before.filter((x) => !has.has(x)).map((x) => `${what} lost ${x}`)]
}

export interface Guards {
  /** What tripped since the last call (canary calls, changed globals and prototypes); resets the calls. */
  tripped(): string[]
  uninstall(): void
}

export function installGuards(): Guards {
  const calls: string[] = []
  Object.defineProperty(globalThis, CANARY, {
    value: (...args: unknown[]) => {
      calls.push(args.map(String).join(', '))
    },
    configurable: true,
    writable: false
  })
  // Each change is reported once: the baseline moves to what was seen.
  let before = snapshot()
  return {
    tripped() {
      const after = snapshot()
      const found = [
        ...calls.map((call) => `the canary was called (${call}): hostile text ran as code`),
        ...difference('globalThis', before.globals, after.globals),
        ...BUILTINS.flatMap((name) => difference(`${name}.prototype`, before.prototypes[name] ?? [], after.prototypes[name] ?? []))
      ]
      calls.length = 0
      before = after
      return found
    },
    uninstall() {
      Reflect.deleteProperty(globalThis, CANARY)
    }
  }
}
