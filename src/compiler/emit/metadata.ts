/**
 * Field and setting metadata as object literals: what docs, UIs and error messages need to know
 * about each field, including the `.map` location errors name.
 */
import type { FieldIR, SettingIR } from '../ir.js'
import { stringLiteral, valueLiteral } from './literals.js'
import type { LocationTable } from './locations.js'
import { renderExpr } from './render-expr.js'

export function fieldMeta(field: FieldIR, locations: LocationTable): string {
  const props = [
    `name: ${stringLiteral(field.name)}`,
    `label: ${stringLiteral(field.label)}`,
    ...(field.description !== undefined ? [`description: ${stringLiteral(field.description)}`] : []),
    `type: ${stringLiteral(field.type)}`,
    ...(field.format !== undefined ? [`format: ${stringLiteral(field.format)}`] : []),
    `required: ${field.required}`,
    `hidden: ${field.hidden}`,
    `keyvalue: ${field.keyvalue}`,
    `multiple: ${field.multiple}`,
    ...(field.choices ? [`choices: ${valueLiteral(field.choices)}`] : []),
    ...(field.default ? [`defaultText: ${stringLiteral(renderExpr(field.default))}`] : []),
    `loc: ${locations.name(field.source)}`
  ]
  return `{ ${props.join(', ')} }`
}

export function settingMeta(setting: SettingIR, locations: LocationTable): string {
  const props = [
    `name: ${stringLiteral(setting.name)}`,
    `label: ${stringLiteral(setting.label)}`,
    ...(setting.description !== undefined ? [`description: ${stringLiteral(setting.description)}`] : []),
    `type: ${stringLiteral(setting.type)}`,
    `required: ${setting.required}`,
    `secret: ${setting.secret}`,
    ...(setting.choices ? [`choices: ${valueLiteral(setting.choices)}`] : []),
    ...(setting.default !== undefined ? [`default: ${valueLiteral(setting.default)}`] : []),
    `loc: ${locations.name(setting.source)}`
  ]
  return `{ ${props.join(', ')} }`
}
