import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import type { Trigger } from '../../src/compiler/syntax/ast.js'
import { readPath } from '../../src/runtime/lib/path.js'
import { compileTrigger, TRIGGER_JS_HELPER, triggerToJs, UnsupportedTriggerError } from '../../src/compiler/triggers/index.js'
import { eventArb, propertyRuns, triggerArb } from './arbitraries.js'
import { and, call, cmp, not, or, parseError } from './trigger-ast.js'

/** Evaluates emitted code the way a generated module would: `readPath` in scope, the event in `event`. */
function evaluate(js: string, event: unknown): unknown {
  // Only tests evaluate generated code this way; mapc itself never uses new Function.
  const fn = new Function(TRIGGER_JS_HELPER, 'event', `"use strict"; return ${js};`) as (r: typeof readPath, e: unknown) => unknown
  return fn(readPath, event)
}

describe('triggerToJs', () => {
  it('emits the documented shape', () => {
    expect(triggerToJs(cmp('properties.total', '>', 10), 'event')).toBe(
      '((e) => { try { return typeof e === "object" && e !== null && !Array.isArray(e) && ' +
        '((v) => typeof v === "number" && v > 10)(readPath(e, ["properties", "total"])); } catch { return false; } })(event)'
    )
    expect(triggerToJs(and(cmp('type', '=', 'track'), not(call('contains', 'event', 'Test'))), 'payload')).toBe(
      '((e) => { try { return typeof e === "object" && e !== null && !Array.isArray(e) && ' +
        '(((v) => v === "track")(readPath(e, ["type"])) && ((v) => typeof v === "string" && !v.includes("Test"))(readPath(e, ["event"]))); ' +
        '} catch { return false; } })(payload)'
    )
  })

  it('writes numbers exactly', () => {
    const cases: [Trigger, unknown, boolean][] = [
      [cmp('properties.x', '=', -0), { properties: { x: 0 } }, true],
      [cmp('properties.x', '<', -1.5), { properties: { x: -2 } }, true],
      [cmp('properties.x', '<', 'abc'), { properties: { x: -2 } }, false],
      [cmp('properties.x', '>', '-1e400'), { properties: { x: -1e300 } }, true],
      [cmp('properties.x', '=', 1e21), { properties: { x: 1e21 } }, true]
    ]
    for (const [trigger, event, expected] of cases) {
      expect(evaluate(triggerToJs(trigger, 'event'), event)).toBe(expected)
    }
  })

  it('agrees with compileTrigger on generated triggers and events, including those Segment cannot read', () => {
    fc.assert(
      fc.property(triggerArb, fc.array(eventArb, { minLength: 1, maxLength: 4 }), (trigger, events) => {
        let compiled: ((event: unknown) => boolean) | undefined
        try {
          compiled = compileTrigger(trigger)
        } catch (error) {
          expect(error).toBeInstanceOf(UnsupportedTriggerError)
          expect(() => triggerToJs(trigger, 'event')).toThrow(UnsupportedTriggerError)
          return
        }
        const js = triggerToJs(trigger, 'event')
        for (const event of [...events, null, 'track', [events[0]]]) {
          expect(evaluate(js, event)).toBe(compiled(event))
        }
      }),
      { numRuns: propertyRuns }
    )
  })

  it('does not throw for an event whose property access throws', () => {
    const event = {
      get type(): never {
        throw new Error('boom')
      }
    }
    expect(evaluate(triggerToJs(cmp('type', '!=', 'x'), 'event'), event)).toBe(false)
  })

  it('refuses an eventVar that is not an identifier, and unsupported triggers', () => {
    for (const name of ['', 'a b', '1x', 'x;alert(1)', 'class', 'this']) {
      expect(() => triggerToJs(cmp('type', '=', 'x'), name)).toThrow(/is not a JavaScript identifier/)
    }
    expect(() => triggerToJs(parseError(), 'event')).toThrow(UnsupportedTriggerError)
  })
})

describe('hostile strings stay data', () => {
  const hostile = [
    '"',
    "'",
    '`',
    '${globalThis.__mapcInjected = 1}',
    '*/ globalThis.__mapcInjected = 1 /*',
    '"); globalThis.__mapcInjected = 1; ("',
    '\\',
    '\u2028',
    '\u2029',
    '\u0000',
    '\n\r\t',
    '</script>',
    '__proto__',
    'constructor',
    '\ud800',
    '👋'
  ]

  afterEach(() => {
    delete (globalThis as Record<string, unknown>).__mapcInjected
  })

  it.each(hostile)('%j as a value, a contains argument, a match pattern and a path name', (text) => {
    const event = { event: text, properties: { [text]: text } }
    const triggers: [Trigger, boolean][] = [
      [cmp('event', '=', text), true],
      [cmp('event', '!=', text), false],
      [call('contains', 'event', text), true],
      [call('match', 'event', `${text}*`), true],
      // A pattern ending in `*` is a prefix test even when it also starts with one.
      [call('match', 'event', `*${text}`), !text.endsWith('*')],
      [cmp(['properties', text], '=', text), true],
      [or(cmp(['properties', text], '=', 'other'), not(call('contains', ['properties', text], text))), false]
    ]
    for (const [trigger, expected] of triggers) {
      const js = triggerToJs(trigger, 'event')
      // Outside its JSON string literals the code has no backtick, and nowhere a raw separator or NUL.
      expect(js.replace(/"(?:[^"\\]|\\.)*"/g, '""')).not.toContain('`')
      expect(js).not.toMatch(/[\u2028\u2029\u0000]/)
      expect(evaluate(js, event)).toBe(expected)
      expect(compileTrigger(trigger)(event)).toBe(expected)
      expect((globalThis as Record<string, unknown>).__mapcInjected).toBeUndefined()
    }
  })

  it('a __proto__ path name reads only an own property', () => {
    const trigger = cmp(['properties', '__proto__'], '!=', null)
    expect(evaluate(triggerToJs(trigger, 'event'), { properties: {} })).toBe(false)
    expect(evaluate(triggerToJs(trigger, 'event'), JSON.parse('{"properties":{"__proto__":{}}}'))).toBe(true)
  })
})
