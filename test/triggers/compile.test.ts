import { describe, expect, it } from 'vitest'
import type { Trigger } from '../../src/compiler/syntax/ast.js'
import { compileTrigger, printTrigger, triggerProblems, UnsupportedTriggerError } from '../../src/compiler/triggers/index.js'
import { segmentMatches } from './segment-reference.js'
import { and, call, cmp, not, or, parseError } from './trigger-ast.js'

type Case = [description: string, trigger: Trigger, event: unknown, expected: boolean]

/**
 * With `segmentToo`, each expectation is also checked against Segment's own implementation, so
 * the tables below are Segment's behaviour, not only ours.
 */
function check(cases: Case[], { segmentToo }: { segmentToo: boolean }): void {
  it.each(cases)('%s', (_description, trigger, event, expected) => {
    expect(compileTrigger(trigger)(event)).toBe(expected)
    if (segmentToo) {
      expect(triggerProblems(trigger)).toEqual([])
      expect(segmentMatches(printTrigger(trigger), event as object)).toBe(expected)
    }
  })
}

const track = (extra: object = {}): object => ({ type: 'track', event: 'Order Completed', ...extra })

describe('the trigger shapes of docs/language.md', () => {
  check([
    ['type = "track" on a track', cmp('type', '=', 'track'), track(), true],
    ['type = "track" on an identify', cmp('type', '=', 'track'), { type: 'identify' }, false],
    ['type = "track" without a type', cmp('type', '=', 'track'), {}, false],
    ['event = "Order Completed"', cmp('event', '=', 'Order Completed'), track(), true],
    ['event = is case-sensitive', cmp('event', '=', 'order completed'), track(), false],
    ['and: both hold', and(cmp('type', '=', 'track'), cmp('event', '=', 'Order Completed')), track(), true],
    ['and: one fails', and(cmp('type', '=', 'track'), cmp('event', '=', 'Signed Up')), track(), false],
    ['or: one holds', or(cmp('type', '=', 'page'), cmp('type', '=', 'track')), track(), true],
    ['or: none holds', or(cmp('type', '=', 'page'), cmp('type', '=', 'screen')), track(), false],
    ['not: logical negation', not(cmp('type', '=', 'track')), { type: 'identify' }, true],
    ['not of and', not(and(cmp('type', '=', 'track'), cmp('event', '=', 'x'))), track(), true],
    ['!= on text', cmp('event', '!=', 'Signed Up'), track(), true],
    ['contains', call('contains', 'event', 'Order'), track(), true],
    ['contains is case-sensitive', call('contains', 'event', 'order'), track(), false],
    ['match prefix', call('match', 'event', 'Order *'), track(), true],
    ['match prefix, no match', call('match', 'event', 'Product *'), track(), false],
    ['match suffix', call('match', 'event', '*Completed'), track(), true],
    ['properties.x = 3 with 3', cmp('properties.x', '=', 3), track({ properties: { x: 3 } }), true],
    ['properties.x = 3 with 3.0', cmp('properties.x', '=', 3), track({ properties: { x: 3.0 } }), true],
    ['traits.x != null with a value', cmp('traits.x', '!=', null), { type: 'identify', traits: { x: 'a' } }, true],
    ['traits.x != null with null', cmp('traits.x', '!=', null), { type: 'identify', traits: { x: null } }, false],
    ['traits.x != null when missing', cmp('traits.x', '!=', null), { type: 'identify', traits: {} }, false]
  ], { segmentToo: true })
})

