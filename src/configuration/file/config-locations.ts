/**
 * Where a key or value of a YAML configuration is written, as `file:line:column`: every
 * configuration error points at the line to change, not at a JSON pointer.
 */
import { isMap, isNode, isPair, isScalar, type Document, type LineCounter } from 'yaml'
import type { SourceLocation } from '../../runtime/errors/index.js'
import type { PathKey } from '../../runtime/lib/path.js'

/** The location of the value at `path`, or of its nearest written ancestor; `keyOf` locates a key of that value instead. */
export type ConfigLocator = (path: readonly PathKey[], keyOf?: string) => SourceLocation

export function configLocator(document: Document, lines: LineCounter, file: string): ConfigLocator {
  const at = (offset: number): SourceLocation => {
    const { line, col } = lines.linePos(offset)
    return { file, line, column: col }
  }
  return (path, keyOf) => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node: unknown = depth === 0 ? document.contents : document.getIn(path.slice(0, depth), true)
      if (!isNode(node) || node.range === undefined || node.range === null) continue
      if (keyOf !== undefined && depth === path.length && isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === keyOf)
        const key = pair && isScalar(pair.key) ? pair.key : undefined
        if (key?.range) return at(key.range[0])
      }
      return at(node.range[0])
    }
    return { file, line: 1, column: 1 }
  }
}
