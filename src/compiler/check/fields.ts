/**
 * Settings and fields: their declared types, modifiers and attributes, the JSON Schema each
 * contributes, and — for fields — the default, checked against the events the action's trigger
 * can match and against the declared type.
 */
import type { Attribute, Expr, Field, Setting, TypeRef } from '../syntax/ast.js'
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js'
import type { ExprIR, FieldIR, FieldType, ScalarSettingType, SettingIR } from '../ir.js'
import type { JsonSchema } from './schema-types.js'
import { choicesAttribute, readAttributes, requireString, singleValue, stringAttribute } from './attributes.js'
import { checkExpr } from './expressions.js'
import type { ExprEnv } from './environment.js'
import { isKnownFormat, literalMatchesFormat, stringFormats } from './formats.js'
import { FIRST_EPOCH_MILLI, LAST_EPOCH_MILLI } from '../../runtime/lib/datetime.js'
import { coerceToNumber } from '../../runtime/support.js'
import { didYouMean } from '../diagnostics/suggest.js'
import {
  absentType,
  anyType,
  arrayType,
  booleanType,
  datetimeType,
  display,
  members,
  numberType,
  openObjectType,
  present,
  union,
  type Type
} from './types.js'

const FIELD_TYPES: readonly FieldType[] = ['string', 'number', 'integer', 'boolean', 'datetime', 'object', 'array']
const SETTING_TYPES: readonly ScalarSettingType[] = ['string', 'password', 'number', 'integer', 'boolean']
const MODIFIERS = ['required', 'hidden', 'secret', 'keyvalue', 'multiple'] as const
const FIELD_ATTRIBUTES = ['label', 'description', 'default', 'choices', 'placeholder']
const SETTING_ATTRIBUTES = ['label', 'description', 'default', 'choices']

type Report = (d: Diagnostic) => void

function readModifiers(decl: Field | Setting, allowed: readonly string[], report: Report): Set<string> {
  const found = new Set<string>()
  for (const m of decl.modifiers) {
    if (!allowed.includes(m.name)) {
      report(
        diagnostic('MAPC2006', m.span, `unknown modifier \`${m.name}\``, {
          hint: didYouMean(m.name, allowed) ?? `${decl.kind === 'Field' ? 'fields' : 'settings'} take ${allowed.map((a) => `\`${a}\``).join(', ')}`
        })
      )
    }
    found.add(m.name)
  }
  return found
}

function readFormat(type: TypeRef, report: Report): string | undefined {
  if (!type.format) return undefined
  const format = type.format.name
  if (type.name.name !== 'string') {
    report(diagnostic('MAPC2007', type.format.span, `only \`string\` takes a format; \`${type.name.name}\` does not`))
    return undefined
  }
  if (format === 'pattern') return undefined
  if (!isKnownFormat(format)) {
    report(diagnostic('MAPC2007', type.format.span, `unknown string format \`${format}\``, { hint: didYouMean(format, [...stringFormats, 'pattern']) ?? `formats: ${stringFormats.join(', ')}, pattern "…"` }))
    return undefined
  }
  if (type.argument) report(diagnostic('MAPC2007', type.argument.span, `the format \`${format}\` takes no argument`, { hint: 'only `pattern` does: `string(pattern "^[a-z]+$")`' }))
  return format
}

/**
 * `string(pattern "…")`: a regular expression the whole value must match, as JSON Schema's
 * `pattern` (unicode mode, unanchored unless written with `^…$`). Settings only: a field's value is
 * checked with `reject … when not matches(…)`, which says why.
 */
function readPattern(type: TypeRef, kind: 'setting' | 'field', report: Report): string | undefined {
  if (type.format?.name !== 'pattern' || type.name.name !== 'string') return undefined
  if (kind === 'field') {
    report(diagnostic('MAPC2040', type.format.span, 'a field takes no `pattern`', { hint: 'refuse a value with a rule that says why: `reject <field> "…" when not matches(<field>, "…")`' }))
    return undefined
  }
  if (!type.argument) {
    report(diagnostic('MAPC2040', type.format.span, '`pattern` needs the regular expression: `string(pattern "^[a-z0-9]+$")`'))
    return undefined
  }
  try {
    new RegExp(type.argument.value, 'u')
  } catch (error) {
    report(diagnostic('MAPC2040', type.argument.span, `the pattern is not a regular expression: ${(error as Error).message}`))
    return undefined
  }
  return type.argument.value
}

// -- settings --------------------------------------------------------------------------------

