import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { formatMapFile, formatSource } from '../../src/compiler/format/format.js'
import { parseExpression, parseMap } from '../../src/compiler/syntax/parse.js'
import { lex } from '../../src/compiler/syntax/lexer.js'
import { LineIndex } from '../../src/compiler/syntax/line-index.js'
import { withoutSpans } from '../syntax/helpers.js'
import { expression, mapFile } from './arbitraries.js'
import { expressionArbitrary, expressionText, type ExpressionScope } from '../../src/testing/expression-arbitrary.js'

/** The well-typed expressions the code generator's differential test evaluates, in both of its scopes. */
const typedScopes: ExpressionScope[] = [
  { event: true, settings: [{ name: 'region', sort: 'string' }, { name: 'enabled', sort: 'boolean' }], fields: [] },
  { event: false, settings: [{ name: 'limit', sort: 'number' }], fields: [{ name: 'email', sort: 'string' }, { name: 'traits', sort: 'object' }, { name: 'tags', sort: 'array' }] }
]
const typedExpression = fc.oneof(...typedScopes.map((scope) => expressionArbitrary('value', scope, { depth: 4 })))

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

  test('well-typed generated expressions round-trip through the formatter, and print stably', () => {
    fc.assert(
      fc.property(typedExpression, (expr) => {
        const text = expressionText(expr)
        const { expr: reparsed, diagnostics } = parseExpression(text)
        expect(diagnostics).toEqual([])
        expect(withoutSpans(reparsed)).toEqual(withoutSpans(expr))
        expect(expressionText(reparsed as typeof expr)).toBe(text)
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

  test('comments between any two tokens are all kept, the meaning too, and a second pass settles', () => {
    const tokenStarts = realFiles.map((text) => lex(new LineIndex(text, 'x.map')).tokens.map((token) => token.startOffset))
    const insertion = fc.record({
      file: fc.integer({ min: 0, max: 2 }),
      at: fc.uniqueArray(fc.nat(), { minLength: 1, maxLength: 4 }),
      line: fc.boolean()
    })
    fc.assert(
      fc.property(insertion, ({ file, at, line }) => {
        const starts = tokenStarts[file] as number[]
        const offsets = [...new Set(at.map((i) => starts[i % starts.length] as number))].sort((a, b) => b - a)
        let text = realFiles[file] as string
        offsets.forEach((offset, i) => {
          text = text.slice(0, offset) + (line ? `// c${i}\n` : `/* c${i} */ `) + text.slice(offset)
        })
        const first = formatSource(text, 'c.map')
        // A `//` comment inside a template's interpolation ends the template: not valid input.
        fc.pre('text' in first)
        const once = 'text' in first ? first.text : ''
        const sorted = (source: string) => parseMap(source, 'c.map').ast.comments.map((c) => c.text).sort()
        expect(sorted(once)).toEqual(sorted(text))
        expect(withoutSpans(parseMap(once, 'c.map').ast.destinations)).toEqual(withoutSpans(parseMap(text, 'c.map').ast.destinations))
        // A comment in an odd place (between a name and its `(`) may move once, then stays.
        const twice = formatted(once)
        expect(formatted(twice)).toBe(twice)
      }),
      { numRuns: 150 }
    )
  })
})
