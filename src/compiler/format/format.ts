/**
 * The formatter's entry points. `formatSource` refuses text with syntax errors (formatting a
 * file the parser only partly read could lose code); `formatMapFile` prints any AST, with the
 * comments it carries.
 */
import type { MapFile } from '../syntax/ast.js'
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js'
import { parseMap } from '../syntax/parse.js'
import { CommentPrinter } from './comment-printer.js'
import { attachComments } from './comments.js'
import { printDoc } from './doc.js'
import { printFile } from './print-declarations.js'

export const LINE_WIDTH = 100

export function formatSource(text: string, file: string): { text: string } | { diagnostics: Diagnostic[] } {
  const { ast, diagnostics } = parseMap(text, file)
  if (hasErrors(diagnostics)) return { diagnostics }
  return { text: formatMapFile(ast, text) }
}

/** `text`, the source the AST was parsed from, tells where blank lines separated comments. */
export function formatMapFile(ast: MapFile, source = ''): string {
  const comments = new CommentPrinter(attachComments(ast, ast.comments, source))
  const text = printDoc(printFile(ast, comments), LINE_WIDTH)
  if (comments.printed !== ast.comments.length) {
    // Every comment is attached to some node; losing one is a formatter bug, never acceptable.
    throw new Error(`the formatter printed ${comments.printed} of ${ast.comments.length} comments`)
  }
  return text
}
