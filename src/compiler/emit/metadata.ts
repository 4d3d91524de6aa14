/**
 * Field and setting metadata: what docs, UIs and error messages need to know about each field
 * and setting, including the `.map` location errors name. One definition serves both ways of
 * running a destination: generated modules write it as an object literal, the interpreter uses
 * the object itself, so the two cannot describe a destination differently.
 */
import type { FieldMeta, SettingMeta } from '../../runtime/contract.js'
import type { FieldIR, SettingIR } from '../ir.js'
import { propertyKey, valueLiteral } from './literals.js'
import type { LocationTable } from './locations.js'
import { renderExpr } from './render-expr.js'

export function fieldMetadata(field: FieldIR): Omit<FieldMeta, 'loc'> {
  return {
    name: field.name,
    label: field.label,
    ...(field.description !== undefined ? { description: field.description } : {}),
    type: field.type,
    ...(field.format !== undefined ? { format: field.format } : {}),
    required: field.required,
    hidden: field.hidden,
    keyvalue: field.keyvalue,
    multiple: field.multiple,
    ...(field.choices ? { choices: field.choices } : {}),
    ...(field.default ? { defaultText: renderExpr(field.default) } : {})
  }
}

export function settingMetadata(setting: SettingIR): Omit<SettingMeta, 'loc'> {
  return {
    name: setting.name,
    label: setting.label,
    ...(setting.description !== undefined ? { description: setting.description } : {}),
    type: setting.type,
    required: setting.required,
    secret: setting.secret,
    ...(setting.choices ? { choices: setting.choices } : {}),
    ...(setting.default !== undefined ? { default: setting.default } : {})
  }
}

/** A field's metadata as an object literal whose `loc` is the module's location constant. */
export function fieldMeta(field: FieldIR, locations: LocationTable): string {
  return metadataLiteral(fieldMetadata(field), locations.name(field.source))
}

export function settingMeta(setting: SettingIR, locations: LocationTable): string {
  return metadataLiteral(settingMetadata(setting), locations.name(setting.source))
}

function metadataLiteral(metadata: object, loc: string): string {
  const props = Object.entries(metadata).map(([key, value]) => `${propertyKey(key)}: ${valueLiteral(value)}`)
  return `{ ${[...props, `loc: ${loc}`].join(', ')} }`
}
