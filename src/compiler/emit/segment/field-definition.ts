/**
 * A `.map` field → an actions-core InputField as an object literal: label, description, type,
 * format, required, `multiple`, choices, `unsafe_hidden` for hidden fields, `defaultObjectUI`
 * for key-value fields, and `default` as mapping-kit JSON where the default has that form.
 * Every string goes through literals.ts, like every string of the mapc target.
 */
import type { FieldIR } from '../../ir.js'
import { propertyKey, stringLiteral, valueLiteral } from '../literals.js'
import { mappingKitDefault } from './mapping-kit-default.js'
import { EVENT_FIELD } from './reserved-names.js'

export function fieldDefinition(field: FieldIR): string {
  const props = [
    `label: ${stringLiteral(field.label)}`,
    // actions-core requires a description; a field without one is described by its label.
    `description: ${stringLiteral(field.description ?? field.label)}`,
    `type: ${stringLiteral(field.type)}`
  ]
  if (field.format !== undefined) props.push(`format: ${stringLiteral(field.format)}`)
  if (field.required) props.push('required: true')
  if (field.multiple) props.push('multiple: true')
  if (field.placeholder !== undefined) props.push(`placeholder: ${stringLiteral(field.placeholder)}`)
  if (field.choices) {
    const choices = field.choices.map((c) => (typeof c === 'string' ? stringLiteral(c) : `{ label: ${stringLiteral(String(c))}, value: ${valueLiteral(c)} }`))
    props.push(`choices: [${choices.join(', ')}]`)
  }
  if (field.hidden) props.push('unsafe_hidden: true')
  if (field.keyvalue) props.push(`defaultObjectUI: "keyvalue"`)
  const mapping = field.default ? mappingKitDefault(field.default) : undefined
  if (mapping !== undefined) props.push(`default: ${valueLiteral(mapping)}`)
  return `${propertyKey(field.name)}: {\n${props.join(',\n')}\n}`
}

/** The hidden field whose default mapping is the whole event, for the defaults `perform` computes. */
export function eventFieldDefinition(computed: readonly string[]): string {
  const description = `The event, for the defaults computed in perform (${computed.join(', ')}). Added by mapc; leave it mapped to the whole event.`
  return `${EVENT_FIELD}: {\nlabel: "Event (mapc)",\ndescription: ${stringLiteral(description)},\ntype: "object",\nunsafe_hidden: true,\ndefault: { "@path": "$." }\n}`
}

/** Fields whose default only `perform` can compute. */
export function computedDefaults(fields: readonly FieldIR[]): string[] {
  return fields.filter((f) => f.default !== undefined && mappingKitDefault(f.default) === undefined).map((f) => f.name)
}
