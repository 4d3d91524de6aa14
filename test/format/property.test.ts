import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { formatMapFile, formatSource } from '../../src/compiler/format/format.js'
import { parseExpression, parseMap } from '../../src/compiler/syntax/parse.js'
import { withoutSpans } from '../syntax/helpers.js'
import { expression, mapFile } from './arbitraries.js'

const MAPPINGS = new URL('../../mappings/', import.meta.url)
const realFiles = ['attio', 'schematic', 'matilda'].map((name) => readFileSync(new URL(`${name}.map`, MAPPINGS), 'utf8'))

function formatted(text: string): string {
  const result = formatSource(text, 'p.map')
  if ('diagnostics' in result) throw new Error(`formatted output does not parse: ${result.diagnostics.map((d) => d.message).join('; ')}\n${text}`)
  return result.text
}

describe('formatter properties', () => {
  test('parse(format(ast)) is the AST again, for generated files', () => {
    fc.assert(
      fc.property(mapFile, (ast) => {
        const text = formatMapFile(ast)
        const { ast: parsed, diagnostics } = parseMap(text, 'gen.map')
        expect(diagnostics).toEqual([])
        expect(withoutSpans(parsed)).toEqual(withoutSpans(ast))
      }),
      { numRuns: 1000 }
    )
  })

  test('formatting is idempotent on generated files', () => {
    fc.assert(
      fc.property(mapFile, (ast) => {
        const once = formatMapFile(ast)
        expect(formatted(once)).toBe(once)
      }),
      { numRuns: 1000 }
    )
  })

  test('deep expressions round-trip through the formatter', () => {
    fc.assert(
      fc.property(expression(4), (expr) => {
        const file = parseMap(`destination d { title 1 }`, 'e.map').ast
        const destination = file.destinations[0]
        const title = destination?.members[0]
        if (title?.kind !== 'Attribute') throw new Error('setup')
        title.values = [expr]
        const text = formatMapFile(file)
        const reparsed = parseMap(text, 'e.map')
        expect(reparsed.diagnostics).toEqual([])
        const value = reparsed.ast.destinations[0]?.members[0]
        expect(withoutSpans(value?.kind === 'Attribute' ? value.values[0] : undefined)).toEqual(withoutSpans(expr))
        // The runtime's entry point reads the same text the same way.
        const inner = text.slice(text.indexOf('title ') + 6, text.lastIndexOf('\n}'))
        expect(withoutSpans(parseExpression(inner).expr)).toEqual(withoutSpans(expr))
      }),
      { numRuns: 1000 }
    )
  })

  test('comments added anywhere between lines of the real files are kept, and the result is stable', () => {
    const insertion = fc.record({ file: fc.integer({ min: 0, max: 2 }), lines: fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), block: fc.boolean() })
    fc.assert(
      fc.property(insertion, ({ file, lines, block }) => {
        const source = (realFiles[file] as string).split('\n')
        lines.forEach((at, i) => {
          const index = at % source.length
          source.splice(index, 0, block ? `/* note ${i} */` : `// note ${i}`)
        })
        const text = source.join('\n')
        const once = formatted(text)
        expect(formatted(once)).toBe(once)
        const before = parseMap(text, 'c.map').ast
        const after = parseMap(once, 'c.map').ast
        expect(after.comments.map((c) => c.text)).toEqual(before.comments.map((c) => c.text))
        expect(withoutSpans(after.destinations)).toEqual(withoutSpans(before.destinations))
      }),
      { numRuns: 200 }
    )
  })
})