/** `__proto__` is the one name payload and settings objects cannot carry as data. */
function reservedName(decl: Field | Setting, report: Report): boolean {
  if (decl.name.name !== '__proto__') return false
  report(diagnostic('MAPC2030', decl.name.span, `\`__proto__\` cannot name a ${decl.kind === 'Field' ? 'field' : 'setting'}`))
  return true
}

export function checkSetting(decl: Setting, report: Report): { ir: SettingIR; type: Type } | undefined {
  if (reservedName(decl, report)) return undefined
  const typeName = decl.type.name.name
  if (!(SETTING_TYPES as readonly string[]).includes(typeName)) {
    report(diagnostic('MAPC2007', decl.type.name.span, `settings have no type \`${typeName}\``, { hint: didYouMean(typeName, SETTING_TYPES) ?? `setting types: ${SETTING_TYPES.join(', ')}` }))
    return undefined
  }
  const type = typeName as ScalarSettingType
  const format = readFormat(decl.type, report)
  const pattern = readPattern(decl.type, 'setting', report)
  const modifiers = readModifiers(decl, ['required', 'hidden', 'secret'], report)
  const attrs = readAttributes(decl.attributes, SETTING_ATTRIBUTES, `the setting \`${decl.name.name}\``, report)
  const label = requireString(attrs.get('label'), 'label', `the setting \`${decl.name.name}\``, decl.name.span, report) ?? decl.name.name
  const ir: SettingIR = {
    name: decl.name.name,
    type,
    required: modifiers.has('required'),
    secret: type === 'password' || modifiers.has('secret'),
    label,
    source: decl.span
  }
  if (format) ir.format = format
  if (pattern !== undefined) ir.pattern = pattern
  const description = stringAttribute(attrs.get('description'), report)
  if (description !== undefined) ir.description = description
  const choices = choicesAttribute(attrs.get('choices'), report)
  if (choices) {
    ir.choices = choices
    checkChoiceTypes(attrs.get('choices'), type === 'password' ? 'string' : type, format, `the setting \`${decl.name.name}\``, report, pattern)
  }
  const defaultAttr = attrs.get('default')
  if (defaultAttr) {
    const value = singleValue(defaultAttr, report)
    if (value && (value.kind === 'String' || value.kind === 'Number' || value.kind === 'Boolean')) {
      ir.default = value.value
      checkSettingDefault(value, ir, report)
    } else if (value) report(diagnostic('MAPC2026', value.span, 'a setting default is a string, number or boolean literal'))
  }
  const base: Type =
    type === 'boolean' ? booleanType : type === 'number' ? numberType : type === 'integer' ? { kind: 'number', integer: true } : format ? { kind: 'string', format } : { kind: 'string' }
  return { ir, type: ir.required || ir.default !== undefined ? base : union(base, absentType) }
}

/**
 * Settings are validated as given, without the conversions payloads get: a default must already
 * be a value of the setting's type, format and choices, or every instance starts out invalid.
 */
function checkSettingDefault(value: Expr & { value: string | number | boolean }, setting: SettingIR, report: Report): void {
  const problem = literalProblem(value.value, setting.type === 'password' ? 'string' : setting.type, setting.format, setting.pattern)
  const where = `the default of the setting \`${setting.name}\``
  if (problem) report(diagnostic(problem.code, value.span, `${where}, ${JSON.stringify(value.value)}, ${problem.message}`))
  else if (setting.choices && typeof value.value !== 'boolean' && !setting.choices.includes(value.value)) {
    report(diagnostic('MAPC3004', value.span, `${where} ${JSON.stringify(value.value)} is not one of the choices ${setting.choices.map((c) => JSON.stringify(c)).join(', ')}`))
  }
}

/** What is wrong with a literal as a value of a scalar type, taken strictly (no conversions). */
function literalProblem(
  value: string | number | boolean,
  type: 'string' | 'number' | 'integer' | 'boolean',
  format: string | undefined,
  pattern?: string
): { code: 'MAPC3003' | 'MAPC3004'; message: string } | undefined {
  const kind = type === 'integer' ? 'number' : type
  if (typeof value !== kind) return { code: 'MAPC3003', message: `is not ${type === 'integer' ? 'an' : 'a'} ${type}` }
  if (type === 'integer' && !Number.isInteger(value)) return { code: 'MAPC3004', message: 'is not an integer' }
  if (typeof value === 'string' && format && !literalMatchesFormat(value, format)) return { code: 'MAPC3004', message: `is not a valid ${format}` }
  if (typeof value === 'string' && pattern !== undefined && !new RegExp(pattern, 'u').test(value)) return { code: 'MAPC3004', message: `does not match the pattern ${JSON.stringify(pattern)}` }
  return undefined
}

