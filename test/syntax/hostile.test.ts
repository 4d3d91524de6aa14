import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { parseExpression, parseMap, parseTrigger } from '../../src/compiler/syntax/parse.js'
import { MAX_NESTING } from '../../src/compiler/syntax/token-structure.js'
import { keywords } from '../../src/compiler/syntax/tokens.js'
import { sliceOf, where } from './helpers.js'

const MAPPINGS = new URL('../../mappings/', import.meta.url)
const realFiles = ['attio', 'schematic', 'matilda'].map((name) => readFileSync(new URL(`${name}.map`, MAPPINGS), 'utf8'))

describe('hostile input: a diagnostic, never a hang, crash or stack overflow', () => {
  // No timing assertion (the suite never asserts on time); the test's own timeout is what catches
  // a parser that goes quadratic on size.
  test('a 5 MB file parses completely, every generated action in the tree', () => {
    const attio = realFiles[0] as string
    const actions = attio.slice(attio.indexOf('  action identifyUser'), attio.lastIndexOf('}'))
    const parts = ['destination big {\n']
    let size = parts[0]?.length ?? 0
    let copies = 0
    for (let n = 0; size < 5_000_000; n++, copies++) {
      const chunk = actions.replace(/action (\w+)/g, (_m, name: string) => `action ${name}${n}`)
      parts.push(chunk)
      size += chunk.length
    }
    parts.push('}\n')
    const text = parts.join('')
    const actionsPerCopy = actions.match(/action (\w+)/g)?.length ?? 0
    const { ast, diagnostics } = parseMap(text, 'big.map')
    expect(diagnostics).toEqual([])
    const members = ast.destinations[0]?.members ?? []
    expect(members.length).toBe(copies * actionsPerCopy)
    expect(actionsPerCopy).toBeGreaterThan(0)
  }, 60_000)

  test.each([
    ['(', ')'],
    ['[', ']'],
    ['{a:', '}']
  ])('10,000 nested %s are cut at the first one beyond the limit', (open, close) => {
    const prefix = 'destination d {\n  title '
    const text = `${prefix}${open.repeat(10_000)}1${close.repeat(10_000)}\n}\n`
    const { diagnostics } = parseMap(text, 'deep.map')
    const tooDeep = diagnostics.filter((d) => d.code === 'MAPC1008')
    expect(tooDeep).toHaveLength(1)
    // The destination's `{` is the first level, so the cut is at the (MAX_NESTING)th bracket of the title.
    expect(tooDeep[0]?.span.start).toMatchObject({ line: 2, column: 9 + (MAX_NESTING - 1) * open.length })
  })

  test.each(['(', '[', '{', '`{', 'f('])('10,000 unclosed %s end in diagnostics', (open) => {
    const { diagnostics } = parseMap(`destination d { title ${open.repeat(10_000)}`, 'deep.map')
    expect(diagnostics.some((d) => d.code === 'MAPC1008')).toBe(true)
  })

  test('nesting right at the limit, unclosed, still recovers inside a request inside an action', () => {
    const inner = '['.repeat(MAX_NESTING - 8)
    const text = `destination d {\n action a {\n perform {\n send POST "https://x" { json { a: ${inner} } }\n }\n }\n}\n`
    const { diagnostics } = parseMap(text, 'f.map')
    expect(diagnostics.map((d) => d.code)).not.toContain('MAPC1008')
    expect(diagnostics.length).toBeGreaterThan(0)
  })

  test('20,000 chained `not` and `if` are reported, not a stack overflow', () => {
    expect(parseExpression('not '.repeat(20_000) + 'x').diagnostics.map((d) => d.code)).toEqual(['MAPC1008'])
    expect(parseMap(`destination d { title ${'if a then '.repeat(20_000)}1 }`, 'f.map').diagnostics.map((d) => d.code)).toContain('MAPC1008')
    expect(parseTrigger('! '.repeat(20_000) + 'type = "x"').diagnostics.map((d) => d.code)).toEqual(['MAPC1008'])
  })

  test('unterminated string, template and block comment are reported at their opening', () => {
    const text = 'destination d {\n  title "abc\n  slug `x{y}\n  description "ok" /* never closed\n}\n'
    const { diagnostics } = parseMap(text, 'f.map')
    // The comment runs to the end of the file: the destination it swallowed the `}` of is not
    // reported as unclosed on its own account.
    expect(diagnostics.map(where)).toEqual(['2:9 MAPC1002', '3:8 MAPC1005', '4:20 MAPC1006'])
  })

  test('NUL bytes and other control characters are unexpected characters, shown by code point', () => {
    const { diagnostics } = parseMap('destination d {\n  title "x" \u0000\u0001\n}', 'f.map')
    expect(diagnostics.map((d) => `${where(d)} ${d.message}`)).toEqual(['2:13 MAPC1001 unexpected characters U+0000 U+0001'])
    expect(diagnostics[0]?.hint).toBe('the text contains NUL characters: is this a binary file?')
  })

  test('lone surrogates: in a string they are data, outside one an unexpected character', () => {
    const { ast, diagnostics } = parseMap('destination d {\n  title "\ud800"\n  \udc00\n}', 'f.map')
    expect(diagnostics.map((d) => `${where(d)} ${d.message}`)).toEqual(['3:3 MAPC1001 unexpected character U+DC00'])
    const title = ast.destinations[0]?.members[0]
    expect(title?.kind === 'Attribute' ? title.values[0] : undefined).toMatchObject({ kind: 'String', value: '\ud800' })
  })

  test('CRLF line endings keep lines and columns right', () => {
    const lf = 'destination d {\n  title "x"\n  slug 007\n}\n'
    const crlf = lf.replace(/\n/g, '\r\n')
    expect(parseMap(crlf, 'f.map').diagnostics.map(where)).toEqual(['3:8 MAPC1007'])
    expect(parseMap(lf, 'f.map').diagnostics.map(where)).toEqual(['3:8 MAPC1007'])
    const title = parseMap(crlf, 'f.map').ast.destinations[0]?.members[0]
    expect(title?.span).toMatchObject({ start: { offset: 19, line: 2, column: 3 }, end: { line: 2, column: 12 } })
  })

  test('tabs count as one column each', () => {
    const text = 'destination d {\n\t\ttitle 007\n}\n'
    expect(parseMap(text, 'f.map').diagnostics.map(where)).toEqual(['2:9 MAPC1007'])
  })

  test('characters outside the BMP count as two UTF-16 columns, as spans are in UTF-16 units', () => {
    const text = 'destination d {\n  title "😀" 007\n}\n'
    const { diagnostics } = parseMap(text, 'f.map')
    expect(diagnostics.map(where)).toEqual(['2:14 MAPC1007'])
    expect(sliceOf(text, diagnostics[0]!.span)).toBe('007')
  })
})

