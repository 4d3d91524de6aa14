/**
 * Attributes (`title "X"`, `size batch_size`, …) are generic in the grammar and checked here, so
 * that a misspelt attribute gets "did you mean" instead of a parse error.
 */
import type { Attribute, Expr, Span } from '../syntax/ast.js'
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js'
import { closest, didYouMean } from '../diagnostics/suggest.js'

export interface AttributeSet {
  /** The last value given for each known attribute. */
  get(name: string): Attribute | undefined
}

/** Reports unknown and repeated attributes; returns the known ones by name. */
export function readAttributes(
  attributes: readonly Attribute[],
  allowed: readonly string[],
  where: string,
  report: (d: Diagnostic) => void
): AttributeSet {
  const byName = new Map<string, Attribute>()
  // `lable "Email"`: reported once; read as the `label` it meant, so that the field is not also
  // reported for having no label (unless the right spelling is given too).
  const meant = new Map<string, Attribute>()
  for (const attribute of attributes) {
    const name = attribute.name.name
    if (!allowed.includes(name)) {
      report(
        diagnostic('MAPC2003', attribute.name.span, `${where} has no attribute \`${name}\``, {
          hint: didYouMean(name, allowed) ?? `${where} takes ${allowed.map((a) => `\`${a}\``).join(', ')}`
        })
      )
      const suggestion = closest(name, allowed)
      if (suggestion !== undefined && !meant.has(suggestion)) meant.set(suggestion, attribute)
      continue
    }
    const earlier = byName.get(name)
    if (earlier) {
      report(
        diagnostic('MAPC2005', attribute.name.span, `\`${name}\` is given twice`, {
          related: [{ span: earlier.name.span, message: 'first given here' }]
        })
      )
    }
    byName.set(name, attribute)
  }
  return { get: (name) => byName.get(name) ?? retitled(meant.get(name), name) }
}

function retitled(attribute: Attribute | undefined, name: string): Attribute | undefined {
  return attribute === undefined ? undefined : { ...attribute, name: { ...attribute.name, name } }
}

/** The single string literal of an attribute, reporting anything else. */
export function stringAttribute(attribute: Attribute | undefined, report: (d: Diagnostic) => void): string | undefined {
  if (!attribute) return undefined
  const value = singleValue(attribute, report)
  if (!value) return undefined
  if (value.kind !== 'String') {
    report(diagnostic('MAPC2026', value.span, `\`${attribute.name.name}\` takes a string literal`))
    return undefined
  }
  return value.value
}

export function requireString(
  attribute: Attribute | undefined,
  name: string,
  where: string,
  at: Span,
  report: (d: Diagnostic) => void
): string | undefined {
  if (!attribute) {
    report(diagnostic('MAPC2004', at, `${where} needs a \`${name}\``, { hint: `add \`${name} "…"\`` }))
    return undefined
  }
  return stringAttribute(attribute, report)
}

export function singleValue(attribute: Attribute, report: (d: Diagnostic) => void): Expr | undefined {
  if (attribute.values.length !== 1) {
    report(diagnostic('MAPC2026', attribute.span, `\`${attribute.name.name}\` takes one value, not ${attribute.values.length}`))
    return undefined
  }
  return attribute.values[0]
}

/** `choices "a", "b"` or `choices 1, 2`. */
export function choicesAttribute(attribute: Attribute | undefined, report: (d: Diagnostic) => void): (string | number)[] | undefined {
  if (!attribute) return undefined
  const out: (string | number)[] = []
  for (const value of attribute.values) {
    if (value.kind === 'String' || value.kind === 'Number') out.push(value.value)
    else report(diagnostic('MAPC2026', value.span, '`choices` lists string or number literals'))
  }
  return out
}
