/**
 * `.map` locations as module-level constants (`const L3: $.Loc = { file, line, column }`), so
 * every request, rule and field of generated code can name the line it came from without
 * allocating a location per event.
 */
import type { Span } from '../syntax/ast.js'
import { stringLiteral } from './literals.js'

export class LocationTable {
  private readonly names = new Map<string, string>()
  private readonly declarations: string[] = []

  constructor(private readonly file: string) {}

  /** The constant's name for a span's start, declared the first time it is asked for. */
  name(span: Span): string {
    const key = `${span.start.line}:${span.start.column}`
    let name = this.names.get(key)
    if (name === undefined) {
      name = `L${span.start.line}_${span.start.column}`
      this.names.set(key, name)
      this.declarations.push(
        `const ${name}: $.Loc = { file: ${stringLiteral(this.file)}, line: ${span.start.line}, column: ${span.start.column} }`
      )
    }
    return name
  }

  /**
   * The declarations, in the order first used (which follows the source), as one statement, so
   * that the formatter keeps the one-line declarations together; none when none was asked for.
   */
  statements(): string[] {
    return this.declarations.length === 0 ? [] : [this.declarations.join('\n')]
  }
}