describe("Segment's comparison rules", () => {
  check([
    // Numbers compare with numbers only: a numeric string is text.
    ['= number vs numeric string', cmp('properties.x', '=', 3), track({ properties: { x: '3' } }), false],
    ['!= number holds for another number', cmp('properties.x', '!=', 3), track({ properties: { x: 4 } }), true],
    ['!= number is false for a string', cmp('properties.x', '!=', 3), track({ properties: { x: '4' } }), false],
    ['!= number is false when missing', cmp('properties.x', '!=', 3), track({ properties: {} }), false],
    ['> number', cmp('properties.total', '>', 10), track({ properties: { total: 10.5 } }), true],
    ['> number, equal', cmp('properties.total', '>', 10), track({ properties: { total: 10 } }), false],
    ['>= number, equal', cmp('properties.total', '>=', 10), track({ properties: { total: 10 } }), true],
    ['< needs a number value', cmp('properties.total', '<', 10), track({ properties: { total: '5' } }), false],
    ['<= negative', cmp('properties.total', '<=', -1.5), track({ properties: { total: -2 } }), true],
    ['< with a numeric string literal', cmp('properties.total', '<', '5'), track({ properties: { total: 4 } }), true],
    ['< with a non-numeric literal never holds', cmp('properties.total', '<', 'abc'), track({ properties: { total: 4 } }), false],
    ['< null never holds', cmp('properties.total', '<', null), track({ properties: { total: -1 } }), false],
    ['< true on a property is < 1', cmp('properties.total', '<', true), track({ properties: { total: 0 } }), true],
    ['< true on userId never holds', cmp('userId', '<', true), { userId: 0 }, false],
    ['ordering on userId with a number', cmp('userId', '>', 3), { userId: 4 }, true],
    // Text comparisons.
    ['= text needs the exact string', cmp('properties.plan', '=', 'pro'), track({ properties: { plan: 'pro' } }), true],
    ['= text vs a number', cmp('properties.plan', '=', '3'), track({ properties: { plan: 3 } }), false],
    ['!= text holds when missing', cmp('properties.plan', '!=', 'pro'), track({ properties: {} }), true],
    ['!= text holds for null', cmp('properties.plan', '!=', 'pro'), track({ properties: { plan: null } }), true],
    ['= "" matches the empty string only', cmp('properties.plan', '=', ''), track({ properties: { plan: '' } }), true],
    ['= "" does not match missing', cmp('properties.plan', '=', ''), track({ properties: {} }), false],
    // Booleans.
    ['= true needs the boolean', cmp('properties.flag', '=', true), track({ properties: { flag: true } }), true],
    ['= true vs "true"', cmp('properties.flag', '=', true), track({ properties: { flag: 'true' } }), false],
    ['= false needs the boolean', cmp('properties.flag', '=', false), track({ properties: { flag: false } }), true],
    ['= false vs 0', cmp('properties.flag', '=', false), track({ properties: { flag: 0 } }), false],
    ['!= true compares with the text "true"', cmp('properties.flag', '!=', true), track({ properties: { flag: true } }), true],
    ['!= true is false for "true"', cmp('properties.flag', '!=', true), track({ properties: { flag: 'true' } }), false],
    ['userId = true needs the boolean', cmp('userId', '=', true), { userId: true }, true],
    ['name = true compares with "true"', cmp('name', '=', true), { name: 'true' }, true],
    ['name = true vs the boolean', cmp('name', '=', true), { name: true }, false],
    // null.
    ['= null holds for null', cmp('traits.x', '=', null), { traits: { x: null } }, true],
    ['= null holds when missing', cmp('traits.x', '=', null), { traits: {} }, true],
    ['= null is false for ""', cmp('traits.x', '=', null), { traits: { x: '' } }, false],
    ['userId = null when missing', cmp('userId', '=', null), { type: 'track' }, true],
    ['name != null', cmp('name', '!=', null), { name: 'Home' }, true],
    ['type = null compares with the text "null"', cmp('type', '=', null), { type: null }, false],
    ['type = null matches the string "null"', cmp('type', '=', null), { type: 'null' }, true],
    ['event != null holds when missing', cmp('event', '!=', null), { type: 'identify' }, true],
    // Numbers on the text fields are text.
    ['userId = 3 matches "3"', cmp('userId', '=', 3), { userId: '3' }, true],
    ['userId = 3 does not match 3', cmp('userId', '=', 3), { userId: 3 }, false],
    ['event = 1.50 is the text "1.5"', cmp('event', '=', 1.5), { event: '1.5' }, true]
  ], { segmentToo: true })
})

describe('contains and match', () => {
  check([
    ['contains on a non-string', call('contains', 'properties.x', '1'), track({ properties: { x: 123 } }), false],
    ['contains "" on any string', call('contains', 'event', ''), track(), true],
    ['!contains holds for a string without it', not(call('contains', 'event', 'Signed')), track(), true],
    ['!contains is false when missing', not(call('contains', 'event', 'Signed')), { type: 'identify' }, false],
    ['!contains is false for a number', not(call('contains', 'properties.x', 'a')), track({ properties: { x: 5 } }), false],
    ['match "*" matches any string', call('match', 'event', '*'), { event: '' }, true],
    ['match "*" needs a string', call('match', 'event', '*'), { event: 5 }, false],
    ['match: an inner * is literal', call('match', 'event', 'a*b*'), { event: 'a*bc' }, true],
    ['match: an inner * is not a wildcard', call('match', 'event', 'a*b*'), { event: 'axbc' }, false],
    ['match "*x*" is the prefix "*x"', call('match', 'event', '*x*'), { event: 'axb' }, false],
    ['!match suffix', not(call('match', 'event', '*Completed')), { event: 'Order Started' }, true],
    ['!match is false when missing', not(call('match', 'event', '*Completed')), {}, false],
    ['contains on a property', call('contains', 'properties.email', '@example.com'), { properties: { email: 'a@example.com' } }, true]
  ], { segmentToo: true })
})

describe('negations Segment cannot express (see docs/triggers.md)', () => {
  check([
    ['not not contains is logical', not(not(call('contains', 'event', 'Signed'))), { type: 'identify' }, true],
    ['not of a number comparison is logical', not(cmp('properties.x', '=', 3)), track({ properties: { x: '3' } }), true],
    ['not of < is logical', not(cmp('properties.x', '<', 3)), track({ properties: {} }), true]
  ], { segmentToo: false })
})

