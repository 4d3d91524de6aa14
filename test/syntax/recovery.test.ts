import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { parseMap } from '../../src/compiler/syntax/parse.js'
import { where } from './helpers.js'

const MAPPINGS = new URL('../../mappings/', import.meta.url)

describe('the three destinations', () => {
  test.each(['attio', 'schematic', 'matilda'])('%s.map parses without a diagnostic', (name) => {
    const text = readFileSync(new URL(`${name}.map`, MAPPINGS), 'utf8')
    const { ast, diagnostics } = parseMap(text, `mappings/${name}.map`)
    expect(diagnostics).toEqual([])
    expect(ast.destinations.map((d) => d.name.name)).toEqual([name])
  })

  test('attio.map: actions, their members and their spans', () => {
    const text = readFileSync(new URL('attio.map', MAPPINGS), 'utf8')
    const destination = parseMap(text, 'attio.map').ast.destinations[0]
    const actions = destination?.members.filter((m) => m.kind === 'Action') ?? []
    expect(actions.map((a) => (a.kind === 'Action' ? a.name.name : ''))).toEqual(['identifyUser', 'groupWorkspace', 'assertRecord'])
    const identify = actions[0]
    if (identify?.kind !== 'Action') throw new Error('no action')
    expect(identify.span.start).toMatchObject({ line: 39, column: 3 })
    expect(identify.members.map((m) => m.kind)).toEqual([
      'Attribute', 'Attribute', 'TriggerDecl', 'Field', 'Field', 'Field', 'Field', 'Field', 'Field', 'Field', 'Perform', 'Batch'
    ])
    expect(parseMap(text, 'attio.map').ast.comments).toHaveLength(11)
  })
})

