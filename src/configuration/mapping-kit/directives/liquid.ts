/**
 * `{"@liquid": "{{ traits.name | upcase }}"}`: a LiquidJS template rendered with the payload as
 * its scope (liquid-engine.ts holds Segment's limits and disabled tags and filters).
 *
 * As Segment: the template is a string (an empty one renders `""`); a template longer than 1,000
 * characters, or one that does not parse, fails every event there, so it is refused here when
 * compiling. A template that fails while rendering (a disabled filter, the time or memory limit)
 * fails that event. The message names LiquidJS's complaint, which is about the template.
 */
import { describeKind } from '../json-value.js'
import { MAX_LIQUID_TEMPLATE_LENGTH, parseLiquid, renderLiquid } from '../liquid-engine.js'
import type { DirectiveCompiler } from '../resolver.js'

export const compileLiquidDirective: DirectiveCompiler = (options, site) => {
  if (typeof options !== 'string') throw site.error(`must be a string, not ${describeKind(options)}`)
  if (options === '') return () => ''
  if (options.length > MAX_LIQUID_TEMPLATE_LENGTH) {
    throw site.error(`must be at most ${MAX_LIQUID_TEMPLATE_LENGTH} characters long (it has ${options.length}), as Segment limits it`)
  }
  let template
  try {
    template = parseLiquid(options)
  } catch (error) {
    throw site.error(`does not parse as a Liquid template: ${liquidComplaint(error)}`)
  }
  return (payload) => {
    let rendered: unknown
    try {
      rendered = renderLiquid(template, payload)
    } catch (error) {
      throw site.error(`failed to render: ${liquidComplaint(error)}`)
    }
    // Segment's answer when LiquidJS gives anything but text.
    return typeof rendered === 'string' ? rendered : 'error'
  }
}

function liquidComplaint(error: unknown): string {
  return error instanceof Error ? error.message : 'LiquidJS failed'
}