/** `choices` list values of the declared type: an enum of another type accepts nothing. */
function checkChoiceTypes(attribute: Attribute | undefined, type: FieldType | ScalarSettingType, format: string | undefined, where: string, report: Report, pattern?: string): void {
  if (!attribute) return
  if (type !== 'string' && type !== 'number' && type !== 'integer') {
    report(diagnostic('MAPC2026', attribute.name.span, `\`choices\` applies to string, number and integer values, not to ${where}, ${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`))
    return
  }
  for (const value of attribute.values) {
    if (value.kind !== 'String' && value.kind !== 'Number') continue
    const problem = literalProblem(value.value, type, format, pattern)
    if (problem) report(diagnostic(problem.code, value.span, `the choice ${JSON.stringify(value.value)} of ${where} ${problem.message}`))
  }
}

export function settingSchema(s: SettingIR): JsonSchema {
  const schema: Record<string, unknown> = { title: s.label }
  if (s.description) schema.description = s.description
  schema.type = s.type === 'password' ? 'string' : s.type
  if (s.type === 'password') schema.format = 'password'
  else if (s.format) schema.format = s.format
  if (s.pattern !== undefined) schema.pattern = s.pattern
  if (s.choices) schema.enum = s.choices
  if (s.default !== undefined) schema.default = s.default
  return schema
}

// -- fields ----------------------------------------------------------------------------------

export interface CheckedField {
  ir: FieldIR
  /** The type a request or rule sees when it reads the validated field. */
  type: Type
}

export function checkField(decl: Field, defaultEnv: ExprEnv, report: Report): CheckedField | undefined {
  if (reservedName(decl, report)) return undefined
  const typeName = decl.type.name.name
  if (!(FIELD_TYPES as readonly string[]).includes(typeName)) {
    report(diagnostic('MAPC2007', decl.type.name.span, `fields have no type \`${typeName}\``, { hint: didYouMean(typeName, FIELD_TYPES) ?? `field types: ${FIELD_TYPES.join(', ')}` }))
    return undefined
  }
  const type = typeName as FieldType
  const format = readFormat(decl.type, report)
  readPattern(decl.type, 'field', report)
  const modifiers = readModifiers(decl, MODIFIERS.filter((m) => m !== 'secret'), report)
  const where = `the field \`${decl.name.name}\``
  const attrs = readAttributes(decl.attributes, FIELD_ATTRIBUTES, where, report)
  const label = requireString(attrs.get('label'), 'label', where, decl.name.span, report) ?? decl.name.name
  const ir: FieldIR = {
    name: decl.name.name,
    type,
    required: modifiers.has('required'),
    hidden: modifiers.has('hidden'),
    keyvalue: modifiers.has('keyvalue'),
    multiple: modifiers.has('multiple'),
    label,
    schema: {},
    source: decl.span
  }
  if (format) ir.format = format
  if (ir.keyvalue && type !== 'object') report(diagnostic('MAPC2006', decl.span, '`keyvalue` applies to object fields only'))
  const description = stringAttribute(attrs.get('description'), report)
  if (description !== undefined) ir.description = description
  const placeholder = stringAttribute(attrs.get('placeholder'), report)
  if (placeholder !== undefined) ir.placeholder = placeholder
  const choices = choicesAttribute(attrs.get('choices'), report)
  if (choices) {
    ir.choices = choices
    checkChoiceTypes(attrs.get('choices'), type, format, where, report)
  }
  ir.schema = fieldSchema(ir)

  const defaultAttr = attrs.get('default')
  if (defaultAttr) {
    const value = singleValue(defaultAttr, report)
    if (value) {
      const expr = checkExpr(value, defaultEnv)
      checkAssignable(expr, ir, report)
      ir.default = expr
    }
  }
  return { ir, type: fieldValueType(ir) }
}

function scalarType(field: Pick<FieldIR, 'type' | 'format'>): Type {
  switch (field.type) {
    case 'string':
      return field.format ? { kind: 'string', format: field.format } : { kind: 'string' }
    case 'number':
      return numberType
    case 'integer':
      return { kind: 'number', integer: true }
    case 'boolean':
      return booleanType
    case 'datetime':
      return datetimeType
    case 'object':
      return openObjectType
    case 'array':
      return arrayType(anyType)
  }
}

/** After validation a required field is present; an optional one may be absent. */
function fieldValueType(field: FieldIR): Type {
  const base = field.multiple ? arrayType(scalarType(field)) : scalarType(field)
  return field.required ? base : union(base, absentType)
}

