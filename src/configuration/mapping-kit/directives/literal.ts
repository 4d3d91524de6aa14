/**
 * `{"@literal": value}`: the value itself. As in Segment, directives inside it are still
 * resolved; its use is to write values that would otherwise be read as something else.
 */
import type { DirectiveCompiler } from '../resolver.js'

export const compileLiteralDirective: DirectiveCompiler = (options, site, compile) => compile(options, site)
