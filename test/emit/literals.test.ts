/**
 * The literals of generated code (src/compiler/emit/literals.ts), directly: the only way text of
 * a `.map` file or a configuration reaches generated source. The emitter's injection property
 * reaches them through whole modules; here each promise is one assertion: a string literal reads
 * back as the same string, holds no raw line or paragraph separator and no escaped backslash
 * (ts-morph misprints `"\\"`), keys define own properties, comments stay one line.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { commentText, isInheritedName, memberRead, printable, propertyKey, stringLiteral, valueLiteral } from '../../src/compiler/emit/literals.js'

/** What a piece of generated JavaScript evaluates to. */
function evaluate(code: string): unknown {
  return new Function(`"use strict"; return (${code})`)() as unknown
}

describe('stringLiteral', () => {
  it.each([
    ['plain', '"plain"'],
    ['a"b', '"a\\"b"'],
    ['back\\slash', '"back\\u005cslash"'],
    ['\\', '"\\u005c"'],
    ['line\nbreak\ttab\r', '"line\\nbreak\\ttab\\r"'],
    ['\u0000\u001f', '"\\u0000\\u001f"'],
    ['\u2028x\u2029', '"\\u2028x\\u2029"'],
    ['é😀', '"é😀"'],
    ['\ud800', '"\\ud800"'],
    ['*/ ${x} `', '"*/ ${x} `"']
  ])('%j is written %s', (value, code) => {
    expect(stringLiteral(value)).toBe(code)
    expect(evaluate(code)).toBe(value)
  })

  it('reads back as the same string, for any string, and is one line without escaped backslashes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 24 }), fc.string({ unit: fc.constantFrom('\\', '"', '\u2028', '\u2029', '\n', 'u', '0', '`', '$', '{'), maxLength: 24 }), (a, b) => {
        const value = a + b
        const code = stringLiteral(value)
        expect(evaluate(code)).toBe(value)
        expect(code).not.toMatch(/[\r\n\u2028\u2029]/u)
        expect(code).not.toContain('\\\\')
      }),
      { numRuns: 200 }
    )
  })
})

describe('printable', () => {
  it('rewrites only escaped backslashes, and leaves other escapes as they are', () => {
    expect(printable('"\\\\" "\\n" "\\"" "\\u0041"')).toBe('"\\u005c" "\\n" "\\"" "\\u0041"')
    expect(printable('"\\\\\\\\"')).toBe('"\\u005c\\u005c"')
    expect(printable('a\\\nb')).toBe('a\\\nb')
    expect(printable('no escapes')).toBe('no escapes')
  })
})

describe('valueLiteral', () => {
  it('writes each kind of JSON value', () => {
    expect(valueLiteral(undefined)).toBe('undefined')
    expect(valueLiteral(null)).toBe('null')
    expect(valueLiteral(true)).toBe('true')
    expect(valueLiteral(false)).toBe('false')
    expect(valueLiteral(1.5)).toBe('1.5')
    expect(valueLiteral(-0)).toBe('-0')
    expect(valueLiteral(0)).toBe('0')
    expect(valueLiteral('s')).toBe('"s"')
    expect(valueLiteral([])).toBe('[]')
    expect(valueLiteral([1, 'a', null])).toBe('[1, "a", null]')
    expect(valueLiteral({})).toBe('{}')
    expect(valueLiteral({ a: 1, 'b-c': [true] })).toBe('{ a: 1, "b-c": [true] }')
  })

  it('keeps -0 negative', () => {
    expect(Object.is(evaluate(valueLiteral(-0)), -0)).toBe(true)
  })

  it('writes `__proto__` as a computed key, so it stays an own property', () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>
    const code = valueLiteral(value)
    expect(code).toBe('{ ["__proto__"]: { polluted: true }, a: 1 }')
    const back = evaluate(code) as Record<string, unknown>
    expect(Object.getOwnPropertyNames(back)).toEqual(['__proto__', 'a'])
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })

  it.each([NaN, Infinity, -Infinity])('refuses the number %s', (n) => {
    expect(() => valueLiteral(n)).toThrow(`cannot emit the number ${n}`)
  })

  it('refuses what is no JSON value', () => {
    expect(() => valueLiteral(() => 1)).toThrow('cannot emit a value of type function')
    expect(() => valueLiteral(1n)).toThrow('cannot emit a value of type bigint')
  })

  it('reads back as the same value, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(evaluate(valueLiteral(value))).toStrictEqual(value)
      }),
      { numRuns: 500 }
    )
  })
})

describe('propertyKey', () => {
  it.each([
    ['a', 'a'],
    ['_$9', '_$9'],
    ['$', '$'],
    ['9a', '"9a"'],
    ['', '""'],
    ['a-b', '"a-b"'],
    ['a b', '"a b"'],
    ['é', '"é"'],
    ['__proto__', '["__proto__"]'],
    ['constructor', 'constructor']
  ])('%j is written %s', (key, code) => {
    expect(propertyKey(key)).toBe(code)
  })
})

describe('memberRead', () => {
  it('is a plain read for an own-looking identifier, and own(…) for everything else', () => {
    expect(memberRead('p', 'email', 'own')).toBe('p.email')
    expect(memberRead('p', '$x_1', 'own')).toBe('p.$x_1')
    expect(memberRead('p', 'a b', 'own')).toBe('own(p, "a b")')
    expect(memberRead('p', '1a', 'own')).toBe('own(p, "1a")')
    expect(memberRead('p', 'toString', 'own')).toBe('own(p, "toString")')
    expect(memberRead('p', 'constructor', '$.own')).toBe('$.own(p, "constructor")')
    expect(memberRead('p', '__proto__', 'own')).toBe('own(p, "__proto__")')
    expect(memberRead('p', 'x\u2028', 'own')).toBe('own(p, "x\\u2028")')
  })
})

describe('isInheritedName', () => {
  it('is true for the names of Object.prototype and __proto__ only', () => {
    for (const name of ['toString', 'hasOwnProperty', 'valueOf', 'constructor', '__proto__', '__defineGetter__']) expect(isInheritedName(name)).toBe(true)
    for (const name of ['email', 'proto', 'toJSON', '']) expect(isInheritedName(name)).toBe(false)
  })
})

describe('commentText', () => {
  it('is one line and cannot end a block comment', () => {
    expect(commentText('a\r\nb\nc\u2028d\u2029e')).toBe('a b c d e')
    expect(commentText('x */ y */')).toBe('x *\\/ y *\\/')
    expect(commentText('plain.map')).toBe('plain.map')
  })
})
