/**
 * The checker never throws, whatever the parser recovered from: damaged copies of the real
 * destinations are parsed and checked, and every diagnostic must point inside the file.
 */
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkMapFile } from '../../src/compiler/check/destination.js'
import { parseMap } from '../../src/compiler/syntax/parse.js'
import { testCheckOptions } from './support/check-text.js'

const sources = ['attio', 'matilda', 'schematic'].map((name) => readFileSync(`mappings/${name}.map`, 'utf8'))

/** Pieces of the language, so damage looks like a real mistake rather than noise. */
const fragments = ['{', '}', '(', ')', '[', ']', ',', '"', '`', '$.', '$', '.', '??', '+', '=', '->', 'field', 'batch', 'for', 'in', 'if', 'then', 'let', 'upsert', 'send', 'x', 'settings.', 'auth.', 'type = "track"', '\n']

/** Replace `remove` characters at a fraction `at` of the way through the text with `insert`. */
type Edit = { at: number; remove: number; insert: string }

const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  remove: fc.nat({ max: 12 }),
  insert: fc.oneof(fc.constant(''), fc.constantFrom(...fragments))
})

function damage(text: string, edits: readonly Edit[]): string {
  let out = text
  for (const e of edits) {
    const at = Math.floor(e.at * out.length)
    out = out.slice(0, at) + e.insert + out.slice(at + e.remove)
  }
  return out
}

describe('checkMapFile on damaged input', () => {
  it('reports problems instead of throwing', () => {
    fc.assert(
      fc.property(fc.nat({ max: sources.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 4 }), (index, edits) => {
        const text = damage(sources[index] as string, edits)
        const { ast } = parseMap(text, 'damaged.map')
        const { diagnostics } = checkMapFile(ast, testCheckOptions)
        for (const d of diagnostics) {
          expect(d.span.start.offset).toBeGreaterThanOrEqual(0)
          expect(d.span.end.offset).toBeLessThanOrEqual(text.length)
          expect(d.message.length).toBeGreaterThan(0)
        }
      }),
      { numRuns: 100, seed: 1234 }
    )
  })
})
