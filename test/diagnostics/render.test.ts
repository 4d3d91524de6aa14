import { describe, expect, test } from 'vitest'
import { diagnostic } from '../../src/compiler/diagnostics/diagnostic.js'
import { MAX_FRAME_WIDTH, renderDiagnostics, summarize } from '../../src/compiler/diagnostics/render.js'
import { renderDiagnosticsJson, toJsonDiagnostic } from '../../src/compiler/diagnostics/render-json.js'
import { LineIndex } from '../../src/compiler/syntax/line-index.js'
import { parseMap } from '../../src/compiler/syntax/parse.js'

const source = [
  'destination d {',
  '  action identifyUser {',
  '    feild email: string { label "E" }',
  '  }',
  '}',
  ''
].join('\n')
const sources = (file: string) => (file === 'a.map' ? source : undefined)

describe('text rendering', () => {
  test('header, code frame with carets, hint and a related note on the same line, framed once', () => {
    const { diagnostics } = parseMap(source, 'a.map')
    expect(renderDiagnostics(diagnostics, sources)).toBe(
      [
        'a.map:3:5: error MAPC1010: unknown member `feild` in the action `identifyUser`',
        '  |',
        '3 |     feild email: string { label "E" }',
        '  |     ^^^^^',
        '  = hint: did you mean `field`?',
        // The note is on the line framed above: named, not framed a second time.
        'note: a.map:3:16: read as an attribute, it is followed by `:`',
        ''
      ].join('\n')
    )
  })

  test('a note on another line gets a frame of its own', () => {
    const lines = new LineIndex(source, 'a.map')
    const second = source.indexOf('feild')
    const first = source.indexOf('action')
    const d = diagnostic('MAPC2002', lines.span(second, second + 5), 'declared twice', {
      related: [{ span: lines.span(first, first + 6), message: 'first here' }]
    })
    const text = renderDiagnostics([d], sources)
    expect(text.split('\n').filter((l) => l.startsWith('3 |'))).toHaveLength(1)
    expect(text.split('\n').filter((l) => l.startsWith('2 |'))).toHaveLength(1)
    expect(text).toContain('note: a.map:2:3: first here')
  })

  test('a span over several lines underlines each line from its first character', () => {
    const lines = new LineIndex(source, 'a.map')
    const d = diagnostic('MAPC1010', lines.span(source.indexOf('action'), source.indexOf('  }\n}') + 3), 'the whole action')
    expect(renderDiagnostics([d], sources)).toBe(
      [
        'a.map:2:3: error MAPC1010: the whole action',
        '  |',
        '2 |   action identifyUser {',
        '  |   ^^^^^^^^^^^^^^^^^^^^^',
        '3 |     feild email: string { label "E" }',
        '  |     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
        '4 |   }',
        '  |   ^',
        ''
      ].join('\n')
    )
  })

  test('a span longer than four lines shows its first and last line', () => {
    const text = Array.from({ length: 12 }, (_, i) => `line ${i + 1}`).join('\n')
    const lines = new LineIndex(text, 'long.map')
    const d = diagnostic('MAPC1010', lines.span(0, text.length), 'long')
    expect(renderDiagnostics([d], () => text)).toBe(
      ['long.map:1:1: error MAPC1010: long', '   |', ' 1 | line 1', '   | ^^^^^^', '...', '12 | line 12', '   | ^^^^^^^', ''].join('\n')
    )
  })

  test('carets stay aligned after tabs and characters outside the BMP', () => {
    const text = '\t\ttitle "😀" 007\n'
    const lines = new LineIndex(text, 't.map')
    const at = text.indexOf('007')
    const d = diagnostic('MAPC1007', lines.span(at, at + 3), 'numbers cannot have leading zeros')
    expect(renderDiagnostics([d], () => text)).toBe(
      ['t.map:1:14: error MAPC1007: numbers cannot have leading zeros', '  |', '1 | \t\ttitle "😀" 007', '  | \t\t          ^^^', ''].join('\n')
    )
  })

  test('an empty span at the end of a line gets one caret after the last character', () => {
    const text = 'destination d {'
    const lines = new LineIndex(text, 'e.map')
    const d = diagnostic('MAPC1011', lines.span(15, 15), 'expected `}`')
    expect(renderDiagnostics([d], () => text)).toBe(['e.map:1:16: error MAPC1011: expected `}`', '  |', '1 | destination d {', '  |                ^', ''].join('\n'))
  })

  test('control characters in a shown line are replaced, so the terminal is not garbled', () => {
    const text = 'a\u0000\u001b[31mb'
    const d = diagnostic('MAPC1001', new LineIndex(text, 'c.map').span(1, 2), 'unexpected character U+0000')
    expect(renderDiagnostics([d], () => text).split('\n')[2]).toBe('1 | a\ufffd\ufffd[31mb')
  })

  test('without the source text, only the header line is printed', () => {
    const d = diagnostic('MAPC5001', { file: 'gone.map', start: { offset: 0, line: 1, column: 1 }, end: { offset: 0, line: 1, column: 1 } }, 'no such file: gone.map')
    expect(renderDiagnostics([d], () => undefined)).toBe('gone.map:1:1: error MAPC5001: no such file: gone.map\n')
  })

  test('colour is added only when asked for', () => {
    const { diagnostics } = parseMap(source, 'a.map')
    expect(renderDiagnostics(diagnostics, sources)).not.toContain('\u001b[')
    const coloured = renderDiagnostics(diagnostics, sources, { color: true })
    expect(coloured).toContain('\u001b[31merror MAPC1010\u001b[0m')
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(renderDiagnostics(diagnostics, sources))
  })

  test('the summary counts errors, warnings and files', () => {
    const { diagnostics } = parseMap(source, 'a.map')
    const warning = diagnostic('MAPC1010', diagnostics[0]!.span, 'w', { severity: 'warning' })
    expect(summarize(diagnostics, 1)).toBe('1 error, 0 warnings in 1 file')
    expect(summarize([...diagnostics, warning, warning], 3)).toBe('1 error, 2 warnings in 3 files')
    expect(summarize([], 0)).toBe('0 errors, 0 warnings in 0 files')
  })
})

