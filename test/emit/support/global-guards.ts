/**
 * Tripwires for code injection and prototype pollution: a canary function on `globalThis` that
 * hostile strings try to call, and snapshots of the global object and the built-in prototypes
 * that must not gain a single property while hostile input is compiled and run.
 */
import { CANARY } from './hostile-destination.js'

interface Snapshot {
  globals: string[]
  prototypes: Record<string, string[]>
}

const PROTOTYPES: Record<string, object> = {
  Object: Object.prototype,
  Array: Array.prototype,
  Function: Function.prototype,
  String: String.prototype,
  Promise: Promise.prototype
}

const ownNames = (o: object): string[] => Reflect.ownKeys(o).map(String).sort()

function snapshot(): Snapshot {
  return {
    globals: ownNames(globalThis),
    prototypes: Object.fromEntries(Object.entries(PROTOTYPES).map(([name, proto]) => [name, ownNames(proto)]))
  }
}

export interface GlobalGuards {
  /** Every call the canary received (the arguments as text), for the failure message. */
  calls: string[]
  /** What changed since the guards were installed: new or removed globals, new prototype members. */
  changes(): string[]
  uninstall(): void
}

export function installGlobalGuards(): GlobalGuards {
  const calls: string[] = []
  Object.defineProperty(globalThis, CANARY, {
    value: (...args: unknown[]) => calls.push(args.map(String).join(', ')),
    configurable: true,
    writable: false
  })
  const before = snapshot()
  return {
    calls,
    changes() {
      const after = snapshot()
      const diff = (what: string, a: string[], b: string[]): string[] => [
        ...b.filter((x) => !a.includes(x)).map((x) => `${what} gained ${x}`),
        ...a.filter((x) => !b.includes(x)).map((x) => `${what} lost ${x}`)
      ]
      return [
        ...diff('globalThis', before.globals, after.globals),
        ...Object.keys(PROTOTYPES).flatMap((name) => diff(`${name}.prototype`, before.prototypes[name] ?? [], after.prototypes[name] ?? []))
      ]
    },
    uninstall() {
      Reflect.deleteProperty(globalThis, CANARY)
    }
  }
}
