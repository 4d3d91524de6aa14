import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { main } from '../../src/cli/main.js'
import type { CliIo } from '../../src/cli/io.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const MAPPINGS = join(ROOT, 'mappings')

async function run(argv: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env }
  const code = await main(argv, io)
  return { code, stdout, stderr }
}

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mapc-cli-'))
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true })
    writeFileSync(join(dir, name), content)
  }
  return dir
}

const broken = 'destination d {\n  title "x" = 1\n}\n'

describe('mapc check', () => {
  test('the mappings directory checks clean: exit 0 and a summary on stderr', async () => {
    const result = await run(['check', MAPPINGS])
    expect(result).toEqual({ code: 0, stdout: '', stderr: '0 errors, 0 warnings in 3 files\n' })
  })

  test('errors print as code frames and exit 1', async () => {
    const dir = workspace({ 'bad.map': broken })
    const file = join(dir, 'bad.map')
    const result = await run(['check', file])
    expect(result.code).toBe(1)
    expect(result.stdout).toBe(
      [
        `${file}:2:13: error MAPC1010: unexpected \`=\` in the destination \`d\`; expected a member: an attribute such as \`title "…"\`, or \`setting\`, \`auth\`, \`upsert\`, \`shape\`, \`preset\`, \`action\``,
        '  |',
        '2 |   title "x" = 1',
        '  |             ^',
        '  = hint: compare values with `==`; a single `=` compares only in triggers',
        ''
      ].join('\n')
    )
    expect(result.stderr).toBe('1 error, 0 warnings in 1 file\n')
  })

  test('--format json prints one JSON array on stdout and no summary', async () => {
    const dir = workspace({ 'a.map': broken, 'b.map': 'destination b { title "b" }\n' })
    const result = await run(['check', dir, '--format', 'json'])
    expect(result.code).toBe(1)
    expect(result.stderr).toBe('')
    expect(JSON.parse(result.stdout)).toEqual([
      expect.objectContaining({ file: join(dir, 'a.map'), line: 2, column: 13, endLine: 2, endColumn: 14, severity: 'error', code: 'MAPC1010' })
    ])
  })

  test('files that are not UTF-8 text are reported, not parsed', async () => {
    const dir = workspace({})
    writeFileSync(join(dir, 'wide.map'), Uint8Array.from([0xff, 0xfe, 0x61, 0x00]))
    const result = await run(['check', join(dir, 'wide.map')])
    expect(result.code).toBe(1)
    expect(result.stdout).toBe(`${join(dir, 'wide.map')}:1:1: error MAPC5003: the file is UTF-16 (little-endian); save it as UTF-8\n  = hint: mapc reads UTF-8 text only\n`)
  })

  test('--color adds ANSI colour to the text output', async () => {
    const dir = workspace({ 'bad.map': broken })
    const plain = await run(['check', join(dir, 'bad.map')])
    const coloured = await run(['check', '--color', join(dir, 'bad.map')])
    expect(coloured.stdout).toContain('\u001b[31m')
    expect(coloured.stdout.replace(/\u001b\[\d+m/g, '')).toBe(plain.stdout)
  })
})

describe('mapc fmt', () => {
  const messy = 'destination d { title "x"  slug "y" }\n'
  const tidy = 'destination d {\n  title "x"\n  slug "y"\n}\n'

  test('rewrites files in place', async () => {
    const dir = workspace({ 'a.map': messy, 'b.map': tidy })
    expect(await run(['fmt', dir])).toEqual({ code: 0, stdout: '', stderr: '' })
    expect(readFileSync(join(dir, 'a.map'), 'utf8')).toBe(tidy)
    expect(readFileSync(join(dir, 'b.map'), 'utf8')).toBe(tidy)
  })

  test('--check lists the files that would change and exits 1, writing nothing', async () => {
    const dir = workspace({ 'a.map': messy, 'b.map': tidy })
    const result = await run(['fmt', '--check', dir])
    expect(result).toEqual({ code: 1, stdout: `${join(dir, 'a.map')}\n`, stderr: '' })
    expect(readFileSync(join(dir, 'a.map'), 'utf8')).toBe(messy)
    expect(await run(['fmt', '--check', join(dir, 'b.map')])).toEqual({ code: 0, stdout: '', stderr: '' })
  })

  test('refuses a file with syntax errors, exit 1, file untouched', async () => {
    const dir = workspace({ 'bad.map': broken })
    const result = await run(['fmt', join(dir, 'bad.map')])
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('error MAPC1010')
    expect(result.stderr).toBe(`mapc fmt: ${join(dir, 'bad.map')} has syntax errors; not formatted\n`)
    expect(readFileSync(join(dir, 'bad.map'), 'utf8')).toBe(broken)
  })

  test('a file that cannot be written is reported and the run fails', async () => {
    const dir = workspace({ 'a.map': messy })
    mkdirSync(join(dir, 'a.map.mapc-fmt.tmp'))
    const result = await run(['fmt', join(dir, 'a.map')])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(new RegExp(`^mapc fmt: cannot write ${join(dir, 'a.map').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `))
    expect(readFileSync(join(dir, 'a.map'), 'utf8')).toBe(messy)
  })

  test('attio.map is already formatted', async () => {
    expect(await run(['fmt', '--check', join(MAPPINGS, 'attio.map')])).toEqual({ code: 0, stdout: '', stderr: '' })
  })
})

describe('usage', () => {
  test.each([
    [[], 'mapc: no command given\nusage: mapc <command> [options]   (mapc --help lists the commands)\n'],
    [['chek'], "mapc: unknown command 'chek'; did you mean 'check'?\nusage: mapc <command> [options]   (mapc --help lists the commands)\n"],
    [['--frobnicate'], "mapc: unknown option '--frobnicate'\nusage: mapc <command> [options]   (mapc --help lists the commands)\n"],
    [['check'], 'mapc check: no files given\nusage: mapc check <files|dirs…> [--format text|json] [--color]\n'],
    [['check', '/no/such/file.map'], 'mapc check: MAPC5001: no such file or directory: /no/such/file.map\nusage: mapc check <files|dirs…> [--format text|json] [--color]\n'],
    [['check', MAPPINGS, '--format', 'xml'], 'mapc check: --format must be text or json, not xml\nusage: mapc check <files|dirs…> [--format text|json] [--color]\n'],
    [['fmt', '--nope', MAPPINGS], "mapc fmt: unknown option '--nope'\nusage: mapc fmt <files|dirs…> [--check]\n"],
    [['check', '--format'], "mapc check: option '--format <value>' argument missing\nusage: mapc check <files|dirs…> [--format text|json] [--color]\n"]
  ])('%j exits 2 with a one-line message and the usage', async (argv, stderr) => {
    expect(await run(argv)).toEqual({ code: 2, stdout: '', stderr })
  })

  test('an empty directory is a usage error', async () => {
    const dir = workspace({})
    expect(await run(['check', dir])).toEqual({ code: 2, stdout: '', stderr: `mapc check: no .map files in ${dir}\nusage: mapc check <files|dirs…> [--format text|json] [--color]\n` })
  })

  test('--help lists the commands; <command> --help shows its usage', async () => {
    const help = await run(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/^ {2}check +check \.map files and report every problem$/m)
    expect(help.stdout).toMatch(/^ {2}fmt +format \.map files in place$/m)
    const check = await run(['check', '--help'])
    expect(check.code).toBe(0)
    expect(check.stdout.split('\n')[0]).toBe('usage: mapc check <files|dirs…> [--format text|json] [--color]')
  })

  test('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }
    expect(await run(['--version'])).toEqual({ code: 0, stdout: `mapc ${version}\n`, stderr: '' })
  })
})