describe('paths', () => {
  check([
    ['context.page.path', cmp('context.page.path', '=', '/home'), { context: { page: { path: '/home' } } }, true],
    ['traits is the top-level traits', cmp('traits.email', '!=', null), { type: 'track', context: { traits: { email: 'a@b' } } }, false],
    ['context.traits on a track', cmp('context.traits.email', '!=', null), { type: 'track', context: { traits: { email: 'a@b' } } }, true],
    ['an array element', cmp('properties.items.0.sku', '=', 'A1'), { properties: { items: [{ sku: 'A1' }] } }, true],
    ['past the end of an array', cmp('properties.items.1.sku', '=', null), { properties: { items: [{ sku: 'A1' }] } }, true],
    ['through null is missing', cmp('properties.a.b', '=', null), { properties: { a: null } }, true],
    ['through 0 is missing', cmp('properties.a.b', '=', 0), { properties: { a: 0 } }, false],
    ['through a string is missing', cmp('properties.a.length', '=', 3), { properties: { a: 'abc' } }, false],
    ['a name with a dot', cmp(['properties', 'a.b'], '=', 1), { properties: { 'a.b': 1 } }, true],
    ['unicode names and values', cmp('properties.prénom', '=', 'Zoë 👋'), { properties: { prénom: 'Zoë 👋' } }, true]
  ], { segmentToo: false })
})

describe('own properties only', () => {
  const parsed = (json: string): unknown => JSON.parse(json)
  check([
    ['constructor is not read from the prototype', cmp('properties.constructor', '!=', null), { properties: {} }, false],
    ['__proto__ is not read from the prototype', cmp('properties.__proto__', '!=', null), { properties: {} }, false],
    ['toString is missing', cmp('properties.toString', '=', null), { properties: {} }, true],
    ['an own __proto__ key is read', cmp('properties.__proto__', '=', 'x'), parsed('{"properties":{"__proto__":"x"}}'), true],
    ['an array has no length', cmp('properties.items.length', '=', 1), { properties: { items: [1] } }, false]
  ], { segmentToo: false })
})

describe('events that are not objects', () => {
  const anything = cmp('event', '!=', 'x')
  it.each([null, undefined, 'track', 42, true, [], [{ type: 'track' }]])('%j never matches', (event) => {
    expect(compileTrigger(anything)(event)).toBe(false)
  })

  it('an event whose property access throws does not match, and does not throw', () => {
    const event = {
      get properties(): never {
        throw new Error('boom')
      }
    }
    expect(compileTrigger(cmp('properties.x', '=', null))(event)).toBe(false)
  })

  it('a Proxy that throws on every trap does not match', () => {
    const hostile = new Proxy(
      {},
      {
        getOwnPropertyDescriptor() {
          throw new Error('trap')
        },
        get() {
          throw new Error('trap')
        }
      }
    )
    expect(compileTrigger(cmp('type', '!=', 'x'))(hostile)).toBe(false)
  })
})

describe('triggers mapc cannot compile', () => {
  it('refuses a parse-error node, pointing at it', () => {
    const broken = parseError()
    const attempt = (): unknown => compileTrigger(and(cmp('type', '=', 'track'), broken))
    expect(attempt).toThrow(UnsupportedTriggerError)
    try {
      attempt()
    } catch (error) {
      expect((error as UnsupportedTriggerError).problems).toEqual([
        { kind: 'unsupported', span: broken.span, message: 'the trigger did not parse' }
      ])
      expect((error as Error).message).toBe(
        `cannot compile trigger: test.map:${broken.span.start.line}:1: the trigger did not parse`
      )
    }
  })

  it('refuses a match pattern without a wildcard at either end, pointing at the pattern', () => {
    const trigger = call('match', 'event', 'Order')
    let problems: unknown
    try {
      compileTrigger(trigger)
    } catch (error) {
      problems = (error as UnsupportedTriggerError).problems
    }
    expect(problems).toEqual([
      {
        kind: 'unsupported',
        span: trigger.argument.span,
        message:
          'a match pattern needs a `*` at its start (ends with …) or at its end (starts with …); for an exact value use `=`'
      }
    ])
  })

  it('refuses an empty path and a number out of range', () => {
    const empty = cmp([], '=', 1)
    const huge = cmp('properties.x', '=', Infinity)
    let problems: unknown
    try {
      compileTrigger(or(empty, huge))
    } catch (error) {
      problems = (error as UnsupportedTriggerError).problems
    }
    expect(problems).toEqual([
      { kind: 'unsupported', span: empty.path.span, message: 'a trigger path needs at least one name' },
      { kind: 'unsupported', span: huge.value.span, message: 'the number Infinity is out of range' }
    ])
  })
})
