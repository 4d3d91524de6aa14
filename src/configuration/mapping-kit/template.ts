/**
 * `@template` strings, split once into text and placeholders.
 *
 * Segment renders with two regular-expression passes over the whole string: first every
 * `{{{path}}}`, then every `{{path}}`. Splitting with the same two expressions, the second only
 * over the text between triple-brace placeholders, finds the same placeholders in every template.
 * One difference is deliberate (docs/mapping-kit.md): Segment's second pass also reads the text
 * the first pass substituted, so event data containing `{{…}}` is expanded; here substituted text
 * is never read again as a template.
 */
import { pathKeys, readSegmentPath, type SegmentPath } from './segment-path.js'
import { placeholderText } from './template-text.js'

export type TemplatePart = { kind: 'text'; text: string } | { kind: 'placeholder'; keys: SegmentPath }

const TRIPLE_BRACE_PLACEHOLDER = /\{\{\{([^}]+)\}\}\}/g
const DOUBLE_BRACE_PLACEHOLDER = /\{\{([^}]+)\}\}/g

/** A placeholder's trimmed content is a path as Segment's `get` reads it (no `$.` is removed). */
export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = []
  for (const piece of splitBy(template, TRIPLE_BRACE_PLACEHOLDER)) {
    const pieces = piece.kind === 'text' ? splitBy(piece.text, DOUBLE_BRACE_PLACEHOLDER) : [piece]
    for (const inner of pieces) {
      if (inner.kind === 'placeholder') parts.push({ kind: 'placeholder', keys: pathKeys(inner.content.trim()) })
      else if (inner.text !== '') parts.push(inner)
    }
  }
  return parts
}

export function renderTemplate(parts: readonly TemplatePart[], payload: unknown): string {
  let text = ''
  for (const part of parts) text += part.kind === 'text' ? part.text : placeholderText(readSegmentPath(payload, part.keys))
  return text
}

type Piece = { kind: 'text'; text: string } | { kind: 'placeholder'; content: string }

function splitBy(text: string, placeholder: RegExp): Piece[] {
  const pieces: Piece[] = []
  let last = 0
  for (const match of text.matchAll(placeholder)) {
    pieces.push({ kind: 'text', text: text.slice(last, match.index) })
    pieces.push({ kind: 'placeholder', content: match[1] ?? '' })
    last = match.index + match[0].length
  }
  pieces.push({ kind: 'text', text: text.slice(last) })
  return pieces
}
