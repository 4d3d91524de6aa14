/**
 * Differential test of expressions: generated well-typed expressions (src/testing/
 * expression-arbitrary.ts: every operator, every built-in, conditionals, comprehensions,
 * templates, spreads, `??`, `exists`, every path form) are written into a destination, checked,
 * and evaluated two ways on generated events, settings and payloads: by the JavaScript the code
 * generator writes for them (emitExpr, evaluated with the runtime support module as `$`, exactly
 * as a generated module calls it) and by the interpreter. Values, and errors, must be identical.
 *
 * The real `.map` files' differential test (compiled-vs-interpreted) only reaches the operators
 * those files use; this one reaches all of them. A few runs also build the whole generated
 * module, to show that evaluating emitExpr alone is what the module does.
 *
 * MAPC_EXPRESSION_RUNS raises the run count for a long local run (default 1,000).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compileText } from '../../src/compiler/compile.js'
import { emitExpr, moduleScope, type EmitScope } from '../../src/compiler/emit/expressions.js'
import { LocationTable } from '../../src/compiler/emit/locations.js'
import { emitDestination } from '../../src/compiler/emit/mapc/build.js'
import { expressionEvaluator, interpretDestination } from '../../src/compiler/interpret/interpret.js'
import type { DestinationIR, ExprIR } from '../../src/compiler/ir.js'
import type { CompiledDestination, RequestSpec, SegmentEvent, ValueContext } from '../../src/runtime/contract.js'
import * as runtime from '../../src/runtime/index.js'
import { renderDiagnostics } from '../../src/compiler/diagnostics/render.js'
import { TEST_VERSION, withInlineApi } from '../support/build-destination.js'
import { permissiveApi } from '../testing/property/support.js'
import { canonical } from './support/canonical.js'
import { evaluateModules } from './support/vm-modules.js'
import {
  generatedDestinationText,
  generatedEventArbitrary,
  generatedExpressionsArbitrary,
  GENERATED_ENDPOINT,
  GENERATED_FILE,
  payloadArbitrary,
  settingsValueArbitrary,
  type GeneratedExpressions
} from './support/generated-destination.js'

const RUNS = Number(process.env.MAPC_EXPRESSION_RUNS ?? 1000)
const MODULE_RUNS = Math.max(6, Math.round(RUNS / 150))
/** Generous: CPU time is about 10 ms a run, but the suite shares two cores. Nothing asserts on time. */
const TIMEOUT_MS = 180_000
const OPTIONS = withInlineApi(GENERATED_FILE, permissiveApi({ [GENERATED_ENDPOINT]: undefined }))

function compile(expressions: GeneratedExpressions): DestinationIR {
  const text = generatedDestinationText(expressions)
  const compilation = compileText(text, GENERATED_FILE, OPTIONS)
  // Every generated expression is well typed: a refusal is a bug of the arbitrary or the checker.
  if (!compilation.ir) throw new Error(`a generated destination does not compile:\n${renderDiagnostics(compilation.diagnostics, () => text, { color: false })}\n${text}`)
  return compilation.ir
}

/** A call's result, or the error it threw, as comparable text. */
function outcome(run: () => unknown): string {
  try {
    return `value ${canonical(run())}`
  } catch (error) {
    return `threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`
  }
}

type Compiled = (support: typeof runtime, e: unknown, p: unknown, ctx: ValueContext) => unknown

/** The generated JavaScript of one expression, as a function of what generated functions have in scope. */
function compiledExpression(expr: ExprIR, scope: EmitScope): Compiled {
  const code = emitExpr(expr, scope)
  // Generated code never holds a raw line or paragraph separator, even inside string literals.
  expect(code).not.toMatch(/[\u2028\u2029]/u)
  return new Function('$', 'e', 'p', 'ctx', `"use strict"; return (${code})`) as Compiled
}

interface Parts {
  ir: DestinationIR
  /** The interpreter's value of each default and of the request body, for an event or a payload. */
  defaults: { name: string; compiled: Compiled; interpreted: (event: SegmentEvent, ctx: ValueContext) => unknown }[]
  body: { compiled: Compiled; interpreted: (payload: Record<string, unknown>, ctx: ValueContext) => unknown }
}

