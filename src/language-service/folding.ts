/**
 * Folding ranges: every bracketed block that spans lines (declarations, request parts, object
 * and array literals), block comments, and runs of line comments.
 */
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types'
import type { MapFile } from '../compiler/syntax/ast.js'
import { walkNodes, type SyntaxNode } from './syntax-tree.js'

const FOLDABLE = new Set(['Destination', 'Action', 'Field', 'Setting', 'Auth', 'UpsertDecl', 'ShapeDecl', 'Perform', 'Batch', 'Request', 'RequestPart', 'Object', 'Array', 'For', 'Upsert', 'Send', 'Let'])

export function foldingRanges(file: MapFile): FoldingRange[] {
  const ranges = new Map<number, FoldingRange>()
  const add = (startLine: number, endLine: number, kind?: FoldingRange['kind']): void => {
    // One range per start line: the outermost, which is what a fold of that line hides.
    if (endLine <= startLine || ranges.has(startLine)) return
    const range: FoldingRange = { startLine, endLine }
    if (kind !== undefined) range.kind = kind
    ranges.set(startLine, range)
  }
  walkNodes(file as unknown as SyntaxNode, (node) => {
    if (node.kind === 'File' || !FOLDABLE.has(node.kind)) return
    // The closing bracket's line stays visible.
    add(node.span.start.line - 1, node.span.end.line - 2)
  })
  let run: { start: number; end: number } | undefined
  const flush = (): void => {
    if (run) add(run.start, run.end, FoldingRangeKind.Comment)
    run = undefined
  }
  for (const c of file.comments) {
    if (c.block) {
      flush()
      add(c.span.start.line - 1, c.span.end.line - 1, FoldingRangeKind.Comment)
      continue
    }
    const line = c.span.start.line - 1
    if (run && line === run.end + 1) run.end = line
    else {
      flush()
      run = { start: line, end: line }
    }
  }
  flush()
  return [...ranges.values()].sort((a, b) => a.startLine - b.startLine)
}
