import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { formatSource } from '../../src/compiler/format/format.js'
import { parseExpression, parseMap } from '../../src/compiler/syntax/parse.js'
import { withoutSpans } from '../syntax/helpers.js'

const MAPPINGS = new URL('../../mappings/', import.meta.url)
const real = Object.fromEntries(['attio', 'schematic', 'matilda'].map((name) => [name, readFileSync(new URL(`${name}.map`, MAPPINGS), 'utf8')]))

function format(text: string): string {
  const result = formatSource(text, 'test.map')
  if ('diagnostics' in result) throw new Error(result.diagnostics.map((d) => d.message).join('\n'))
  return result.text
}

/** Formats one expression in a field's `default`, and returns the formatted attribute value. */
function formatExpression(source: string): string {
  const text = format(`destination d {\n  action a {\n    field f: string {\n      default ${source}\n    }\n  }\n}\n`)
  const start = text.indexOf('default ') + 'default '.length
  return text.slice(start, text.indexOf('\n    }\n  }'))
}

describe('canonical layout', () => {
  test('attio.map is already in canonical layout', () => {
    expect(format(real['attio'] as string)).toBe(real['attio'])
  })

  test.each(Object.keys(real))('%s.map: formatting is idempotent and keeps the meaning and every comment', (name) => {
    const text = real[name] as string
    const once = format(text)
    expect(format(once)).toBe(once)
    const before = parseMap(text, 'x.map').ast
    const after = parseMap(once, 'x.map').ast
    expect(withoutSpans(after.destinations)).toEqual(withoutSpans(before.destinations))
    expect(after.comments.map((c) => c.text)).toEqual(before.comments.map((c) => c.text))
  })

  test('members, blocks and blank lines', () => {
    const messy = [
      'destination d { title "D" slug "d"',
      '  setting a: string required { label "A" } setting b: string { label "B" }',
      'preset "One" when type="identify" -> one preset "Two" when type = "track"->two',
      '  action one { title "One" trigger type = "identify" field x: string(email) required { label "X" default $.traits.email } field y: number {}',
      '    skip "no x" when not exists(x) reject y "bad" when y == 0',
      '    perform { send POST "https://x" { json { x: x } } } }',
      '}'
    ].join('\n')
    expect(format(messy)).toBe(
      [
        'destination d {',
        '  title "D"',
        '  slug "d"',
        '',
        '  setting a: string required {',
        '    label "A"',
        '  }',
        '',
        '  setting b: string {',
        '    label "B"',
        '  }',
        '',
        '  preset "One" when type = "identify" -> one',
        '  preset "Two" when type = "track" -> two',
        '',
        '  action one {',
        '    title "One"',
        '    trigger type = "identify"',
        '',
        '    field x: string(email) required {',
        '      label "X"',
        '      default $.traits.email',
        '    }',
        '    field y: number {}',
        '',
        '    skip "no x" when not exists(x)',
        '    reject y "bad" when y == 0',
        '',
        '    perform {',
        '      send POST "https://x" {',
        '        json { x: x }',
        '      }',
        '    }',
        '  }',
        '}',
        ''
      ].join('\n')
    )
  })

  test('objects fit on one line up to 100 columns, otherwise one entry per line with a trailing comma', () => {
    expect(formatExpression('{a:1,"b c":2,...o,z}')).toBe('{ a: 1, "b c": 2, ...o, z }')
    const long = '{ first_attribute: $.traits.first_attribute, second_attribute: $.traits.second_attribute }'
    expect(formatExpression(long)).toBe(
      ['{', '        first_attribute: $.traits.first_attribute,', '        second_attribute: $.traits.second_attribute,', '      }'].join('\n')
    )
    expect(formatExpression('[ 1 , 2 ]')).toBe('[1, 2]')
  })

  test('long strings are never broken', () => {
    const description = `"${'word '.repeat(40).trim()}"`
    expect(formatExpression(description)).toBe(description)
  })

  test('parentheses come back exactly where precedence needs them', () => {
    const cases: [string, string][] = [
      ['(a ?? b) + c', '(a ?? b) + c'],
      ['a ?? (b ?? c)', 'a ?? (b ?? c)'],
      ['((a ?? b) ?? c)', 'a ?? b ?? c'],
      ['not (a and b)', 'not (a and b)'],
      ['(not a) and b', 'not a and b'],
      ['a or (b and c)', 'a or b and c'],
      ['(a or b) and c', '(a or b) and c'],
      ['if a then (if b then c) else d', 'if a then (if b then c) else d'],
      ['if a then (if b then c else d)', 'if a then if b then c else d'],
      ['(if a then b) ?? c', '(if a then b) ?? c'],
      ['($.a).b', '($.a).b'],
      ['($.a)[0]', '($.a)[0]'],
      ['($.a)[i]', '$.a[i]'],
      ['(a ?? b).c', '(a ?? b).c'],
      ['$.properties["Order ID"]', '$.properties["Order ID"]'],
      ['`a{ x ?? "y" }b`', '`a{x ?? "y"}b`']
    ]
    for (const [source, expected] of cases) {
      expect(formatExpression(source)).toBe(expected)
      expect(withoutSpans(parseExpression(expected).expr)).toEqual(withoutSpans(parseExpression(source).expr))
    }
  })

  test('a setting pattern keeps its regular expression, escapes and all', () => {
    const source = 'destination d {\n  setting key: string( pattern   "^[a-f0-9]{2}\\\\d$" ) required { label "K" }\n}\n'
    const text = format(source)
    expect(text).toContain('setting key: string(pattern "^[a-f0-9]{2}\\\\d$") required')
    expect(format(text)).toBe(text)
    expect(withoutSpans(parseMap(text, 'a.map').ast)).toEqual(withoutSpans(parseMap(source, 'a.map').ast))
  })

  test('strings and templates are written with canonical escapes', () => {
    expect(formatExpression('"tab\\there \\u00e9 \\/"')).toBe('"tab\\there é /"')
    expect(formatExpression('`a\\{b\\}\\`\\\\`')).toBe('`a\\{b\\}\\`\\\\`')
  })
})

describe('comments', () => {
  test('leading, trailing, dangling and blank-line-separated comments keep their places', () => {
    const text = [
      '// header',
      '',
      'destination d {',
      '  title "D" // trailing',
      '',
      '  // about the action',
      '  action a {',
      '    perform {',
      '      send POST "https://x" {',
      '        json {',
      '          a: 1, // after a',
      '          /* before b */ b: 2,',
      '        }',
      '      }',
      '      // last in perform',
      '    }',
      '',
      '    batch {',
      '      // nothing yet',
      '    }',
      '  }',
      '}',
      '// footer',
      ''
    ].join('\n')
    expect(format(text)).toBe(text)
  })

  test('a comment in an empty object stays inside it', () => {
    expect(formatExpression('{ /* none */ }')).toBe(['{', '        /* none */', '      }'].join('\n'))
  })

  test('comments inside a declaration header survive', () => {
    const text = 'destination d { action a { field /* c1 */ x /* c2 */: string /* c3 */ {} } }'
    const once = format(text)
    expect(parseMap(once, 'f.map').ast.comments.map((c) => c.text)).toEqual(['/* c1 */', '/* c2 */', '/* c3 */'])
    expect(format(once)).toBe(once)
  })
})

describe('refusal', () => {
  test('a file with syntax errors is not formatted; its diagnostics are returned', () => {
    const result = formatSource('destination d {\n  title "x" =\n}\n', 'bad.map')
    expect('diagnostics' in result && result.diagnostics.map((d) => d.code)).toEqual(['MAPC1010'])
  })
})