export function fieldSchema(field: Pick<FieldIR, 'type' | 'format' | 'label' | 'description' | 'choices' | 'multiple'>): JsonSchema {
  const scalar: Record<string, unknown> = {}
  switch (field.type) {
    case 'datetime':
      // Epoch milliseconds or a date-like string (mapc's own format, see runtime/lib/datetime.ts).
      // Formats only check strings; the bounds keep numbers within years 0000-9999.
      scalar.type = ['string', 'number']
      scalar.format = 'date-like'
      scalar.minimum = FIRST_EPOCH_MILLI
      scalar.maximum = LAST_EPOCH_MILLI
      break
    case 'string':
      scalar.type = 'string'
      if (field.format && field.format !== 'text') scalar.format = field.format
      break
    default:
      scalar.type = field.type
  }
  if (field.choices) scalar.enum = field.choices
  const schema: Record<string, unknown> = { title: field.label }
  if (field.description) schema.description = field.description
  if (field.multiple) Object.assign(schema, { type: 'array', items: scalar })
  else Object.assign(schema, scalar)
  return schema
}

/** The number a string becomes before validation, by the run time's own conversion; undefined when it stays text. */
function numberFromText(text: string): number | undefined {
  const payload: Record<string, unknown> = { value: text }
  coerceToNumber(payload, 'value')
  return typeof payload.value === 'number' ? payload.value : undefined
}

/**
 * Can the default's value become the field's type? Conversions the runtime makes (numbers and
 * booleans to strings, numeric strings to numbers) are allowed; structural mismatches and literals
 * that violate the format are errors.
 */
export function checkAssignable(
  expr: ExprIR,
  field: Pick<FieldIR, 'name' | 'type' | 'format' | 'multiple'> & { choices?: readonly (string | number)[] },
  report: Report,
  /** How the value is named in messages: a field's default here, a subscription's mapping at run time. */
  what = 'the default of'
): void {
  const value = present(expr.type, true)
  const problem = (message: string, code: 'MAPC3003' | 'MAPC3004' = 'MAPC3003'): void => {
    report(diagnostic(code, expr.source, `${what} \`${field.name}\` ${message}`))
  }
  const target = field.multiple ? 'array' : field.type
  for (const m of members(value)) {
    if (m.kind === 'any' || m.kind === 'never') continue
    const isString = m.kind === 'string'
    const literal = isString ? m.value : undefined
    switch (target) {
      case 'string':
        if (m.kind === 'object' || m.kind === 'array') return problem(`is ${display(m)}, but the field is a string`)
        if (literal !== undefined && field.format && !literalMatchesFormat(literal, field.format)) {
          return problem(`${JSON.stringify(literal)} is not a valid ${field.format}`, 'MAPC3004')
        }
        break
      case 'number':
      case 'integer':
        if (m.kind === 'object' || m.kind === 'array' || m.kind === 'boolean') return problem(`is ${display(m)}, but the field is a ${target}`)
        if (literal !== undefined && numberFromText(literal) === undefined) return problem(`${JSON.stringify(literal)} is not a number`)
        if (target === 'integer') {
          // A numeric string is converted before validation, so "1.5" fails as 1.5 would.
          const number = m.kind === 'number' ? m.value : literal === undefined ? undefined : numberFromText(literal)
          if (number !== undefined && !Number.isInteger(number)) return problem(`${JSON.stringify(m.kind === 'number' ? m.value : literal)} is not an integer`, 'MAPC3004')
        }
        break
      case 'boolean':
        if (m.kind !== 'boolean' && !(isString && (literal === undefined || literal === 'true' || literal === 'false'))) {
          return problem(`is ${display(m)}, but the field is a boolean`)
        }
        break
      case 'datetime':
        if (m.kind === 'object' || m.kind === 'array' || m.kind === 'boolean') return problem(`is ${display(m)}, but the field is a datetime`)
        if (literal !== undefined && !literalMatchesFormat(literal, 'date-like')) return problem(`${JSON.stringify(literal)} is not a date or datetime`, 'MAPC3004')
        break
      case 'object':
        if (m.kind !== 'object') return problem(`is ${display(m)}, but the field is an object`)
        break
      case 'array':
        if (m.kind !== 'array') return problem(`is ${display(m)}, but the field is an array`)
        break
    }
    if (field.choices && (m.kind === 'string' || m.kind === 'number') && m.value !== undefined && !field.choices.includes(m.value)) {
      return problem(`${JSON.stringify(m.value)} is not one of the choices ${field.choices.map((c) => JSON.stringify(c)).join(', ')}`, 'MAPC3004')
    }
  }
}
