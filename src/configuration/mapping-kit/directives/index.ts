/**
 * The directives mapc understands, by name. Segment's `@transform` and its root-mapping key are
 * not among them: they rewrite the event for other mappings, which mapc's field model does not have.
 */
import type { DirectiveCompiler } from '../resolver.js'
import { compileArrayPathDirective } from './array-path.js'
import { compileCaseDirective } from './case.js'
import { compileExcludeWhenNullDirective } from './exclude-when-null.js'
import { compileFlattenDirective } from './flatten.js'
import { compileIfDirective } from './if.js'
import { compileJsonDirective } from './json.js'
import { compileLiteralDirective } from './literal.js'
import { compileMergeDirective } from './merge.js'
import { compilePathDirective } from './path.js'
import { compileReplaceDirective } from './replace.js'
import { compileTemplateDirective } from './template.js'

export const directives: ReadonlyMap<string, DirectiveCompiler> = new Map([
  ['@path', compilePathDirective],
  ['@if', compileIfDirective],
  ['@template', compileTemplateDirective],
  ['@literal', compileLiteralDirective],
  ['@arrayPath', compileArrayPathDirective],
  ['@case', compileCaseDirective],
  ['@replace', compileReplaceDirective],
  ['@json', compileJsonDirective],
  ['@flatten', compileFlattenDirective],
  ['@merge', compileMergeDirective],
  ['@excludeWhenNull', compileExcludeWhenNullDirective]
])
