import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Trigger } from '../../src/compiler/syntax/ast.js'
import { printTrigger, triggerProblems } from '../../src/compiler/triggers/index.js'
import { plainDecimal } from '../../src/compiler/triggers/plain-decimal.js'
import { propertyRuns } from './arbitraries.js'
import { segmentParse } from './segment-reference.js'
import { and, call, cmp, not, or } from './trigger-ast.js'

/** Segment's AST for a trigger of one condition. */
const one = (condition: Record<string, unknown>): unknown => ({ type: 'group', operator: 'and', children: [condition] })

describe('one condition: the FQL text, and the condition Segment parses it into', () => {
  // The author's literal is kept; Segment's parser decides what it means (`type = 3` compares with
  // the text "3"), and the differential test checks that mapc decides the same.
  const cases: [Trigger, string, Record<string, unknown>][] = [
    [cmp('type', '=', 'track'), 'type = "track"', { type: 'event-type', operator: '=', value: 'track' }],
    [cmp('type', '!=', 'track'), 'type != "track"', { type: 'event-type', operator: '!=', value: 'track' }],
    [cmp('type', '=', 3), 'type = 3', { type: 'event-type', operator: '=', value: '3' }],
    [cmp('type', '=', null), 'type = null', { type: 'event-type', operator: '=', value: 'null' }],
    [cmp('event', '=', 'Order Completed'), 'event = "Order Completed"', { type: 'event', operator: '=', value: 'Order Completed' }],
    [cmp('event', '!=', true), 'event != true', { type: 'event', operator: '!=', value: 'true' }],
    [cmp('event', '<', 2.5), 'event < 2.5', { type: 'event', operator: '<', value: '2.5' }],
    [cmp('name', '=', null), 'name = null', { type: 'name', operator: 'not_exists' }],
    [cmp('name', '!=', null), 'name != null', { type: 'name', operator: 'exists' }],
    [cmp('name', '=', false), 'name = false', { type: 'name', operator: '=', value: 'false' }],
    [cmp('userId', '=', true), 'userId = true', { type: 'userId', operator: 'is_true' }],
    [cmp('userId', '=', false), 'userId = false', { type: 'userId', operator: 'is_false' }],
    [cmp('userId', '!=', true), 'userId != true', { type: 'userId', operator: '!=', value: 'true' }],
    [cmp('userId', '=', 42), 'userId = 42', { type: 'userId', operator: '=', value: '42' }],
    [cmp('userId', '<', true), 'userId < true', { type: 'userId', operator: '<', value: 'true' }],
    [cmp('properties.total', '=', 3), 'properties.total = 3', { type: 'event-property', name: 'total', operator: 'number_equals', value: 3 }],
    [cmp('properties.total', '!=', -3), 'properties.total != -3', { type: 'event-property', name: 'total', operator: 'number_not_equals', value: -3 }],
    [cmp('properties.total', '>=', 0.5), 'properties.total >= 0.5', { type: 'event-property', name: 'total', operator: '>=', value: 0.5 }],
    [cmp('properties.total', '<', '5'), 'properties.total < "5"', { type: 'event-property', name: 'total', operator: '<', value: '5' }],
    [cmp('properties.total', '<', 'abc'), 'properties.total < "abc"', { type: 'event-property', name: 'total', operator: '<', value: 'abc' }],
    [cmp('properties.total', '<', true), 'properties.total < true', { type: 'event-property', name: 'total', operator: '<', value: true }],
    [cmp('properties.total', '>', '1e400'), 'properties.total > "1e400"', { type: 'event-property', name: 'total', operator: '>', value: '1e400' }],
    [cmp('properties.total', '=', 1e21), 'properties.total = 1000000000000000000000', { type: 'event-property', name: 'total', operator: 'number_equals', value: 1e21 }],
    [cmp('properties.total', '=', 1.5e-7), 'properties.total = 0.00000015', { type: 'event-property', name: 'total', operator: 'number_equals', value: 1.5e-7 }],
    [cmp('properties.total', '=', -0), 'properties.total = 0', { type: 'event-property', name: 'total', operator: 'number_equals', value: 0 }],
    [cmp('properties.plan', '=', 'pro'), 'properties.plan = "pro"', { type: 'event-property', name: 'plan', operator: '=', value: 'pro' }],
    [cmp('properties.flag', '=', true), 'properties.flag = true', { type: 'event-property', name: 'flag', operator: 'is_true' }],
    [cmp('properties.flag', '!=', true), 'properties.flag != true', { type: 'event-property', name: 'flag', operator: '!=', value: true }],
    [cmp('traits.email', '!=', null), 'traits.email != null', { type: 'event-trait', name: 'email', operator: 'exists' }],
    [cmp('traits.email', '=', null), 'traits.email = null', { type: 'event-trait', name: 'email', operator: 'not_exists' }],
    [cmp('context.page.path', '=', '/'), 'context.page.path = "/"', { type: 'event-context', name: 'page.path', operator: '=', value: '/' }],
    [call('contains', 'event', 'Order'), 'contains(event, "Order")', { type: 'event', operator: 'contains', value: 'Order' }],
    [not(call('contains', 'userId', '@')), '!contains(userId, "@")', { type: 'userId', operator: 'not_contains', value: '@' }],
    [call('match', 'name', 'Home*'), 'match(name, "Home*")', { type: 'name', operator: 'starts_with', value: 'Home' }],
    [not(call('match', 'event', 'Order*')), '!match(event, "Order*")', { type: 'event', operator: 'not_starts_with', value: 'Order' }],
    [call('match', 'traits.email', '*@x.io'), 'match(traits.email, "*@x.io")', { type: 'event-trait', name: 'email', operator: 'ends_with', value: '@x.io' }],
    [not(call('match', 'context.ip', '*.0')), '!match(context.ip, "*.0")', { type: 'event-context', name: 'ip', operator: 'not_ends_with', value: '.0' }],
    [call('match', 'event', 'a*b*'), 'match(event, "a*b*")', { type: 'event', operator: 'starts_with', value: 'a*b' }],
    [call('match', 'event', '*'), 'match(event, "*")', { type: 'event', operator: 'starts_with', value: '' }]
  ]
  it.each(cases)('%#: %s', (trigger, fql, segmentCondition) => {
    expect(printTrigger(trigger)).toBe(fql)
    expect(triggerProblems(trigger)).toEqual([])
    expect(segmentParse(fql)).toEqual(one(segmentCondition))
  })
})