describe('internal errors', () => {
  const failingIo = (env: Record<string, string>): { io: CliIo; stderr: () => string } => {
    let stderr = ''
    return {
      io: {
        stdout: () => {
          throw new Error('stdout is closed')
        },
        stderr: (t) => void (stderr += t),
        env
      },
      stderr: () => stderr
    }
  }

  test('an unexpected exception is one line and exit 70, no stack trace', async () => {
    const { io, stderr } = failingIo({})
    expect(await main(['--help'], io)).toBe(70)
    expect(stderr()).toBe('mapc: internal error: stdout is closed\n')
  })

  test('MAPC_DEBUG=1 adds the stack', async () => {
    const { io, stderr } = failingIo({ MAPC_DEBUG: '1' })
    expect(await main(['--help'], io)).toBe(70)
    expect(stderr()).toMatch(/^mapc: internal error: stdout is closed\nError: stdout is closed\n\s+at /)
  })
})

const built = existsSync(join(ROOT, 'dist/src/cli/main.js'))
describe.runIf(built)('the installed binary', () => {
  test('bin/mapc.js checks the mappings and exits 0', () => {
    const result = spawnSync(process.execPath, [join(ROOT, 'bin/mapc.js'), 'check', MAPPINGS], { encoding: 'utf8' })
    expect(result.status).toBe(0)
    expect(result.stderr).toBe('0 errors, 0 warnings in 3 files\n')
  })
})
