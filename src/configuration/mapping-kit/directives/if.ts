/**
 * `{"@if": {<condition>, "then": x, "else": y}}`: one of two values.
 *
 * Conditions:
 * - `"exists": m`: m resolves to neither absent nor null.
 * - `"blank": m`: despite its name, true when m is *not* blank, i.e. neither absent, null, nor
 *   loosely equal to `""` (so `0`, `false` and `[]` count as blank too). This is Segment's
 *   behaviour, kept so that Segment subscriptions mean the same here.
 * - `"==": [a, b]` / `"!=": [a, b]` (a mapc extension, alone): a and b resolve to the same JSON value.
 *
 * As Segment: with both `exists` and `blank`, `exists` decides; Segment fails every event when
 * neither is truthy (refused here when compiling). `then` is used whenever the condition holds and
 * it is given; `else` only when its mapping is truthy, so an `else` of `false`, `0`, `""` or
 * `null` leaves the value absent, and so does a missing branch.
 */
import { isFalsyLiteral, optionValue, readOptions } from '../directive-options.js'
import { jsonEqual } from '../json-equal.js'
import type { MappingSite } from '../mapping-site.js'
import { textOf } from '../template-text.js'
import type { CompileMapping, DirectiveCompiler, Resolver } from '../resolver.js'

const CONDITIONS = ['exists', 'blank', '==', '!='] as const

type Condition = (payload: unknown) => boolean

export const compileIfDirective: DirectiveCompiler = (options, site, compile) => {
  const opts = readOptions(options, site, [...CONDITIONS, 'then', 'else'])
  const condition = compileCondition(opts, site, compile)
  const thenMapping = optionValue(opts, 'then')
  const elseMapping = optionValue(opts, 'else')
  const then = thenMapping === undefined ? undefined : compile(thenMapping, site.child('then'))
  const otherwise: Resolver | undefined = elseMapping === undefined ? undefined : compile(elseMapping, site.child('else'))
  const elseTaken = otherwise !== undefined && !isFalsyLiteral(elseMapping)

  return (payload) => {
    if (condition(payload)) return then?.(payload)
    return elseTaken ? otherwise(payload) : undefined
  }
}

function compileCondition(opts: Record<string, unknown>, site: MappingSite, compile: CompileMapping): Condition {
  const exists = optionValue(opts, 'exists')
  const blank = optionValue(opts, 'blank')
  const comparisons = (['==', '!='] as const).filter((name) => optionValue(opts, name) !== undefined)
  if (comparisons.length > 0) {
    const given = CONDITIONS.filter((name) => optionValue(opts, name) !== undefined)
    if (given.length > 1) throw site.error(`has ${given.length} conditions (${given.join(', ')}); "==" and "!=" go alone`)
    const [name] = comparisons as ['==' | '!=']
    return compileComparison(name, optionValue(opts, name), site.child(name), compile)
  }
  // Segment fails every event unless one of the two is truthy.
  if ((exists === undefined || isFalsyLiteral(exists)) && (blank === undefined || isFalsyLiteral(blank))) {
    if (exists === undefined && blank === undefined) throw site.error('needs a condition: "exists", "blank", "==" or "!="')
    const [name, value] = exists !== undefined ? ['exists', exists] : ['blank', blank]
    throw site.child(name).error(`is ${JSON.stringify(value)}, which Segment treats as no condition at all`)
  }
  if (exists !== undefined) {
    const value = compile(exists, site.child('exists'))
    return (payload) => {
      const resolved = value(payload)
      return resolved !== undefined && resolved !== null
    }
  }
  const value = compile(blank, site.child('blank'))
  return (payload) => {
    const resolved = value(payload)
    return resolved !== undefined && resolved !== null && !looselyEqualsEmptyString(resolved)
  }
}

function compileComparison(name: '==' | '!=', mapping: unknown, site: MappingSite, compile: CompileMapping): Condition {
  if (!Array.isArray(mapping) || mapping.length !== 2) throw site.error('must be an array of the two values to compare')
  const [left, right] = mapping.map((side, index) => compile(side, site.child(index))) as [Resolver, Resolver]
  const expected = name === '=='
  return (payload) => jsonEqual(left(payload), right(payload)) === expected
}

/**
 * Segment's `value == ''` for JSON values, without JavaScript's conversion (which would call an
 * event object's `toString` key and could throw): true for `""`, `0`, `false`, and an array whose
 * text is empty (`[]`, `[null]`, `[""]`).
 */
function looselyEqualsEmptyString(value: unknown): boolean {
  if (typeof value === 'string') return value === ''
  if (typeof value === 'number') return value === 0
  if (typeof value === 'boolean') return !value
  if (Array.isArray(value)) return textOf(value) === ''
  return false
}
