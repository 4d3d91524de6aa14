/**
 * Events for selective triggers: the values a trigger asks for are planted in generated events,
 * so that `event = "Order Completed"` still gets its runs; a trigger nothing can match gives up
 * with a clear reason instead of hanging or passing vacuously.
 */
import { afterAll, describe, expect, it } from 'vitest'
import type { Trigger } from '../../../src/compiler/syntax/ast.js'
import { parseTrigger } from '../../../src/compiler/syntax/parse.js'
import { propertyKey, runPropertyTests } from '../../../src/testing/property/index.js'
import { plantHint, triggerHints } from '../../../src/testing/property/trigger-hints.js'
import { buildAndLoad, removeBuilds } from '../../support/build-destination.js'
import { compileWithApi, permissiveApi } from './support.js'

function trigger(text: string): Trigger {
  const { trigger: parsed, diagnostics } = parseTrigger(text)
  if (!parsed || diagnostics.length > 0) throw new Error(`${text}: ${diagnostics.map((d) => d.message).join('; ')}`)
  return parsed
}

describe('trigger hints', () => {
  it.each([
    ['type = "track"', []],
    ['type = "track" and event = "Order Completed"', [{ path: ['event'], value: 'Order Completed' }]],
    ['properties.total > 100 or properties.total <= 5', [{ path: ['properties', 'total'], value: 101 }, { path: ['properties', 'total'], value: 5 }]],
    ['properties.n < 0 and traits.vip = true and context.x >= 2', [{ path: ['properties', 'n'], value: -1 }, { path: ['traits', 'vip'], value: true }, { path: ['context', 'x'], value: 2 }]],
    ['traits.email = null', [{ path: ['traits', 'email'], value: null }]],
    ['contains(event, "Order")', [{ path: ['event'], value: 'Order' }]],
    ['match(event, "Order *")', [{ path: ['event'], value: 'Order ' }]],
    ['not event = "x" and event != "y"', []]
  ])('%s', (text, hints) => {
    expect(triggerHints(trigger(text))).toEqual(hints)
  })

  it('plant a value without touching the event, defining keys as own properties', () => {
    const event = { type: 'track', properties: { a: 1 } }
    const planted = plantHint(event, { path: ['properties', 'total'], value: 101 })
    expect(planted).toEqual({ type: 'track', properties: { a: 1, total: 101 } })
    expect(event).toEqual({ type: 'track', properties: { a: 1 } })
    expect(plantHint({ properties: 'text' }, { path: ['properties', 'x'], value: 1 })).toEqual({ properties: { x: 1 } })
    const hostile = plantHint({}, { path: ['__proto__', 'polluted'], value: true })
    expect(Object.prototype.hasOwnProperty.call(hostile, '__proto__')).toBe(true)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

const SUITE = 'property-trigger-hints'

afterAll(() => removeBuilds(SUITE))

const api = permissiveApi({ 'POST https://api.hints.test/orders': undefined })
const destination = (triggerText: string) => `destination hints {
  title "Hints"
  accepts track
  auth none { }
  action order {
    title "Order"
    trigger ${triggerText}
    field total: number required { label "Total"  default $.properties.total }
    perform { send POST "https://api.hints.test/orders" { json { total: total } } }
  }
}
`

describe('selective triggers', () => {
  it('get their full run count of matching events', async () => {
    const ir = compileWithApi(destination('type = "track" and event = "Order Completed" and properties.total > 100'), api)
    const report = await runPropertyTests([{ ir, compiled: (await buildAndLoad(ir, SUITE)).destination }], { runs: 30, seed: 3, adversarial: true })
    expect(report.results.map((r) => [propertyKey(r.id), r.status, r.status === 'passed' ? r.runs : 0])).toEqual([
      ['hints/order/single/fits-api', 'passed', 30],
      ['hints/order/single/deterministic', 'passed', 30],
      ['hints/order/single/invariants', 'passed', 30],
      ['hints/order/single/agrees-with-interpreter', 'passed', 30]
    ])
    const fits = report.results[0]
    expect(fits?.status === 'passed' && fits.tally.outcomes.delivered).toBeGreaterThan(10)
  }, 30_000)

  it('give up, saying why, when no event can match', async () => {
    const ir = compileWithApi(destination('type = "track" and event = "A" and event = "B"'), api)
    const report = await runPropertyTests([{ ir, compiled: (await buildAndLoad(ir, SUITE)).destination }], { runs: 10, seed: 3, adversarial: false })
    expect(report.ok).toBe(false)
    for (const result of report.results) {
      expect(result.status).toBe('gave-up')
      expect(result.status === 'gave-up' && result.reason).toMatch(
        /^\d+ generated inputs were unusable \(events the trigger type = "track" and event = "A" and event = "B" does not match, or settings the destination refuses\)$/
      )
    }
  }, 30_000)
})