describe('path names', () => {
  const cases: [string[], string, string][] = [
    [['properties', 'Order ID'], 'properties.Order\\ ID', 'Order ID'],
    [['properties', 'and'], 'properties.\\and', 'and'],
    [['properties', 'or'], 'properties.\\or', 'or'],
    [['properties', 'null'], 'properties.\\null', 'null'],
    [['properties', 'android'], 'properties.android', 'android'],
    [['properties', '1st'], 'properties.\\1st', '1st'],
    [['properties', '-x'], 'properties.\\-x', '-x'],
    [['properties', 'a-b_c9'], 'properties.a-b_c9', 'a-b_c9'],
    [['properties', 'prénom'], 'properties.pr\\énom', 'prénom'],
    [['properties', 'a\\b'], 'properties.a\\\\b', 'a\\b'],
    [['properties', 'x=y!'], 'properties.x\\=y\\!', 'x=y!'],
    [['properties', '👋'], 'properties.\\\ud83d\\\udc4b', '👋'],
    [['traits', 'tab\there'], 'traits.tab\\\there', 'tab\there'],
    [['context', 'page', 'search'], 'context.page.search', 'page.search']
  ]
  it.each(cases)('%j is written %s and read back by Segment', (path, fqlPath, segmentName) => {
    const fql = printTrigger(cmp(path, '=', 'v'))
    expect(fql).toBe(`${fqlPath} = "v"`)
    const parsed = segmentParse(fql) as { children: { name: string }[] }
    expect(parsed.children[0]?.name).toBe(segmentName)
  })
})

