/**
 * What a `.map` text means, for comparing two texts that should mean the same (a file and its
 * formatted self): its checked IR with every source position taken out, or, when it does not
 * check, the codes of its diagnostics. Positions move when formatting moves text; nothing else may.
 */
import type { Compilation } from '../compiler/compile.js'

/** A span (`{ file, start, end }`) or a location (`{ file, line, column }`): where, not what. */
function isPosition(value: object): boolean {
  return 'file' in value && (('start' in value && 'end' in value) || ('line' in value && 'column' in value))
}

/** The value with positions removed; functions and cycles cannot occur in IR, but are named if they do. */
export function withoutPositions(value: unknown, seen = new Set<object>()): unknown {
  if (value === null || typeof value !== 'object') return typeof value === 'function' ? '[function]' : value
  if (seen.has(value)) return '[cycle]'
  seen.add(value)
  try {
    if (Array.isArray(value)) return value.map((item) => withoutPositions(item, seen))
    const out: Record<string, unknown> = {}
    for (const [key, inner] of Object.entries(value)) {
      if (inner !== null && typeof inner === 'object' && isPosition(inner)) continue
      out[key] = withoutPositions(inner, seen)
    }
    return out
  } finally {
    seen.delete(value)
  }
}

/** A comparable text of what a compilation means. */
export function meaningOf(compilation: Compilation): string {
  if (compilation.ir) return `ir ${JSON.stringify(withoutPositions(compilation.ir))}`
  const codes = compilation.diagnostics.map((d) => `${d.severity} ${d.code}`).sort()
  return `diagnostics ${JSON.stringify(codes)}`
}
