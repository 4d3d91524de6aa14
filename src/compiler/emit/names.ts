/** Names of generated declarations, derived from `.map` names (which are identifiers). */
import type { DestinationIR } from '../ir.js'

/** `identifyUser` + `Payload` → `IdentifyUserPayload`; `group_workspace` → `GroupWorkspacePayload`. */
export function typeName(name: string, suffix: string): string {
  const pascal = name
    .split('_')
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('')
  return `${pascal || 'Unnamed'}${suffix}`
}

/**
 * The type names of a destination's settings and payloads, one per declaration: names that would
 * collide (`foo_bar` and `fooBar` both make `FooBar…`) get a number, in declaration order, so the
 * output stays deterministic.
 */
export function declarationTypeNames(destination: DestinationIR): { settings: string; payloads: ReadonlyMap<string, string> } {
  const taken = new Set<string>()
  const unique = (name: string): string => {
    let candidate = name
    for (let n = 2; taken.has(candidate); n++) candidate = `${name}${n}`
    taken.add(candidate)
    return candidate
  }
  const settings = unique(typeName(destination.name, 'Settings'))
  const payloads = new Map(destination.actions.map((a) => [a.name, unique(typeName(a.name, 'Payload'))] as const))
  return { settings, payloads }
}