describe('recovery: one run reports every error, and the rest still parses', () => {
  const broken = [
    'destination shop {',
    '  title "Shop"',
    '  setting apiKey string required { label "Key" }',
    '',
    '  action first {',
    '    title "First"',
    '    feild email: string { label "E" }',
    '    field name: string { default $.traits.name ?? }',
    '    field ok: string { label "OK" }',
    '  }',
    '',
    '  action second {',
    '    title "Second"',
    '    perform {',
    '      send POST "https://x" { json { a: 1 b: 2 } }',
    '      send GET "https://y"',
    '    }',
    '  }',
    '',
    '  action third {',
    '    title "Third"',
    '    trigger type == "track"',
    '    field x: string { label "X" }',
    '',
    '}'
  ].join('\n')

  test('each broken member is reported where it breaks', () => {
    const { diagnostics } = parseMap(broken, 'shop.map')
    expect(diagnostics.map((d) => `${where(d)} ${d.message}`)).toEqual([
      '3:18 MAPC1010 expected `:` in a setting; found `string`',
      '7:5 MAPC1010 unknown member `feild` in the action `first`',
      '8:51 MAPC1013 expected an expression; found `}`',
      '15:43 MAPC1014 expected `,` or `}`; found `b`',
      '22:18 MAPC1010 expected a comparison (`=`, `!=`, `<`, `<=`, `>`, `>=`) after the path; found `==`',
      // The indentation says which block lacks its `}`: the line `}` at column 1 closes the
      // destination, so the action `third` ends before it.
      '23:34 MAPC1011 expected `}` to close the action `third` opened at 20:16'
    ])
  })

  test('the members around the errors are all in the AST', () => {
    const { ast } = parseMap(broken, 'shop.map')
    const destination = ast.destinations[0]
    expect(destination?.members.map((m) => `${m.kind} ${'name' in m ? m.name.name : ''}`)).toEqual([
      'Attribute title',
      'Setting apiKey',
      'Action first',
      'Action second',
      'Action third'
    ])
    const [first, second, third] = (destination?.members ?? []).filter((m) => m.kind === 'Action')
    if (first?.kind !== 'Action' || second?.kind !== 'Action' || third?.kind !== 'Action') throw new Error('actions missing')
    expect(first.members.map((m) => `${m.kind} ${m.kind === 'Field' || m.kind === 'Attribute' ? m.name.name : ''}`)).toEqual([
      'Attribute title',
      'Field name',
      'Field ok'
    ])
    const perform = second.members[1]
    expect(perform?.kind === 'Perform' ? perform.steps.map((s) => s.kind) : []).toEqual(['Send', 'Send'])
    expect(third.members.map((m) => m.kind)).toEqual(['Attribute', 'TriggerDecl', 'Field'])
  })

  test('a missing brace is reported once, where the indentation says the block ends, and the rest parses as meant', () => {
    const text = [
      'destination d {',
      '  action a {',
      '    field x: string { label "X"',
      '    field y: string { label "Y" }',
      '  }',
      '  action b {',
      '    title 007',
      '  }',
      '}'
    ].join('\n')
    const { diagnostics, ast } = parseMap(text, 'f.map')
    expect(diagnostics.map(where)).toEqual(['3:32 MAPC1011', '7:11 MAPC1007'])
    expect(diagnostics[0]?.message).toBe('expected `}` to close the field `x` opened at 3:21')
    const actions = ast.destinations[0]?.members ?? []
    expect(actions.map((m) => `${m.kind} ${'name' in m ? m.name.name : ''}`)).toEqual(['Action a', 'Action b'])
    const a = actions[0]
    expect(a?.kind === 'Action' ? a.members.map((m) => (m.kind === 'Field' ? m.name.name : m.kind)) : []).toEqual(['x', 'y'])
  })

  test('without indentation to go by, braces are read as written: members of an outer block are suspected', () => {
    const text = ['destination d {', 'action a {', 'field x: string { label "X"', 'field y: string { label "Y" }', '}', 'action b {', 'title 007', '}', '}'].join('\n')
    const { diagnostics } = parseMap(text, 'f.map')
    expect(diagnostics.map(where)).toEqual(['4:1 MAPC1015', '6:1 MAPC1015', '7:7 MAPC1007', '9:2 MAPC1011'])
    expect(diagnostics[1]?.hint).toBe('actions belong in the destination block; is a `}` missing before it?')
  })

  test('one `}` too many is reported where it stands, and the members after it stay in their block', () => {
    const text = ['destination d {', '  action a {', '    field x: string { label "X" }', '    }', '    field y: string { label "Y" }', '  }', '}'].join('\n')
    const { diagnostics, ast } = parseMap(text, 'f.map')
    expect(diagnostics.map((d) => `${where(d)} ${d.message}`)).toEqual(['4:5 MAPC1010 one `}` too many: by its indentation it closes no block'])
    const a = ast.destinations[0]?.members[0]
    expect(a?.kind === 'Action' ? a.members.map((m) => (m.kind === 'Field' ? m.name.name : m.kind)) : []).toEqual(['x', 'y'])
  })
})

describe('a keyword used as a name is reported once, where it is declared', () => {
  test('reading the field later as a value adds no second error', () => {
    const text = [
      'destination d {',
      '  action act {',
      '    field when: string { label "W" default $.event }',
      '    perform { send POST "https://x.test/e" { json { a: when, b: when } } }',
      '  }',
      '}'
    ].join('\n')
    const { diagnostics } = parseMap(text, 't.map')
    expect(diagnostics.map((d) => `${d.span.start.line}:${d.span.start.column} ${d.code} ${d.message}`)).toEqual([
      '3:11 MAPC1016 `when` is a keyword and cannot name a field'
    ])
  })

  test('a keyword in value position that was never declared as a name is still reported', () => {
    const text = ['destination d {', '  action act {', '    perform { send POST "https://x.test/e" { json { a: when } } }', '  }', '}'].join('\n')
    expect(parseMap(text, 't.map').diagnostics.map((d) => `${d.span.start.line}:${d.span.start.column} ${d.code}`)).toEqual(['3:56 MAPC1013'])
  })
})
