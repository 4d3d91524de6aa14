/**
 * `{"@if": {<condition>, "then": x, "else": y}}`: one of two values.
 *
 * Conditions (exactly one):
 * - `"exists": m`: m resolves to neither absent nor null.
 * - `"blank": m`: despite its name, true when m is *not* blank, i.e. neither absent, null, nor
 *   loosely equal to `""` (so `0`, `false` and `[]` count as blank too). This is Segment's
 *   behaviour, kept so that Segment subscriptions mean the same here.
 * - `"==": [a, b]` / `"!=": [a, b]` (a mapc extension): a and b resolve to the same JSON value.
 *
 * Branches, as Segment: `then` is used whenever it is given; `else` only when its mapping is
 * truthy, so an `else` of `false`, `0`, `""` or `null` leaves the value absent.
 */
import { isFalsyLiteral, optionValue, readOptions } from '../directive-options.js'
import { jsonEqual } from '../json-equal.js'
import type { MappingSite } from '../mapping-site.js'
import { textOf } from '../template-text.js'
import type { CompileMapping, DirectiveCompiler } from '../resolver.js'

const CONDITIONS = ['exists', 'blank', '==', '!='] as const
type ConditionName = (typeof CONDITIONS)[number]

type Condition = (payload: unknown) => boolean

export const compileIfDirective: DirectiveCompiler = (options, site, compile) => {
  const opts = readOptions(options, site, [...CONDITIONS, 'then', 'else'])
  const given = CONDITIONS.filter((name) => optionValue(opts, name) !== undefined)
  const [name] = given
  if (name === undefined) throw site.error('needs a condition: "exists", "blank", "==" or "!="')
  if (given.length > 1) throw site.error(`has ${given.length} conditions (${given.join(', ')}); give exactly one`)
  const condition = compileCondition(name, optionValue(opts, name), site.child(name), compile)

  const thenMapping = optionValue(opts, 'then')
  const elseMapping = optionValue(opts, 'else')
  if (thenMapping === undefined && elseMapping === undefined) throw site.error('needs a "then" or an "else" branch')
  const then = thenMapping === undefined ? undefined : compile(thenMapping, site.child('then'))
  const otherwise = elseMapping === undefined ? undefined : compile(elseMapping, site.child('else'))
  const elseTaken = otherwise !== undefined && !isFalsyLiteral(elseMapping)

  return (payload) => {
    if (condition(payload)) return then?.(payload)
    return elseTaken ? otherwise(payload) : undefined
  }
}

function compileCondition(name: ConditionName, mapping: unknown, site: MappingSite, compile: CompileMapping): Condition {
  if (name === '==' || name === '!=') {
    if (!Array.isArray(mapping) || mapping.length !== 2) throw site.error('must be an array of the two values to compare')
    const [left, right] = mapping.map((side, index) => compile(side, site.child(index)))
    if (left === undefined || right === undefined) throw site.error('must be an array of the two values to compare')
    const expected = name === '=='
    return (payload) => jsonEqual(left(payload), right(payload)) === expected
  }
  // Segment fails every event for these, as it tests the option for truthiness.
  if (isFalsyLiteral(mapping)) throw site.error(`is ${JSON.stringify(mapping)}, which Segment treats as no condition at all`)
  const value = compile(mapping, site)
  if (name === 'exists') {
    return (payload) => {
      const resolved = value(payload)
      return resolved !== undefined && resolved !== null
    }
  }
  return (payload) => {
    const resolved = value(payload)
    return resolved !== undefined && resolved !== null && !looselyEqualsEmptyString(resolved)
  }
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
