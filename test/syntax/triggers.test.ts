import { describe, expect, test } from 'vitest'
import { parseTrigger } from '../../src/compiler/syntax/parse.js'
import { where, withoutSpans } from './helpers.js'
import * as A from './ast-builders.js'

const corpus: [string, unknown][] = [
  ['type = "track"', A.cmp('type', '=', 'track')],
  ['event = "Order Completed"', A.cmp('event', '=', 'Order Completed')],
  ['properties.total > 10', A.cmp('properties.total', '>', 10)],
  ['properties.total >= 10.5', A.cmp('properties.total', '>=', 10.5)],
  ['properties.total < 0', A.cmp('properties.total', '<', 0)],
  ['properties.total <= -1', A.cmp('properties.total', '<=', -1)],
  ['traits.email != null', A.cmp('traits.email', '!=', null)],
  ['context.page.path = "/"', A.cmp('context.page.path', '=', '/')],
  ['properties.default = true', A.cmp('properties.default', '=', true)],
  ['traits.vip = false', A.cmp('traits.vip', '=', false)],
  ['contains(event, "Order")', A.tcall('contains', 'event', 'Order')],
  ['match(event, "Order *")', A.tcall('match', 'event', 'Order *')],
  ['type = "track" and event = "x"', A.tand(A.cmp('type', '=', 'track'), A.cmp('event', '=', 'x'))],
  ['a = 1 or b = 2 and c = 3', A.tor(A.cmp('a', '=', 1), A.tand(A.cmp('b', '=', 2), A.cmp('c', '=', 3)))],
  ['(a = 1 or b = 2) and c = 3', A.tand(A.tor(A.cmp('a', '=', 1), A.cmp('b', '=', 2)), A.cmp('c', '=', 3))],
  ['not type = "track"', A.tnot(A.cmp('type', '=', 'track'))],
  ['!(type = "track")', A.tnot(A.cmp('type', '=', 'track'))],
  ['a = 1 and b = 2 and c = 3', A.tand(A.tand(A.cmp('a', '=', 1), A.cmp('b', '=', 2)), A.cmp('c', '=', 3))]
]

describe('triggers (FQL)', () => {
  test.each(corpus)('%s', (source, expected) => {
    const { trigger, diagnostics } = parseTrigger(source)
    expect(diagnostics).toEqual([])
    expect(withoutSpans(trigger)).toEqual(expected)
  })

  test('a comparison spans its path, operator and value', () => {
    const source = 'properties.total >= 10'
    const { trigger } = parseTrigger(source)
    if (trigger?.kind !== 'TriggerCompare') throw new Error('expected a comparison')
    expect(source.slice(trigger.path.span.start.offset, trigger.path.span.end.offset)).toBe('properties.total')
    expect(source.slice(trigger.operatorSpan.start.offset, trigger.operatorSpan.end.offset)).toBe('>=')
    expect(source.slice(trigger.value.span.start.offset, trigger.value.span.end.offset)).toBe('10')
    expect(trigger.span.end.column).toBe(23)
  })

  const errors: [string, string, string][] = [
    ['type == "track"', '1:6 MAPC1010', 'triggers compare with a single `=`'],
    ['type = "track" event', '1:16 MAPC1012', 'join conditions with `and` or `or`'],
    ['starts(event, "x")', '1:1 MAPC1017', 'triggers have `contains(path, "text")` and `match(path, "glob*")`'],
    ['contain(event, "x")', '1:1 MAPC1017', 'did you mean `contains`?'],
    ['$.type = "x"', '1:1 MAPC1010', 'trigger paths have no `$`: write `properties.total`'],
    ['type = track', '1:8 MAPC1010', '']
  ]
  test.each(errors)('%s is reported at %s', (source, expected, hint) => {
    const { diagnostics } = parseTrigger(source)
    expect(diagnostics.map(where)).toEqual([expected])
    if (hint !== '') expect(diagnostics[0]?.hint).toBe(hint)
  })

  test('an empty trigger is an error, not a crash', () => {
    const { trigger, diagnostics } = parseTrigger('', 'config.yaml')
    expect(trigger).toBeUndefined()
    expect(diagnostics.map((d) => `${where(d)} ${d.message}`)).toEqual([
      '1:1 MAPC1010 expected a trigger condition such as `type = "track"`; found the end of the input'
    ])
  })
})
