/**
 * Which `.map` line each line of a compiled action module came from. The emitter names every
 * location it uses as a constant (`L42_5`, src/compiler/emit/locations.ts) and marks each
 * request with a `// file.map:line:col` comment; a field's default, coercion and rules name the
 * field. A line takes, in order: the location it uses or declares, the request comment above it,
 * the field it names, and otherwise the action's own line (everything in the module is the
 * action's).
 */
import type { ActionIR } from '../compiler/ir.js'

const LOCATION_CONSTANT = /\bL(\d+)_\d+\b/
const REQUEST_COMMENT = /^\s*\/\/ .*\.map:(\d+):\d+\s*$/
/** `  domain: (e…` in `defaults`, `// domain` in resolveDefaults, `(p, "domain")` in coerce, `p.domain` in rules and perform. */
const fieldPatterns = (name: string): RegExp[] => {
  const quoted = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return [new RegExp(`^\\s*"?${quoted}"?: \\(e: `), new RegExp(`^\\s*// ${quoted}$`), new RegExp(`\\(p, "${quoted}"`), new RegExp(`\\bp\\.${quoted}\\b`)]
}

export function sourceLines(code: string, action: ActionIR): number[] {
  const fields = action.fields.map((f) => ({ line: f.source.start.line, patterns: fieldPatterns(f.name) }))
  const actionLine = action.source.start.line
  const out: number[] = []
  // A request comment, or resolveDefaults' `// field` comment, also covers the line after it.
  let carried: number | undefined
  for (const text of code.split('\n')) {
    const comment = REQUEST_COMMENT.exec(text)
    if (comment) {
      carried = Number(comment[1])
      out.push(carried)
      continue
    }
    const constant = LOCATION_CONSTANT.exec(text)
    const field = constant ? undefined : fields.find((f) => f.patterns.some((p) => p.test(text)))
    const line = constant ? Number(constant[1]) : (field?.line ?? carried ?? actionLine)
    out.push(line)
    carried = field && /^\s*\/\/ /.test(text) ? field.line : undefined
  }
  return out
}
