/**
 * A path the user named that cannot be read or written is the user's problem, not a bug: the real
 * `mapc` binary exits 1 (2 for a named input it cannot even look at) with one line that names the
 * path and the reason, and never "internal error" with exit 70. Permission cases run the binary
 * as an unprivileged user (uid 65534) when the tests run as root, since root reads everything.
 */
import { spawnSync } from 'node:child_process'
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import type { CliIo } from '../../src/cli/io.js'
import { main } from '../../src/cli/main.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const BIN = join(ROOT, 'bin/mapc.js')
const ATTIO = join(ROOT, 'mappings/attio.map')
const asRoot = process.getuid?.() === 0

function mapc(args: string[], unprivileged = false): { status: number | null; stdout: string; stderr: string } {
  expect(existsSync(join(ROOT, 'dist/src/cli/main.js')), 'dist/ is built (npm run build)').toBe(true)
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    cwd: ROOT,
    ...(unprivileged && asRoot ? { uid: 65534, gid: 65534 } : {})
  })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** A directory everyone can enter, so that the unprivileged user meets only the permission under test. */
function openDirectory(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mapc-fs-errors-'))
  chmodSync(dir, 0o755)
  return dir
}

describe('mapc and paths it cannot use', () => {
  test('build --out under /dev/null (ENOTDIR) exits 1 naming the path', () => {
    const result = mapc(['build', ATTIO, '--out', '/dev/null/x'])
    expect(result.status).toBe(1)
    expect(result.stderr).toBe('mapc build: cannot access /dev/null/x/attio: a part of the path is not a directory (ENOTDIR)\n')
    expect(result.stderr).not.toMatch(/internal error/)
  })

  test('docs --out that is a file exits 1', () => {
    const dir = openDirectory()
    const file = join(dir, 'not-a-directory')
    writeFileSync(file, '')
    const result = mapc(['docs', ATTIO, '--out', file])
    expect(result.status).toBe(1)
    expect(result.stderr).toBe(`mapc docs: cannot create the directory ${file}: a file that is not a directory is in the way (EEXIST)\n`)
  })

  test('docs whose output file is a directory (EISDIR) exits 1', () => {
    const dir = openDirectory()
    mkdirSync(join(dir, 'attio.md'))
    const result = mapc(['docs', ATTIO, '--out', dir])
    expect(result.status).toBe(1)
    expect(result.stderr).toBe(`mapc docs: cannot open ${join(dir, 'attio.md')}: is a directory, not a file (EISDIR)\n`)
  })

  test('build into a directory without write permission (EACCES) exits 1', () => {
    const dir = openDirectory()
    const out = join(dir, 'read-only')
    mkdirSync(out)
    chmodSync(out, 0o555)
    const result = mapc(['build', ATTIO, '--out', out], true)
    expect(result.status).toBe(1)
    expect(result.stderr).toBe(`mapc build: cannot create the directory ${join(out, 'attio')}: permission denied (EACCES)\n`)
  })

  test('an input file without read permission is MAPC5001 with the path, exit 1', () => {
    const dir = openDirectory()
    const input = join(dir, 'attio.map')
    copyFileSync(ATTIO, input)
    chmodSync(input, 0o000)
    const result = mapc(['check', input], true)
    expect(result.status).toBe(1)
    expect(result.stdout).toContain(`${input}:1:1: error MAPC5001: permission denied: ${input}`)
  })

  test('an input directory that cannot be listed exits 1 naming it', () => {
    const dir = openDirectory()
    const inputs = join(dir, 'hidden')
    mkdirSync(inputs)
    chmodSync(inputs, 0o311)
    const result = mapc(['check', inputs], true)
    expect(result.status).toBe(1)
    expect(result.stderr).toBe(`mapc check: cannot list the directory ${inputs}: permission denied (EACCES)\n`)
  })

  test('an input inside a directory that cannot be entered is MAPC5001, exit 2', () => {
    const dir = openDirectory()
    const locked = join(dir, 'locked')
    mkdirSync(locked)
    writeFileSync(join(locked, 'a.map'), 'destination a { title "a" }\n')
    chmodSync(locked, 0o700)
    const result = mapc(['check', join(locked, 'a.map')], true)
    expect(result.status).toBe(2)
    expect(result.stderr.split('\n')[0]).toBe(`mapc check: MAPC5001: cannot access ${join(locked, 'a.map')}: permission denied (EACCES)`)
  })

  test('a bug is still exit 70: a system error that names no file keeps the internal-error line', async () => {
    // A broken stdout pipe is no path the user named; it must not pass for a file problem.
    let stderr = ''
    const io: CliIo = {
      stdout: () => {
        throw Object.assign(new Error('write EPIPE'), { code: 'EPIPE', syscall: 'write' })
      },
      stderr: (text) => void (stderr += text),
      env: {}
    }
    expect(await main(['check', join(ROOT, 'mappings'), '--format', 'json'], io)).toBe(70)
    expect(stderr).toBe('mapc: internal error: write EPIPE\n')
  })
})
