import { describe, expect, test } from 'vitest'
import { freshline, group, hardline, ifBreak, indent, join, line, lineSuffix, printDoc, softline, type Doc } from '../../src/compiler/format/doc.js'

const list = (items: Doc[]) => group(['[', indent([softline, join([',', line], items)]), ifBreak(','), softline, ']'])

describe('document printer', () => {
  test('a group that fits prints flat', () => {
    expect(printDoc(list(['a', 'b']), 20)).toBe('[a, b]')
  })

  test('a group that does not fit breaks, with its trailing comma', () => {
    expect(printDoc(list(['alpha', 'beta', 'gamma']), 10)).toBe('[\n  alpha,\n  beta,\n  gamma,\n]')
  })

  test('an inner group stays flat when only the outer one is too long', () => {
    const doc = list(['"a long first item"', list(['x', 'y'])])
    expect(printDoc(doc, 24)).toBe('[\n  "a long first item",\n  [x, y],\n]')
  })

  test('a hard line breaks every enclosing group', () => {
    expect(printDoc(group(['a', line, 'b', hardline, 'c']), 80)).toBe('a\nb\nc')
  })

  test('a line suffix waits for the next line break', () => {
    const doc = group(['[', indent([softline, 'a', lineSuffix(' // one'), ',', line, 'b']), softline, ']'], { broken: true })
    expect(printDoc(doc, 80)).toBe('[\n  a, // one\n  b\n]')
  })

  test('firstLineFits keeps the head on one line and lets a nested group break', () => {
    const body = group(['f({', indent([line, 'key: "a value that is long"']), line, '})'])
    const doc = group(['[for x in xs:', ifBreak(indent([line, body]), [' ', body]), ']'], { firstLineFits: true })
    expect(printDoc(doc, 30)).toBe('[for x in xs: f({\n  key: "a value that is long"\n})]')
  })

  test('a fresh line is a break only where the output is not already at a line start', () => {
    expect(printDoc(['a', freshline, 'b', hardline, freshline, 'c'], 80)).toBe('a\nb\nc')
  })

  test('no line ends with spaces', () => {
    expect(printDoc(['a  ', hardline, 'b'], 80)).toBe('a\nb')
  })
})
