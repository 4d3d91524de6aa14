/**
 * Re-parsing one member after an edit gives exactly what a full parse gives: the same tree
 * (spans included) and the same diagnostics, for random edits of the real destinations, one at
 * a time and chained (each re-parse built on the last).
 */
import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { parseMap } from '../../src/compiler/syntax/parse.js'
import { reparse, type PreviousParse } from '../../src/language-service/incremental-parse.js'

const FILES = ['mappings/attio.map', 'mappings/matilda.map', 'mappings/schematic.map']
const EDITS = Number(process.env['MAPC_INCREMENTAL_EDITS'] ?? 30)

/** A small seeded generator (mulberry32): the same edits every run. */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const PIECES = ['a', 'x_1', ' ', '\n', '"', '{', '}', '(', ')', ',', '.', '$.traits.', '// note\n', 'field', '1', '`', '/*', '??']

function edit(text: string, next: () => number): string {
  const at = Math.floor(next() * text.length)
  const kind = next()
  if (kind < 0.45) return text.slice(0, at) + (PIECES[Math.floor(next() * PIECES.length)] as string) + text.slice(at)
  if (kind < 0.8) return text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 3))
  return text.slice(0, at) + String.fromCharCode(97 + Math.floor(next() * 26)) + text.slice(at + 1)
}

describe('incremental re-parse', () => {
  test.each(FILES)('%s: single edits agree with a full parse', (file) => {
    const original = readFileSync(file, 'utf8')
    const base = parseMap(original, file)
    const previous: PreviousParse = { text: original, ast: base.ast, diagnostics: base.diagnostics }
    const next = random(17)
    let incremental = 0
    for (let i = 0; i < EDITS; i++) {
      const text = edit(original, next)
      const quick = reparse(previous, text, file)
      if (!quick.incremental) continue
      incremental++
      const full = parseMap(text, file)
      // JSON text: the same tree, key order and spans included (and far quicker to compare).
      expect(JSON.stringify(quick.ast)).toBe(JSON.stringify(full.ast))
      expect(quick.diagnostics).toEqual(full.diagnostics)
    }
    // Most random edits land inside an action and keep it parseable often enough to matter.
    expect(incremental).toBeGreaterThan(0)
  })

  test('a chain of keystrokes, each re-parse built on the one before, ends where a full parse does', () => {
    const file = 'mappings/attio.map'
    let text = readFileSync(file, 'utf8')
    const parsed = parseMap(text, file)
    let previous: PreviousParse = { text, ast: parsed.ast, diagnostics: parsed.diagnostics }
    let incremental = 0
    const at = text.indexOf('description "', text.indexOf('action groupWorkspace')) + 'description "'.length
    const atLater = text.indexOf('label "', text.indexOf('action assertRecord')) + 'label "'.length
    for (let i = 0; i < 30; i++) {
      // Type in one action, then in a later one, then a line break: lines move.
      const offset = i % 3 === 0 ? at : i % 3 === 1 ? atLater + i : at + 1
      const piece = i % 5 === 4 ? '\n' : 'k'
      text = text.slice(0, offset) + (piece === '\n' ? ' ' : piece) + text.slice(offset)
      const result = reparse(previous, text, file)
      if (result.incremental) incremental++
      previous = { text, ast: result.ast, diagnostics: result.diagnostics }
    }
    const full = parseMap(text, file)
    expect(JSON.stringify(previous.ast)).toBe(JSON.stringify(full.ast))
    expect(previous.diagnostics).toEqual(full.diagnostics)
    expect(incremental).toBe(30)
  })

  test('an edit that breaks the member, or falls between members, parses the whole file', () => {
    const file = 'mappings/schematic.map'
    const text = readFileSync(file, 'utf8')
    const parsed = parseMap(text, file)
    const previous: PreviousParse = { text, ast: parsed.ast, diagnostics: parsed.diagnostics }
    const inside = text.indexOf('perform {') + 'perform {'.length
    const broken = text.slice(0, inside) + ' { ' + text.slice(inside)
    expect(reparse(previous, broken, file).incremental).toBe(false)
    const between = text.indexOf('\n\n  action') + 1
    expect(reparse(previous, text.slice(0, between) + '  // between\n' + text.slice(between), file).incremental).toBe(false)
  })
})
