/**
 * The DestinationDefinition's `name`. actions-core keys payload schemas in ajv as
 * `<name>:<action title>`, and ajv ≥ 8.18 parses that as a URI whose scheme is the name, so the
 * name must be a URI scheme (RFC 3986: a letter, then letters, digits, `+`, `-`, `.`). A title
 * that is not one is renamed, with a warning (MAPC6006), never silently.
 */
import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js'
import type { DestinationIR } from '../../ir.js'

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*$/

export function destinationName(destination: DestinationIR): { name: string; warning?: Diagnostic } {
  const title = destination.title
  if (SCHEME.test(title)) return { name: title }
  const name = `d-${title}`.replace(/[^A-Za-z0-9+.-]+/g, '-').replace(/-+$/, '').replace(/^d-(?=[A-Za-z])/, '')
  return {
    name,
    warning: diagnostic('MAPC6006', destination.span, `the title ${JSON.stringify(title)} cannot key actions-core's schemas; the Segment definition is named ${JSON.stringify(name)}`)
  }
}
