import { describe, expect, test } from 'vitest'
import { ndjsonLines } from '../../src/run/ndjson-lines.js'
import { sourceItems } from '../../src/run/source.js'

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const item of items) out.push(item)
  return out
}

async function* chunks(...parts: (string | Buffer)[]): AsyncGenerator<Buffer> {
  for (const part of parts) yield typeof part === 'string' ? Buffer.from(part) : part
}

describe('ndjsonLines', () => {
  test('lines split across chunks, CRLF, a BOM and a last line without a newline', async () => {
    const lines = await collect(ndjsonLines(chunks('\uFEFF{"a"', ':1}\r\n{"b":2}\n', '\n{"c"', ':3}'), 1024))
    expect(lines.map((l) => (l.kind === 'text' ? [l.line, l.text] : l.kind))).toEqual([
      [1, '{"a":1}'],
      [2, '{"b":2}'],
      [3, ''],
      [4, '{"c":3}']
    ])
    expect(lines.map((l) => l.bytesEnd)).toEqual([12, 20, 21, 28])
  })

  test('a line over the limit is reported with its size and first bytes, and the next line is read as usual', async () => {
    const long = 'x'.repeat(5000)
    const lines = await collect(ndjsonLines(chunks(long.slice(0, 3000), `${long.slice(3000)}\n{"ok":1}\n`), 100))
    expect(lines[0]).toMatchObject({ kind: 'too-long', line: 1, bytes: 5000 })
    expect((lines[0] as { prefix: string }).prefix).toBe('x'.repeat(1024))
    expect(lines[1]).toMatchObject({ kind: 'text', line: 2, text: '{"ok":1}' })
  })

  test('bytes that are not UTF-8 are reported as such, and a character split between chunks is not', async () => {
    const euro = Buffer.from('"€"\n')
    const lines = await collect(ndjsonLines(chunks(Buffer.from([0xff, 0xfe, 0x0a]), euro.subarray(0, 2), euro.subarray(2)), 100))
    expect(lines.map((l) => (l.kind === 'text' ? l.text : l.kind))).toEqual(['not-utf8', '"€"'])
  })
})

describe('sourceItems', () => {
  test('events, blank lines, lines that are not JSON, and dead letters read back for the subscription they failed at', async () => {
    const letter = { mapcDeadLetter: 1, input: 'a.ndjson', line: 9, code: 'AUTHENTICATION', destination: 'matilda', subscription: 'Track', event: { type: 'track', messageId: 'm9' } }
    const malformedLetter = { mapcDeadLetter: 1, input: 'a.ndjson', line: 3, code: 'MALFORMED_LINE', raw: '{"type":"identify"}' }
    const items = await collect(sourceItems(chunks(`{"type":"track"}\n  \nnope\n${JSON.stringify(letter)}\n${JSON.stringify(malformedLetter)}\n`), 1024))
    expect(items.map(({ bytesEnd: _, ...rest }) => rest)).toEqual([
      { kind: 'event', line: 1, event: { type: 'track' } },
      { kind: 'blank', line: 2 },
      { kind: 'malformed', line: 3, code: 'MALFORMED_LINE', reason: expect.stringMatching(/^not JSON: /), raw: 'nope' },
      { kind: 'event', line: 4, event: { type: 'track', messageId: 'm9' }, only: { destination: 'matilda', subscription: 'Track' } },
      { kind: 'event', line: 5, event: { type: 'identify' } }
    ])
  })
})
