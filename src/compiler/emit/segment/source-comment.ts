/** `// attio.map:42:5`: the `.map` line a piece of generated code comes from. */
import type { Span } from '../../syntax/ast.js'
import { commentText } from '../literals.js'

export function sourceComment(span: Span): string {
  return `// ${commentText(`${span.file}:${span.start.line}:${span.start.column}`)}`
}
