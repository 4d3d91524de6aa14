/**
 * Tripwires for code injection and prototype pollution: a canary function on a realm's global
 * object that hostile strings try to call, and snapshots of that global object and the realm's
 * built-in prototypes, which must not gain a single property while hostile input is compiled and
 * run.
 */
import { CANARY } from './hostile-destination.js'

interface Snapshot {
  globals: string[]
  prototypes: Record<string, string[]>
}

const BUILTINS = ['Object', 'Array', 'Function', 'String', 'Promise'] as const

const ownNames = (o: object): string[] => Reflect.ownKeys(o).map(String).sort()

/** The built-in prototypes of a realm, found through its own global object. */
function prototypesOf(realm: typeof globalThis): Record<string, object> {
  return Object.fromEntries(BUILTINS.map((name) => [name, (realm[name] as { prototype: object }).prototype]))
}

function snapshot(realm: typeof globalThis): Snapshot {
  return {
    globals: ownNames(realm),
    prototypes: Object.fromEntries(Object.entries(prototypesOf(realm)).map(([name, proto]) => [name, ownNames(proto)]))
  }
}

export interface GlobalGuards {
  /** Every call the canary received (the arguments as text), for the failure message. */
  calls: string[]
  /** What changed since the guards were installed: new or removed globals, new prototype members. */
  changes(): string[]
  uninstall(): void
}

/** Guards on one realm: this one by default, or a vm context's global object. */
export function installGlobalGuards(realm: typeof globalThis = globalThis): GlobalGuards {
  const calls: string[] = []
  Object.defineProperty(realm, CANARY, {
    value: (...args: unknown[]) => calls.push(args.map(String).join(', ')),
    configurable: true,
    writable: false
  })
  const before = snapshot(realm)
  return {
    calls,
    changes() {
      const after = snapshot(realm)
      const diff = (what: string, a: readonly string[], b: readonly string[]): string[] => [
        ...b.filter((x) => !a.includes(x)).map((x) => `${what} gained ${x}`),
        ...a.filter((x) => !b.includes(x)).map((x) => `${what} lost ${x}`)
      ]
      return [
        ...diff('globalThis', before.globals, after.globals),
        ...BUILTINS.flatMap((name) => diff(`${name}.prototype`, before.prototypes[name] ?? [], after.prototypes[name] ?? []))
      ]
    },
    uninstall() {
      Reflect.deleteProperty(realm, CANARY)
    }
  }
}
