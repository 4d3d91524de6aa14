/**
 * Reading a `.map` file from disk. The parser takes text; this is where bytes become text, and
 * where a file that is not UTF-8 text is refused with a diagnostic that says what it is instead:
 * UTF-16 or UTF-32 (by their byte order marks), binary (NUL bytes), or malformed UTF-8 (with
 * the line and column of the first bad byte). A UTF-8 byte order mark is dropped.
 */
import { readFile } from 'node:fs/promises'
import type { Span } from './ast.js'
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js'
import { LineIndex } from './line-index.js'

export type SourceFile = { text: string } | { diagnostic: Diagnostic }

export async function readSourceFile(path: string): Promise<SourceFile> {
  let bytes: Uint8Array
  try {
    bytes = await readFile(path)
  } catch (error) {
    return { diagnostic: diagnostic('MAPC5001', startOfFile(path), unreadableMessage(path, error)) }
  }
  return decodeSource(bytes, path)
}

/** Bytes → text, or the diagnostic that says why they are not a UTF-8 text file. */
export function decodeSource(bytes: Uint8Array, path: string): SourceFile {
  const wideEncoding = detectWideEncoding(bytes)
  if (wideEncoding !== undefined) {
    return {
      diagnostic: diagnostic('MAPC5003', startOfFile(path), `the file is ${wideEncoding}; save it as UTF-8`, {
        hint: 'mapc reads UTF-8 text only'
      })
    }
  }
  const nul = bytes.indexOf(0)
  if (nul >= 0) {
    return {
      diagnostic: diagnostic('MAPC5004', spanAtByte(bytes, nul, path), 'the file contains NUL bytes: it looks binary, not a .map text file')
    }
  }
  const invalid = firstInvalidUtf8(bytes)
  if (invalid >= 0) {
    return {
      diagnostic: diagnostic('MAPC5002', spanAtByte(bytes, invalid, path), `the file is not valid UTF-8 (byte 0x${(bytes[invalid] ?? 0).toString(16).padStart(2, '0')} at offset ${invalid})`, {
        hint: 'save the file as UTF-8'
      })
    }
  }
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
  return { text: new TextDecoder('utf-8').decode(hasBom ? bytes.subarray(3) : bytes) }
}

function detectWideEncoding(bytes: Uint8Array): string | undefined {
  const [b0, b1, b2, b3] = [bytes[0], bytes[1], bytes[2], bytes[3]]
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) return 'UTF-32 (little-endian)'
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return 'UTF-32 (big-endian)'
  if (b0 === 0xff && b1 === 0xfe) return 'UTF-16 (little-endian)'
  if (b0 === 0xfe && b1 === 0xff) return 'UTF-16 (big-endian)'
  return undefined
}

/**
 * Index of the first byte that does not start or continue a well-formed UTF-8 sequence
 * (overlong forms, surrogates and code points above U+10FFFF are malformed), or -1.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i] as number
    if (b < 0x80) {
      i++
      continue
    }
    let length: number
    let min: number
    if (b >= 0xc2 && b <= 0xdf) [length, min] = [2, 0x80]
    else if (b >= 0xe0 && b <= 0xef) [length, min] = [3, 0x800]
    else if (b >= 0xf0 && b <= 0xf4) [length, min] = [4, 0x10000]
    else return i
    let codePoint = b & (0xff >> (length + 1))
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k]
      if (next === undefined || (next & 0xc0) !== 0x80) return i
      codePoint = (codePoint << 6) | (next & 0x3f)
    }
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return i
    i += length
  }
  return -1
}

function startOfFile(file: string): Span {
  return { file, start: { offset: 0, line: 1, column: 1 }, end: { offset: 0, line: 1, column: 1 } }
}

/** The line and column of a byte, counted in the valid text before it. */
function spanAtByte(bytes: Uint8Array, byte: number, file: string): Span {
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, byte))
  const lines = new LineIndex(before, file)
  const at = before.length
  return lines.span(at, at)
}

function unreadableMessage(path: string, error: unknown): string {
  const code = (error as { code?: string }).code
  switch (code) {
    case 'ENOENT':
      return `no such file: ${path}`
    case 'EISDIR':
      return `${path} is a directory, not a file`
    case 'EACCES':
    case 'EPERM':
      return `permission denied: ${path}`
    default:
      return `cannot read ${path}: ${(error as Error).message ?? String(error)}`
  }
}
