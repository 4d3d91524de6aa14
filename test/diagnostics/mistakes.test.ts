/**
 * The mistakes corpus: each file in mistakes/ is a realistic destination with one mistake an
 * author makes, and beside it `<name>.expected` holds exactly what `mapc check <name>.map` prints
 * from that directory (code frames on stdout, then the summary on stderr). Any change to a
 * message, a span, a hint or the number of diagnostics fails here, so it is seen and reviewed.
 *
 * Beyond the text, every case is held to what a mistake deserves (issue #13): exit 1, an error
 * with the code its header names within a line of the mistake, at most three errors, and no
 * internal error.
 *
 * After a deliberate change, rewrite the expected files and review the diff:
 *   MAPC_UPDATE_MISTAKES=1 npx vitest run test/diagnostics/mistakes.test.ts
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CliIo } from '../../src/cli/io.js'
import { main } from '../../src/cli/main.js'

const dir = fileURLToPath(new URL('./mistakes/', import.meta.url))
const update = process.env['MAPC_UPDATE_MISTAKES'] === '1'

interface Case {
  name: string
  mistake: string
  code: string
  /** A mistake the language allows, such as a path the Segment Spec does not define, is a warning. */
  severity: 'error' | 'warning'
  line: number
  column: number
}

/** `// Mistake: …` then `// expect: MAPC1005 at 28:25` (the mistake's line and column), or `// expect: MAPC3022 warning at …`. */
function readCase(name: string): Case {
  const text = readFileSync(`${dir}${name}`, 'utf8')
  const mistake = /^\/\/ Mistake: (.+)$/m.exec(text)?.[1]
  const expectation = /^\/\/ expect: (MAPC\d{4})( warning)? at (\d+):(\d+)$/m.exec(text)
  if (mistake === undefined || expectation === null) throw new Error(`${name}: needs "// Mistake: …" and "// expect: MAPCnnnn at line:column"`)
  return {
    name,
    mistake,
    code: expectation[1] as string,
    severity: expectation[2] === undefined ? 'error' : 'warning',
    line: Number(expectation[3]),
    column: Number(expectation[4])
  }
}

const cases = readdirSync(dir)
  .filter((name) => name.endsWith('.map'))
  .sort()
  .map(readCase)

async function check(file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: {} }
  const code = await main(['check', file], io)
  return { code, stdout, stderr }
}

interface Reported {
  line: number
  column: number
  severity: string
  code: string
}

/** Diagnostics as the text output heads them: `name.map:12:5: error MAPC1010: …`. */
function reportedIn(stdout: string): Reported[] {
  return [...stdout.matchAll(/^[^\s:]+\.map:(\d+):(\d+): (error|warning) (MAPC\d{4}):/gm)].map((m) => ({
    line: Number(m[1]),
    column: Number(m[2]),
    severity: m[3] as string,
    code: m[4] as string
  }))
}

describe('mistakes corpus', () => {
  // Paths in the output are relative to the directory, as for an author running mapc there.
  const cwd = process.cwd()
  beforeAll(() => process.chdir(dir))
  afterAll(() => process.chdir(cwd))

  it('holds at least 40 mistakes that are errors, half of them syntax (MAPC1xxx) and half not', () => {
    const errors = cases.filter((c) => c.severity === 'error')
    expect(errors.length).toBeGreaterThanOrEqual(40)
    expect(errors.filter((c) => c.code.startsWith('MAPC1')).length).toBeGreaterThanOrEqual(20)
    expect(errors.filter((c) => !c.code.startsWith('MAPC1')).length).toBeGreaterThanOrEqual(20)
  })

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (name, c) => {
    const { code, stdout, stderr } = await check(name)
    const rendered = stdout + stderr
    const expectedFile = `${dir}${name.replace(/\.map$/, '.expected')}`
    if (update) writeFileSync(expectedFile, rendered)
    expect(existsSync(expectedFile), `${name} has no .expected file (write it with MAPC_UPDATE_MISTAKES=1)`).toBe(true)
    expect(rendered).toBe(readFileSync(expectedFile, 'utf8'))

    expect(stderr).not.toContain('internal error')
    const reported = reportedIn(stdout)
    const errors = reported.filter((d) => d.severity === 'error')
    if (c.severity === 'error') {
      expect(code, `${c.mistake}: exit 1`).toBe(1)
      expect(errors.length, `${c.mistake}: one mistake, at most three errors`).toBeLessThanOrEqual(3)
    } else {
      expect(code, `${c.mistake}: a warning alone exits 0`).toBe(0)
      expect(errors, `${c.mistake}: no error beside the warning`).toEqual([])
    }
    const atMistake = reported.filter((d) => d.severity === c.severity && d.code === c.code && Math.abs(d.line - c.line) <= 1)
    expect(atMistake, `${c.mistake}: ${c.severity} ${c.code} within a line of ${c.line}:${c.column}`).not.toEqual([])
  })
})
