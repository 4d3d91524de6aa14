/**
 * What the Segment target refuses, as diagnostics with the construct's span: everything a `.map`
 * says that an actions-core destination cannot say (docs/segment-target.md, "What it refuses").
 * Nothing is emitted for a destination with any of them.
 */
import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js'
import type { DestinationIR } from '../../ir.js'
import { mappingKitDefault } from './mapping-kit-default.js'
import { ACTIONS_CORE_FORMATS, EVENT_FIELD } from './reserved-names.js'

export function segmentRefusals(destination: DestinationIR): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const setting of destination.settings) {
    if (setting.type === 'integer') {
      out.push(diagnostic('MAPC6003', setting.source, `setting \`${setting.name}\` is an integer, which actions-core settings cannot be`, { hint: 'declare it as `number`' }))
    }
    if (setting.pattern !== undefined) {
      out.push(diagnostic('MAPC6008', setting.source, `setting \`${setting.name}\` has a \`pattern\`, which actions-core settings cannot check`, { hint: 'drop the pattern for the Segment target' }))
    }
  }
  for (const action of destination.actions) {
    if (action.name === 'mapc') out.push(diagnostic('MAPC6007', action.source, 'the action `mapc` would be written where the Segment target puts the mapc modules it runs'))
    for (const field of action.fields) {
      const where = `field \`${field.name}\` of action \`${action.name}\``
      if (field.name === EVENT_FIELD) {
        out.push(diagnostic('MAPC6002', field.source, `${where} has the name the Segment target reserves for its hidden event field`))
      }
      if (field.required && field.default !== undefined && mappingKitDefault(field.default) === undefined) {
        out.push(
          diagnostic('MAPC6001', field.default.source, `${where} is required, and its default has no mapping-kit form: actions-core would reject every event before perform could compute it`, {
            hint: 'make the field optional, or write the default with paths, `??`, `if exists(…)`, objects and literals'
          })
        )
      }
      if (field.format !== undefined && !ACTIONS_CORE_FORMATS.has(field.format)) {
        out.push(diagnostic('MAPC6004', field.source, `${where} has the format \`${field.format}\`, which actions-core fields do not know`))
      }
      if (field.type === 'array' && !field.multiple) {
        out.push(diagnostic('MAPC6005', field.source, `${where} is an array, which actions-core fields cannot be`, { hint: 'declare it as `<item type> multiple`' }))
      }
    }
  }
  return out
}
