/**
 * The snake_case invariant: which expressions carry a snake_case name (found in the IR), and
 * which values sent for them break it (checked on the interpreter's observations).
 */
import { describe, expect, it } from 'vitest'
import type { ExprIR } from '../../../src/compiler/ir.js'
import { renderExpr } from '../../../src/compiler/emit/render-expr.js'
import { snakeCaseCheck, snakeCaseNames } from '../../../src/testing/property/snake-case-names.js'
import { event } from '../../support/harness.js'
import { observedRun } from './observed-run.js'
import { compileWithApi, permissiveApi } from './support.js'

const text = `destination names {
  title "Names"
  accepts track
  auth none { }
  shape tagged(name) = { tag: name }
  action track {
    title "Track"
    trigger type = "track"
    field event_name: string required { label "Event"  default $.event }
    reject event_name "has nothing to send" when snake_case(event_name) + "x" == "x"
    perform {
      send POST "https://api.names.test/events" {
        json {
          plain: snake_case(event_name),
          suffixed: snake_case(event_name) + "_event",
          joined: \`{snake_case(event_name)}_{snake_case("Order Placed")}\`,
          chosen: if exists(event_name) then snake_case(event_name) else "none",
          dashed: replace(snake_case(event_name), "_", "-"),
          shouted: upper(snake_case(event_name)),
          spaced: snake_case(event_name) + "__x",
          shaped: tagged(snake_case(event_name)),
          compared: snake_case(event_name) == "a",
        }
      }
    }
  }
}
`
const ir = compileWithApi(text, permissiveApi({ 'POST https://api.names.test/events': undefined }))

describe('snake_case names in the IR', () => {
  it('map each snake_case call to the whole expression that carries its name as text', () => {
    const names = snakeCaseNames(ir)
    const rendered = [...names].map(([call, name]) => [renderExpr(call), renderExpr(name as ExprIR)])
    expect(rendered).toEqual([
      ['snake_case(event_name)', 'snake_case(event_name) + "x"'],
      ['snake_case(event_name)', 'snake_case(event_name)'],
      ['snake_case(event_name)', 'snake_case(event_name) + "_event"'],
      ['snake_case(event_name)', '`{snake_case(event_name)}_{snake_case("Order Placed")}`'],
      ['snake_case("Order Placed")', '`{snake_case(event_name)}_{snake_case("Order Placed")}`'],
      ['snake_case(event_name)', 'if exists(event_name) then snake_case(event_name) else "none"'],
      ['snake_case(event_name)', 'replace(snake_case(event_name), "_", "-")'],
      ['snake_case(event_name)', 'upper(snake_case(event_name))'],
      ['snake_case(event_name)', 'snake_case(event_name) + "__x"'],
      ['snake_case(event_name)', 'snake_case(event_name)'],
      ['snake_case(event_name)', 'snake_case(event_name)']
    ])
  })
})

async function violations(eventName: unknown): Promise<{ found: string[]; checked: number }> {
  const { observations } = await observedRun(ir, 'track', event('track', { event: eventName }))
  const check = snakeCaseCheck(snakeCaseNames(ir))
  const found = observations.map((o) => check.observe(o)).filter((v): v is string => v !== undefined)
  return { found, checked: check.checked }
}

describe('the snake_case check', () => {
  it('flags exactly the names that are not their own snake_case, with the value, the input and the place', async () => {
    const { found, checked } = await violations('Order Completed')
    // plain, suffixed, joined, chosen, dashed, shouted, spaced, shaped, compared: the rule is not sent.
    expect(checked).toBe(9)
    expect(found).toEqual([
      'the name "order-completed" made from snake_case("Order Completed") at test/testing/property/inline.map:18:19 is not snake case: it does not match ^[a-z0-9_]*$',
      'the name "ORDER_COMPLETED" made from snake_case("Order Completed") at test/testing/property/inline.map:19:20 is not snake case: it does not match ^[a-z0-9_]*$',
      'the name "order_completed__x" made from snake_case("Order Completed") at test/testing/property/inline.map:20:19 is not snake case: snake_case of it is "order_completed_x"'
    ])
  })

  it('holds lodash to idempotence too: a suffix with digits is split from them', async () => {
    const digits = compileWithApi(text.replace('+ "_event"', '+ "_v2"'), permissiveApi({ 'POST https://api.names.test/events': undefined }))
    const { observations } = await observedRun(digits, 'track', event('track', { event: 'Order Completed' }))
    const check = snakeCaseCheck(snakeCaseNames(digits))
    expect(observations.map((o) => check.observe(o)).filter(Boolean)[0]).toBe(
      'the name "order_completed_v2" made from snake_case("Order Completed") at test/testing/property/inline.map:15:21 is not snake case: snake_case of it is "order_completed_v_2"'
    )
  })

  it('checks numbers as their text, and skips names made from input that is not ASCII', async () => {
    expect((await violations(42)).checked).toBe(9)
    const unicode = await violations('Ünïcödé 🦄')
    expect(unicode.found).toEqual([])
    // Every name has the event name among its inputs.
    expect(unicode.checked).toBe(0)
  })

  it('checks nothing that was not evaluated for a request', async () => {
    const check = snakeCaseCheck(snakeCaseNames(ir))
    const { observations } = await observedRun(ir, 'track', event('track', {}))
    // Without an event name the payload is refused: only the defaults ran, no request was built.
    expect(observations.every((o) => o.kind !== 'builtin' || o.phase !== 'request')).toBe(true)
    expect(observations.map((o) => check.observe(o)).filter(Boolean)).toEqual([])
    expect(check.checked).toBe(0)
  })
})