describe('JSON rendering', () => {
  test('one flat record per diagnostic, with related spans', () => {
    const { diagnostics } = parseMap(source, 'a.map')
    expect(diagnostics.map(toJsonDiagnostic)).toEqual([
      {
        file: 'a.map',
        line: 3,
        column: 5,
        endLine: 3,
        endColumn: 10,
        severity: 'error',
        code: 'MAPC1010',
        message: 'unknown member `feild` in the action `identifyUser`',
        hint: 'did you mean `field`?',
        related: [{ file: 'a.map', line: 3, column: 16, endLine: 3, endColumn: 17, message: 'read as an attribute, it is followed by `:`' }]
      }
    ])
  })

  test('the output is one JSON array, and optional keys are absent rather than null', () => {
    const d = diagnostic('MAPC1007', new LineIndex('007', 'n.map').span(0, 3), 'numbers cannot have leading zeros')
    const text = renderDiagnosticsJson([d])
    expect(JSON.parse(text)).toEqual([
      { file: 'n.map', line: 1, column: 1, endLine: 1, endColumn: 4, severity: 'error', code: 'MAPC1007', message: 'numbers cannot have leading zeros' }
    ])
    expect(text.endsWith('\n')).toBe(true)
    expect(renderDiagnosticsJson([])).toBe('[]\n')
  })
})

describe('a code frame on a very long line', () => {
  const long = `destination d {\n  title "${'a'.repeat(20_000)}" = 1\n}\n`
  const longSources = (file: string) => (file === 'long.map' ? long : undefined)

  test('is clipped around the column: both lines bounded, the caret under the character it names', () => {
    const { diagnostics } = parseMap(long, 'long.map')
    expect(diagnostics.map((d) => d.code)).toEqual(['MAPC1010'])
    const lines = renderDiagnostics(diagnostics, longSources).split('\n')
    expect(lines[0]).toBe('long.map:2:20012: error MAPC1010: unexpected `=` in the destination `d`; expected a member: an attribute such as `title "…"`, or `setting`, `auth`, `upsert`, `shape`, `preset`, `action`')
    for (const line of lines.filter((l) => /^ *\d* \|/.test(l))) expect(line.length).toBeLessThanOrEqual(MAX_FRAME_WIDTH + 8)
    const source = lines[2] as string
    const carets = lines[3] as string
    expect(source).toBe(`2 | …${'a'.repeat(38)}" = 1`)
    expect(carets).toBe(`  |${' '.repeat(source.indexOf('=') - 3)}^`)
  })

  test('a long span is underlined up to the cut, and a cut at the end is marked', () => {
    const text = `${'b'.repeat(100)}${'c'.repeat(5_000)}${'d'.repeat(100)}`
    const lines = new LineIndex(text, 'x.map')
    const d = diagnostic('MAPC1010', lines.span(100, 5_100), 'the c run')
    const frame = renderDiagnostics([d], (f) => (f === 'x.map' ? text : undefined)).split('\n')
    expect(frame[2]).toBe(`1 | …${'b'.repeat(40)}${'c'.repeat(MAX_FRAME_WIDTH - 40)}…`)
    expect(frame[3]).toBe(`  | ${' '.repeat(41)}${'^'.repeat(MAX_FRAME_WIDTH - 40)}`)
  })

  test('never splits a surrogate pair at a cut', () => {
    const text = `${'😀'.repeat(200)}x`
    const lines = new LineIndex(text, 'e.map')
    const at = text.indexOf('x')
    const frame = renderDiagnostics([diagnostic('MAPC1010', lines.span(at, at + 1), 'x')], (f) => (f === 'e.map' ? text : undefined)).split('\n')
    expect(frame[2]).toMatch(/^1 \| …(😀)+x$/u)
    expect(frame[3]).toBe(`  | ${' '.repeat(1 + (frame[2] as string).slice(5, -1).length / 2)}^`)
  })
})
