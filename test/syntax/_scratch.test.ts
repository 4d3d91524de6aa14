import { test, expect } from "vitest"
import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { formatSource } from '../../src/compiler/format/format.js'
import { parseMap } from '../../src/compiler/syntax/parse.js'
import { lex } from '../../src/compiler/syntax/lexer.js'
import { LineIndex } from '../../src/compiler/syntax/line-index.js'
import { withoutSpans } from './helpers.js'
const files = ['attio', 'schematic', 'matilda'].map((n) => readFileSync(`/work/main/mappings/${n}.map`, 'utf8'))
const bounds = files.map((t) => lex(new LineIndex(t, 'x')).tokens.map((tk) => tk.startOffset))
test("scratch", () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: 2 }), fc.array(fc.tuple(fc.nat(), fc.boolean()), { minLength: 1, maxLength: 4 }), (f, picks) => {
    let text = files[f]!
    const offsets = [...new Set(picks.map(([p, b]) => [bounds[f]![p % bounds[f]!.length]!, b] as const).map(x => JSON.stringify(x)))].map(x => JSON.parse(x) as [number, boolean]).sort((a, b) => b[0] - a[0])
    offsets.forEach(([o, lineComment], i) => { text = text.slice(0, o) + (lineComment ? `// c${i}\n` : `/* c${i} */ `) + text.slice(o) })
    const once: any = formatSource(text, 'x')
    fc.pre('text' in once)
    const twice: any = formatSource(once.text, 'x')
    expect(parseMap(once.text, 'x').ast.comments.map(c => c.text).sort()).toEqual(parseMap(text, 'x').ast.comments.map(c => c.text).sort())
    expect(withoutSpans(parseMap(once.text, 'x').ast.destinations)).toEqual(withoutSpans(parseMap(text, 'x').ast.destinations))
    const thrice: any = formatSource(twice.text, 'x')
    expect(thrice.text).toBe(twice.text)
  }), { numRuns: 3000 })
})