/** Pieces of the language, glued at random: token soups the parser must survive. */
const pieces = [
  ...keywords,
  '{', '}', '(', ')', '[', ']', ',', ':', '.', '...', '=', '==', '!=', '??', '+', '->', '$', '!', '<', '<=', '>', '>=',
  '"str"', '"unclosed', "'single'", '`t{', '}t`', '`plain`', '1', '-2.5e3', '007', 'name', 'date-time', '//c\n', '/*c*/', '/*',
  '\n', ' ', '\t', '#', '@', '\u0000', '\ud800', 'é'
]

describe('fuzzing: the parser always answers', () => {
  test('random token soups never make the parser throw', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), fc.constantFrom('map', 'expression', 'trigger'), (soup, entry) => {
        const text = soup.join(' ')
        const result = entry === 'map' ? parseMap(text, 'soup.map') : entry === 'expression' ? parseExpression(text) : parseTrigger(text)
        for (const d of result.diagnostics) {
          expect(d.span.start.offset).toBeGreaterThanOrEqual(0)
          expect(d.span.end.offset).toBeLessThanOrEqual(text.length)
          expect(d.message).not.toMatch(/mapc-expectation|NOT_APPLICABLE|undefined/)
        }
      }),
      { numRuns: 1000 }
    )
  })

  test('random edits of the real .map files never make the parser throw', () => {
    const edit = fc.record({
      file: fc.integer({ min: 0, max: realFiles.length - 1 }),
      at: fc.nat(),
      remove: fc.nat({ max: 40 }),
      insert: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...pieces), fc.string({ unit: 'binary', maxLength: 4 }))
    })
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        let text = realFiles[edits[0]?.file ?? 0] as string
        for (const e of edits) {
          const at = e.at % (text.length + 1)
          text = text.slice(0, at) + e.insert + text.slice(at + e.remove)
        }
        const { ast, diagnostics } = parseMap(text, 'mutated.map')
        expect(ast.kind).toBe('File')
        for (const d of diagnostics) expect(d.span.end.offset).toBeLessThanOrEqual(text.length)
      }),
      { numRuns: 1000 }
    )
    // 1,000 parses of the real files take 15–20 s on a loaded 2-core machine.
  }, 120_000)
})