describe('structure', () => {
  const a = cmp('type', '=', 'track')
  const b = cmp('event', '=', 'b')
  const c = cmp('userId', '=', 'c')
  const cases: [string, Trigger, string][] = [
    ['an and chain is flat', and(a, b, c), 'type = "track" and event = "b" and userId = "c"'],
    ['an and chain nested right is flat', and(a, and(b, c)), 'type = "track" and event = "b" and userId = "c"'],
    ['or inside and is parenthesised', and(a, or(b, c)), 'type = "track" and (event = "b" or userId = "c")'],
    ['and inside or is parenthesised', or(and(a, b), c), '(type = "track" and event = "b") or userId = "c"'],
    ['not of text equality becomes !=', not(a), 'type != "track"'],
    ['not of != becomes =', not(cmp('event', '!=', 'x')), 'event = "x"'],
    ['not of = null becomes != null', not(cmp('traits.x', '=', null)), 'traits.x != null'],
    ['De Morgan over and', not(and(a, b)), 'type != "track" or event != "b"'],
    ['De Morgan over or, inside and', and(c, not(or(a, b))), 'userId = "c" and type != "track" and event != "b"'],
    ['double negation', not(not(a)), 'type = "track"'],
    ['a call moves to the end of its group', and(a, or(call('contains', 'event', 'x'), c)), 'type = "track" and (userId = "c" or contains(event, "x"))'],
    ['a negated call moves too', and(a, or(not(call('contains', 'event', 'x')), c)), 'type = "track" and (userId = "c" or !contains(event, "x"))'],
    ['calls stay in place at the top', and(call('contains', 'event', 'x'), a), 'contains(event, "x") and type = "track"']
  ]
  it.each(cases)('%s', (_description, trigger, fql) => {
    expect(printTrigger(trigger)).toBe(fql)
    expect(triggerProblems(trigger)).toEqual([])
  })

  it('Segment reads a call-last group the way mapc does', () => {
    const fql = printTrigger(and(a, or(call('contains', 'event', 'x'), c)))
    expect(segmentParse(fql)).toEqual({
      type: 'group',
      operator: 'and',
      children: [
        { type: 'event-type', operator: '=', value: 'track' },
        {
          type: 'group',
          operator: 'or',
          children: [
            { type: 'userId', operator: '=', value: 'c' },
            { type: 'event', operator: 'contains', value: 'x' }
          ]
        }
      ]
    })
  })
})

describe('what Segment would read differently', () => {
  const problem = (trigger: { span: unknown }, message: string): unknown => ({ kind: 'segment-incompatible', span: trigger.span, message })

  it('a negation with no complement is printed as !( … ) and reported', () => {
    const trigger = not(cmp('properties.x', '=', 3))
    expect(printTrigger(trigger)).toBe('!(properties.x = 3)')
    expect(triggerProblems(trigger)).toEqual([
      problem(
        trigger,
        "Segment's FQL has no `not` for this (only `!contains(…)`, `!match(…)`, and `!=` for text and null comparisons); it would ignore the negation"
      )
    ])
  })

  it('two levels of parentheses', () => {
    const inner = and(cmp('event', '=', 'b'), cmp('name', '=', 'n'))
    const middle = or(cmp('userId', '=', 'u'), inner)
    const trigger = and(cmp('type', '=', 'track'), middle)
    expect(printTrigger(trigger)).toBe('type = "track" and (userId = "u" or (event = "b" and name = "n"))')
    expect(triggerProblems(trigger)).toEqual([
      problem(middle, "Segment's FQL parser reads only one level of parentheses; it cannot parse this nesting")
    ])
  })

  it('two calls in one parenthesised group', () => {
    const group = or(call('contains', 'event', 'x'), call('contains', 'event', 'y'))
    const trigger = and(cmp('type', '=', 'track'), group)
    expect(printTrigger(trigger)).toBe('type = "track" and (contains(event, "x") or contains(event, "y"))')
    expect(triggerProblems(trigger)).toEqual([
      problem(
        group,
        "Segment's FQL parser ends a parenthesised group at the first `)`, so a group can hold at most one contains()/match() call"
      )
    ])
  })

  it('paths Segment does not read', () => {
    const cases: [Trigger, string][] = [
      [cmp('anonymousId', '=', 'a'), "Segment's FQL only reads type, event, name, userId, properties.…, traits.… and context.…; it would drop the condition on `anonymousId`"],
      [cmp('event.name', '=', 'a'), 'Segment reads `event` for `event.name` and ignores the rest of the path'],
      [cmp('properties', '!=', null), 'Segment reads `properties.properties` for a bare `properties`; name a key inside it'],
      [cmp(['properties', 'a.b'], '=', 1), 'Segment splits path names at `.`, `[` and `]` and skips empty names; this path would read another value'],
      [cmp(['traits', ''], '=', 1), 'Segment splits path names at `.`, `[` and `]` and skips empty names; this path would read another value'],
      [call('contains', 'type', 'tr'), "Segment's contains()/match() do not read `type`; it would drop this condition"],
      [cmp('event', '=', 'say "hi"'), 'FQL strings have no escapes, so Segment cannot read a string containing `"`'],
      [cmp(['properties', 'x'.repeat(100_000)], '=', 1), "Segment's FQL lexer rejects a name longer than 99999 characters"],
      [cmp('event', '=', 'x'.repeat(100_000)), "Segment's FQL lexer rejects a string longer than 99999 characters"],
      [call('match', 'event', `${'x'.repeat(99_999)}*`), "Segment's FQL lexer rejects a string longer than 99999 characters"],
      [call('contains', 'anonymousId', 'a'), "Segment's contains()/match() do not read `anonymousId`; it would drop this condition"]
    ]
    for (const [trigger, message] of cases) {
      expect(triggerProblems(trigger), message).toEqual([problem(trigger, message)])
    }
  })

  it('the longest strings and names Segment reads are not reported', () => {
    expect(triggerProblems(cmp('event', '=', 'x'.repeat(99_999)))).toEqual([])
    expect(triggerProblems(call('match', 'event', `${'x'.repeat(99_998)}*`))).toEqual([])
    expect(triggerProblems(cmp(['properties', 'x'.repeat(99_999)], '=', 1))).toEqual([])
  })

  it('a string with a quote is still printed as valid FQL', () => {
    expect(printTrigger(cmp('event', '=', 'say "hi"'))).toBe('event = "say \\"hi\\""')
  })

  it('unsupported problems come alone: Segment compatibility is not judged for a trigger mapc refuses', () => {
    const pattern = call('match', 'event', 'exact')
    expect(triggerProblems(and(pattern, cmp('anonymousId', '=', 'x')))).toEqual([
      {
        kind: 'unsupported',
        span: pattern.argument.span,
        message:
          'a match pattern needs a `*` at its start (ends with …) or at its end (starts with …); for an exact value use `=`'
      }
    ])
  })
})

