/**
 * `{"@template": "Hello {{traits.name}}"}`: text with `{{path}}` (or `{{{path}}}`) placeholders;
 * a missing value renders as nothing. A template supplied by a directive is split per event.
 */
import { stringOrDirective, resolvedString } from '../directive-options.js'
import type { DirectiveCompiler } from '../resolver.js'
import { parseTemplate, renderTemplate } from '../template.js'

export const compileTemplateDirective: DirectiveCompiler = (options, site, compile) => {
  const template = stringOrDirective(options, site, compile)
  if (template.kind === 'string') {
    const parts = parseTemplate(template.value)
    return (payload) => renderTemplate(parts, payload)
  }
  const { resolve } = template
  return (payload) => renderTemplate(parseTemplate(resolvedString(resolve, payload, site)), payload)
}
