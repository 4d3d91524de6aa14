/**
 * The directives mapc understands, by name: those of actions-core 3.170.0. (The root directive,
 * a subscription-level key, is in root-directive.ts.)
 */
import type { DirectiveCompiler } from '../resolver.js'
import { compileArrayPathDirective } from './array-path.js'
import { compileCaseDirective } from './case.js'
import { compileExcludeWhenNullDirective } from './exclude-when-null.js'
import { compileFlattenDirective } from './flatten.js'
import { compileIfDirective } from './if.js'
import { compileJsonDirective } from './json.js'
import { compileLiquidDirective } from './liquid.js'
import { compileLiteralDirective } from './literal.js'
import { compileMergeDirective } from './merge.js'
import { compilePathDirective } from './path.js'
import { compileReplaceDirective } from './replace.js'
import { compileTemplateDirective } from './template.js'
import { compileTransformDirective } from './transform.js'

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
  ['@transform', compileTransformDirective],
  ['@excludeWhenNull', compileExcludeWhenNullDirective],
  ['@liquid', compileLiquidDirective]
])
