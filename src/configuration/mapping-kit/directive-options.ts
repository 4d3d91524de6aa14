/**
 * Reading a directive's options, with errors that point at the option at fault.
 */
import { describeKind, isPlainObject, ownValue } from './json-value.js'
import type { MappingSite } from './mapping-site.js'
import type { CompileMapping, Resolver } from './resolver.js'

/** An object with an `@`-key: a directive, not raw data. */
export function isDirectiveObject(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value) && Object.keys(value).some((key) => key.startsWith('@'))
}

function list(names: readonly string[]): string {
  return names.length === 1 ? `"${names[0]}"` : `${names.slice(0, -1).map((n) => `"${n}"`).join(', ')} and "${names.at(-1)}"`
}

/**
 * The options object of a directive that takes named options (`@if`, `@replace`…). Unknown names
 * are errors: Segment ignores them, so a misspelt `"Else"` would silently do nothing.
 */
export function readOptions(options: unknown, site: MappingSite, names: readonly string[]): Record<string, unknown> {
  if (!isPlainObject(options) || isDirectiveObject(options)) {
    throw site.error(`takes an object with ${list(names)}, not ${isPlainObject(options) ? 'a directive' : describeKind(options)}`)
  }
  for (const key of Object.keys(options)) {
    if (!names.includes(key)) throw site.child(key).error(`is not an option here; the options are ${list(names)}`)
  }
  return options
}

export function optionValue(options: Record<string, unknown>, name: string): unknown {
  return ownValue(options, name)
}

/** Segment tests several options for truthiness, so `false`, `0`, `""` and `null` act as missing. */
export function isFalsyLiteral(value: unknown): boolean {
  return value === false || value === 0 || value === '' || value === null || Number.isNaN(value)
}

export function requireOption(options: Record<string, unknown>, name: string, site: MappingSite): unknown {
  const value = optionValue(options, name)
  if (value === undefined) throw site.error(`needs the option "${name}"`)
  return value
}

/** A string option, `undefined` when absent; `null` counts as absent where `nullIsAbsent`. */
export function stringOption(
  options: Record<string, unknown>,
  name: string,
  site: MappingSite,
  { maxLength = Infinity, nullIsAbsent = false }: { maxLength?: number; nullIsAbsent?: boolean } = {}
): string | undefined {
  const value = optionValue(options, name)
  if (value === undefined || (nullIsAbsent && value === null)) return undefined
  if (typeof value !== 'string') throw site.child(name).error(`must be a string, not ${describeKind(value)}`)
  if (value.length > maxLength) throw site.child(name).error(`must be at most ${maxLength} characters long (it has ${value.length})`)
  return value
}

/** A boolean option, `fallback` when absent; Segment's validation refuses `null`, and so does this. */
export function booleanOption(options: Record<string, unknown>, name: string, site: MappingSite, fallback: boolean): boolean {
  const value = optionValue(options, name)
  if (value === undefined) return fallback
  if (typeof value !== 'boolean') throw site.child(name).error(`must be true or false, not ${describeKind(value)}`)
  return value
}

export type StringOrDirective = { kind: 'string'; value: string } | { kind: 'directive'; resolve: Resolver }

/** A value Segment requires to be a string or a directive (`@path`, `@template`, `@case`'s value…). */
export function stringOrDirective(value: unknown, site: MappingSite, compile: CompileMapping): StringOrDirective {
  if (typeof value === 'string') return { kind: 'string', value }
  if (isDirectiveObject(value)) return { kind: 'directive', resolve: compile(value, site) }
  throw site.error(`must be a string or a directive, not ${describeKind(value)}`)
}

/** For a directive-supplied string: the resolved value, or a per-event error naming its kind. */
export function resolvedString(resolve: Resolver, payload: unknown, site: MappingSite): string {
  const value = resolve(payload)
  if (typeof value !== 'string') throw site.error(`must resolve to a string, but resolved to ${describeKind(value)}`)
  return value
}
