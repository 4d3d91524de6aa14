/**
 * The snake_case invariant: a name made by `snake_case` and sent to the API is snake case. For
 * an input of ASCII text, the value sent matches `^[a-z0-9_]*$` and `snake_case` of it is itself.
 *
 * "The value sent" is the whole expression that carries the name: a snake_case call, or one
 * that passes its result on as text (`+`, a template, `lower`, `upper`, `trim`, `replace`,
 * `string`, either side of `??`, a branch of `if`). So `snake_case(x)` and
 * `snake_case(a) + "_" + snake_case(b)` hold, while `snake_case(x) + "-v2"`,
 * `snake_case(x) + "_v2"` (snake_case splits digits from letters: `v_2`) and
 * `upper(snake_case(x))` break it: lodash's snakeCase is right, but what a mapping does with
 * its result is the mapping's.
 *
 * The names are found in the IR once (`snakeCaseNames`); each run's observations of the
 * interpreter are then checked (`checkSnakeCaseNames`).
 */
import { walkExpr } from '../../compiler/ir-walk.js'
import type { DestinationIR, ExprIR } from '../../compiler/ir.js'
import type { Observation } from '../../compiler/interpret/interpret.js'
import { locOf } from '../../runtime/contract.js'
import { snake_case } from '../../runtime/lib/builtins.js'
import { irExpressionRoots } from './ir-expressions.js'

/** Each snake_case call, mapped to the expression whose value carries its name. */
export type SnakeCaseNames = ReadonlyMap<ExprIR, ExprIR>

const textBuiltins: ReadonlySet<string> = new Set(['lower', 'upper', 'trim', 'replace', 'string'])

/** The sub-expressions whose value becomes (part of) this expression's text. */
function textCarriers(expr: ExprIR): readonly (ExprIR | undefined)[] {
  switch (expr.kind) {
    case 'binary':
      return expr.operator === '+' || expr.operator === '??' ? [expr.left, expr.right] : []
    case 'template':
      return expr.expressions
    case 'if':
      return [expr.then, expr.else]
    case 'call':
      return textBuiltins.has(expr.builtin) ? [expr.args[0]] : []
    default:
      return []
  }
}

export function snakeCaseNames(ir: DestinationIR): SnakeCaseNames {
  const carrierOf = new Map<ExprIR, ExprIR>()
  const calls: ExprIR[] = []
  for (const root of irExpressionRoots(ir)) {
    walkExpr(root, (expr) => {
      for (const part of textCarriers(expr)) if (part) carrierOf.set(part, expr)
      if (expr.kind === 'call' && expr.builtin === 'snake_case') calls.push(expr)
    })
  }
  const names = new Map<ExprIR, ExprIR>()
  for (const call of calls) {
    let name = call
    for (let outer = carrierOf.get(name); outer; outer = carrierOf.get(name)) name = outer
    names.set(call, name)
  }
  return names
}

/** Only what is sent: request parts and auth headers, not rules or defaults. */
const sentPhases: ReadonlySet<string> = new Set(['request', 'auth'])

const ASCII = /^[\x00-\x7f]*$/
const SNAKE = /^[a-z0-9_]*$/

export interface SnakeCaseCheck {
  /** Names checked so far. */
  checked: number
  /** Feed every observation of one run, in order; returns the first violation, if any. */
  observe(observation: Observation): string | undefined
}

export function snakeCaseCheck(names: SnakeCaseNames): SnakeCaseCheck {
  const carriers = new Set(names.values())
  // The snake_case calls evaluated for a name since that name was last evaluated.
  const pending = new Map<ExprIR, { input: string; ascii: boolean }[]>()
  const check: SnakeCaseCheck = {
    checked: 0,
    observe(observation) {
      if (observation.kind === 'builtin' && observation.name === 'snake_case' && sentPhases.has(observation.phase)) {
        const name = names.get(observation.call)
        if (!name) return undefined
        const input = scalarText(observation.args[0])
        const calls = pending.get(name) ?? []
        calls.push({ input: input ?? '', ascii: input !== undefined && ASCII.test(input) })
        pending.set(name, calls)
        return undefined
      }
      if (observation.kind !== 'value' || !carriers.has(observation.expr)) return undefined
      const calls = pending.get(observation.expr)
      pending.delete(observation.expr)
      if (!calls || calls.length === 0 || !calls.every((c) => c.ascii) || typeof observation.value !== 'string') return undefined
      check.checked++
      return violation(observation.expr, observation.value, calls.map((c) => c.input))
    }
  }
  return check
}

function violation(name: ExprIR, value: string, inputs: readonly string[]): string | undefined {
  const loc = locOf(name.source)
  const from = `${inputs.map((i) => `snake_case(${JSON.stringify(i)})`).join(', ')} at ${loc.file}:${loc.line}:${loc.column}`
  if (!SNAKE.test(value)) return `the name ${JSON.stringify(value)} made from ${from} is not snake case: it does not match ^[a-z0-9_]*$`
  const again = snake_case(value)
  if (again !== value) return `the name ${JSON.stringify(value)} made from ${from} is not snake case: snake_case of it is ${JSON.stringify(again)}`
  return undefined
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return undefined
}
