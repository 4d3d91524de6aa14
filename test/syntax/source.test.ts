import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { decodeSource, firstInvalidUtf8, readSourceFile } from '../../src/compiler/syntax/source.js'
import { where } from './helpers.js'

const directory = mkdtempSync(join(tmpdir(), 'mapc-source-'))
function file(name: string, bytes: number[] | string): string {
  const path = join(directory, name)
  writeFileSync(path, typeof bytes === 'string' ? bytes : Uint8Array.from(bytes))
  return path
}

describe('readSourceFile', () => {
  test('UTF-8 text is returned as is', async () => {
    expect(await readSourceFile(file('ok.map', 'destination é {}'))).toEqual({ text: 'destination é {}' })
  })

  test('a UTF-8 byte order mark is dropped', async () => {
    expect(await readSourceFile(file('bom.map', [0xef, 0xbb, 0xbf, 0x61]))).toEqual({ text: 'a' })
  })

  const refused: [string, number[], string, string][] = [
    ['UTF-16 LE', [0xff, 0xfe, 0x61, 0x00], 'MAPC5003', 'the file is UTF-16 (little-endian); save it as UTF-8'],
    ['UTF-16 BE', [0xfe, 0xff, 0x00, 0x61], 'MAPC5003', 'the file is UTF-16 (big-endian); save it as UTF-8'],
    ['UTF-32 LE', [0xff, 0xfe, 0x00, 0x00, 0x61, 0, 0, 0], 'MAPC5003', 'the file is UTF-32 (little-endian); save it as UTF-8'],
    ['UTF-32 BE', [0x00, 0x00, 0xfe, 0xff, 0, 0, 0, 0x61], 'MAPC5003', 'the file is UTF-32 (big-endian); save it as UTF-8'],
    ['binary', [0x61, 0x0a, 0x62, 0x00, 0x63], 'MAPC5004', 'the file contains NUL bytes: it looks binary, not a .map text file'],
    ['invalid UTF-8', [0x61, 0x0a, 0x62, 0xc3, 0x28], 'MAPC5002', 'the file is not valid UTF-8 (byte 0xc3 at offset 3)']
  ]
  test.each(refused)('%s is refused with a diagnostic', async (name, bytes, code, message) => {
    const result = await readSourceFile(file(`${name}.map`, bytes))
    if (!('diagnostic' in result)) throw new Error('expected a diagnostic')
    expect(result.diagnostic.code).toBe(code)
    expect(result.diagnostic.message).toBe(message)
  })

  test('an invalid byte is located by line and column', async () => {
    const result = await readSourceFile(file('bad.map', [0x61, 0x0a, 0x62, 0x62, 0xff]))
    if (!('diagnostic' in result)) throw new Error('expected a diagnostic')
    expect(where(result.diagnostic)).toBe('2:3 MAPC5002')
  })

  test('a missing file and a directory are reported, not thrown', async () => {
    const missing = await readSourceFile(join(directory, 'nope.map'))
    expect('diagnostic' in missing && missing.diagnostic.message).toBe(`no such file: ${join(directory, 'nope.map')}`)
    mkdirSync(join(directory, 'dir.map'), { recursive: true })
    const dir = await readSourceFile(join(directory, 'dir.map'))
    expect('diagnostic' in dir && [dir.diagnostic.code, dir.diagnostic.message]).toEqual(['MAPC5001', `${join(directory, 'dir.map')} is a directory, not a file`])
  })
})

describe('UTF-8 validation', () => {
  const cases: [string, number[], number][] = [
    ['ASCII', [0x61, 0x62], -1],
    ['two-byte', [0xc3, 0xa9], -1],
    ['four-byte emoji', [0xf0, 0x9f, 0x98, 0x80], -1],
    ['overlong slash', [0xc0, 0xaf], 0],
    ['encoded surrogate', [0xed, 0xa0, 0x80], 0],
    ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['truncated sequence', [0x61, 0xe2, 0x82], 1],
    ['lone continuation byte', [0x61, 0x80], 1]
  ]
  test.each(cases)('%s', (_name, bytes, expected) => {
    expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(expected)
  })

  test('decodeSource agrees with the platform decoder on valid input', () => {
    const text = 'destination ünïcødé 😀 {}\n'
    expect(decodeSource(new TextEncoder().encode(text), 'x.map')).toEqual({ text })
  })
})
