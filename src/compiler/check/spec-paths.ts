/**
 * Paths the Segment Spec does not define. An event's top level is open in the Spec's schemas
 * (extra keys validate), so `$.userID` and `$.trait.email` are not impossible, and MAPC3001 does
 * not fire: but no event type the trigger can match declares them, and a typo is far likelier
 * than a custom top-level key. They get a warning with the closest declared key.
 *
 * Below the Spec's open objects (`traits`, `properties`, `context`, `integrations`) any key is
 * the customer's own and stays silent.
 */
import type { PathSegment, Span } from '../syntax/ast.js'
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js'
import { closest } from '../diagnostics/suggest.js'
import { memberType, members, type Type } from './types.js'

/** Objects of the Spec whose keys are the customer's: anything below them is a valid path. */
const OPEN_OBJECTS = new Set(['traits', 'properties', 'context', 'integrations'])

export interface UndeclaredKey {
  /** Index of the first segment no event type declares. */
  at: number
  /** The declared keys beside it, in every type that could match. */
  declared: Set<string>
}

/** The first key of `keys` that none of the `roots` declares, where each parent declares some keys. */
export function firstUndeclaredKey(roots: readonly Type[], keys: readonly (string | number)[]): UndeclaredKey | undefined {
  let current = [...roots]
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]
    if (typeof key !== 'string') return undefined
    const objects = current.flatMap((t) => members(t)).filter((m) => m.kind === 'object')
    // A value that is no object here (or of unknown type) is MAPC3001's or nobody's business.
    if (objects.length === 0 || current.some((t) => members(t).some((m) => m.kind === 'any'))) return undefined
    const declared = new Set(objects.flatMap((o) => (o.kind === 'object' ? Object.keys(o.props) : [])))
    if (declared.size === 0) return undefined
    if (!declared.has(key)) return { at: i, declared }
    if (OPEN_OBJECTS.has(key)) return undefined
    current = current.map((t) => memberType(t, key))
  }
  return undefined
}

/** The warning for a path whose key `at` no matching event type declares. */
export function undeclaredPathWarning(
  segments: readonly PathSegment[],
  undeclared: UndeclaredKey,
  types: string,
  render: (keys: readonly (string | number)[]) => string
): Diagnostic {
  const keys = segments.map((s) => (s.kind === 'Key' ? s.name : s.index))
  const key = keys[undeclared.at] as string
  const match = closest(key, undeclared.declared)
  const span: Span = (segments[undeclared.at] ?? segments[segments.length - 1])?.span as Span
  const parent = render(keys.slice(0, undeclared.at))
  return diagnostic('MAPC3022', span, `the Segment Spec defines no \`${render(keys.slice(0, undeclared.at + 1))}\` on ${types} events`, {
    hint:
      match !== undefined
        ? `did you mean \`${render([...keys.slice(0, undeclared.at), match, ...keys.slice(undeclared.at + 1)])}\`?`
        : `a custom value belongs in \`${parent === '$' ? '$.properties' : parent}…\` or \`$.traits…\`; quote the key to read it on purpose: \`${parent}["${key}"]\``
  })
}