describe('negation', () => {
  it('is pushed through and/or only when every condition has an exact complement', () => {
    const number = cmp('properties.x', '=', 3)
    const text = cmp('type', '=', 'track')
    const partly = not(and(text, number))
    expect(printTrigger(partly)).toBe('!(type = "track" and properties.x = 3)')
    expect(triggerProblems(partly).map((p) => p.span)).toEqual([partly.span])
  })

  it('keeps the author’s negated function and a negation of it apart', () => {
    const negated = not(call('contains', 'event', 'x'))
    expect(printTrigger(negated)).toBe('!contains(event, "x")')
    const logical = not(negated)
    expect(printTrigger(logical)).toBe('!(!contains(event, "x"))')
    expect(printTrigger(not(logical))).toBe('!contains(event, "x")')
  })

  it('does not flip a comparison whose != is not its negation', () => {
    // userId = true is a boolean test, userId != true a text test: not complements.
    expect(printTrigger(not(cmp('userId', '=', true)))).toBe('!(userId = true)')
    // properties.x != 3 needs a number, so it is not the negation of properties.x = 3.
    expect(printTrigger(not(cmp('properties.x', '!=', 3)))).toBe('!(properties.x != 3)')
    // Text comparisons and null tests flip.
    expect(printTrigger(not(cmp('userId', '!=', 3)))).toBe('userId = 3')
    expect(printTrigger(not(cmp('name', '=', null)))).toBe('name != null')
    expect(printTrigger(not(cmp('event', '=', null)))).toBe('event != null')
  })
})

describe('numbers', () => {
  it('are written without an exponent and read back exactly', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const text = plainDecimal(value)
        expect(text).toMatch(/^-?\d+(\.\d+)?$/)
        expect(Object.is(Number(text), value) || (value === 0 && Number(text) === 0)).toBe(true)
      }),
      { numRuns: propertyRuns }
    )
    expect([plainDecimal(5e-324), plainDecimal(-1.7976931348623157e308).length]).toEqual([`0.${'0'.repeat(323)}5`, 310])
  })

  it('refuses a number that is not finite', () => {
    expect(() => plainDecimal(Number.NaN)).toThrow(RangeError)
  })
})