function parts(expressions: GeneratedExpressions): Parts {
  const ir = compile(expressions)
  const scope = moduleScope(ir, new LocationTable(GENERATED_FILE))
  const evaluate = expressionEvaluator(ir)
  const action = ir.actions[0]
  const step = action?.perform[0]
  if (!action || step?.kind !== 'send' || !step.request.body) throw new Error('the generated destination has one action that sends a body')
  const bodyExpr = step.request.body.value
  return {
    ir,
    defaults: action.fields
      .filter((f): f is typeof f & { default: ExprIR } => f.default !== undefined)
      .map((f) => ({ name: f.name, compiled: compiledExpression(f.default, scope), interpreted: (event, ctx) => evaluate(f.default, { phase: 'default', event, ctx }) })),
    body: { compiled: compiledExpression(bodyExpr, scope), interpreted: (payload, ctx) => evaluate(bodyExpr, { phase: 'request', payload, ctx, locals: new Map() }) }
  }
}

/** What a destination sends as the request body for a payload. */
async function sentBody(destination: CompiledDestination, payload: Record<string, unknown>, ctx: ValueContext): Promise<string> {
  const action = destination.actions.items
  if (!action?.perform) throw new Error('no perform')
  const sent: RequestSpec[] = []
  try {
    await action.perform(payload, { ...ctx, send: async (request) => (sent.push(request), { status: 200, headers: {}, body: {} }) })
  } catch (error) {
    return outcome(() => {
      throw error
    })
  }
  return outcome(() => structuredClone(sent[0]?.json))
}

const runArbitrary = fc.record({
  expressions: generatedExpressionsArbitrary(),
  events: fc.array(generatedEventArbitrary, { minLength: 1, maxLength: 3 }),
  payloads: fc.array(payloadArbitrary, { minLength: 1, maxLength: 3 }),
  settings: settingsValueArbitrary
})

describe('generated expressions: the code generator and the interpreter agree', () => {
  it(`on ${RUNS} runs of field defaults over events and request bodies over payloads`, () => {
    fc.assert(
      fc.property(runArbitrary, ({ expressions, events, payloads, settings }) => {
        const { defaults, body } = parts(expressions)
        const ctx: ValueContext = { settings, auth: {} }
        for (const event of events) {
          for (const { name, compiled, interpreted } of defaults) {
            expect(outcome(() => compiled(runtime, event, undefined, ctx)), name).toBe(outcome(() => interpreted(event, ctx)))
          }
        }
        for (const payload of payloads) {
          expect(outcome(() => body.compiled(runtime, undefined, payload, ctx))).toBe(outcome(() => body.interpreted(payload, ctx)))
        }
      }),
      { numRuns: RUNS }
    )
  }, TIMEOUT_MS)

  it(`on ${MODULE_RUNS} runs through the whole generated module`, async () => {
    await fc.assert(
      fc.asyncProperty(runArbitrary, async ({ expressions, events, payloads, settings }) => {
        const { ir } = parts(expressions)
        const interpreted = interpretDestination(ir)
        const files = await emitDestination(ir, { version: TEST_VERSION })
        for (const file of files) expect(file.content, file.path).not.toMatch(/[\u2028\u2029]/u)
        // The modules' objects come from another realm: compared after cloning into this one.
        const compiled = evaluateModules(files, runtime).index.default as CompiledDestination
        const ctx: ValueContext = { settings, auth: {} }
        expect(interpreted.validateSettings(settings), 'generated settings are valid').toBe(true)
        for (const event of events) {
          const mine = outcome(() => structuredClone(compiled.actions.items?.resolveDefaults(event, ctx)))
          expect(mine).toBe(outcome(() => structuredClone(interpreted.actions.items?.resolveDefaults(event, ctx))))
        }
        for (const payload of payloads) {
          expect(interpreted.actions.items?.validate(structuredClone(payload)), 'generated payloads are valid').toBe(true)
          expect(await sentBody(compiled, payload, ctx)).toBe(await sentBody(interpreted, payload, ctx))
        }
      }),
      { numRuns: MODULE_RUNS }
    )
  }, TIMEOUT_MS)
})
