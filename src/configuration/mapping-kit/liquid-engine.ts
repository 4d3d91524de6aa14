/**
 * The LiquidJS engine `@liquid` templates run on, configured as actions-core 3.170.0 configures
 * its own: the same limits (500 ms of rendering, 1,000 characters of template, 10⁸ bytes of
 * memory), and the same tags and filters disabled, so that a template renders here exactly when,
 * and to exactly what, it renders at Segment. One engine serves every mapping: templates are
 * parsed once, when the mapping is compiled.
 */
import { Liquid, type Template } from 'liquidjs'

/** Segment refuses longer templates (for every event). */
export const MAX_LIQUID_TEMPLATE_LENGTH = 1000

/** Tags that loop or read other files: disabled as Segment disables them. */
export const DISABLED_LIQUID_TAGS = ['case', 'for', 'include', 'layout', 'render', 'tablerow'] as const

/** Filters that loop over, reorder or inspect collections: disabled as Segment disables them. */
export const DISABLED_LIQUID_FILTERS = [
  'array_to_sentence_string',
  'concat',
  'find',
  'find_exp',
  'find_index',
  'find_index_exp',
  'group_by',
  'group_by_exp',
  'has',
  'has_exp',
  'map',
  'newline_to_br',
  'reject',
  'reject_exp',
  'reverse',
  'sort',
  'sort_natural',
  'uniq',
  'where_exp',
  'type'
] as const

function createEngine(): Liquid {
  const engine = new Liquid({ renderLimit: 500, parseLimit: 1000, memoryLimit: 1e8 })
  for (const tag of DISABLED_LIQUID_TAGS) {
    const refuse = (): never => {
      throw new Error(`tag "${tag}" is disabled`)
    }
    engine.registerTag(tag, { parse: refuse, render: refuse })
  }
  for (const filter of DISABLED_LIQUID_FILTERS) {
    engine.registerFilter(filter, () => {
      throw new Error(`filter "${filter}" is disabled`)
    })
  }
  return engine
}

const engine = createEngine()

export type LiquidTemplate = Template[]

/** Throws LiquidJS's error for a template that does not parse (or uses a disabled tag). */
export function parseLiquid(template: string): LiquidTemplate {
  return engine.parse(template)
}

/** Renders with the payload as the scope; throws LiquidJS's error (a disabled filter, a limit). */
export function renderLiquid(template: LiquidTemplate, payload: unknown): unknown {
  return engine.renderSync(template, payload as object)
}
