/**
 * `mapc test` as a user runs it: in-process through `main`, reading exactly what it prints and
 * the exit code. Each run compiles, generates and imports its destinations, so the runs are few
 * and small.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.js'

const broken = 'test/testing/property/fixtures/broken.map'

async function mapc(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await main(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: {} })
  return { code, stdout, stderr }
}

function scratchRuns(): string[] {
  const root = join('.tmp', 'mapc-test')
  return existsSync(root) ? readdirSync(root) : []
}

describe('mapc test', () => {
  it('exits 0 and prints one ok line per action and property, then a summary, when every property holds', async () => {
    const before = scratchRuns()
    const { code, stdout, stderr } = await mapc('test', 'mappings/attio.map', '--runs', '10', '--seed', '1')
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const lines = stdout.trimEnd().split('\n')
    expect(lines[0]).toBe('mapc test: 1 destination, 10 runs per property, seed 1')
    const okLines = lines.slice(1, -1)
    expect(okLines).toHaveLength(24)
    for (const line of okLines) expect(line).toMatch(/^ok {5}attio\/(identifyUser|groupWorkspace|assertRecord)\/(single|batch)\/(fits-api|deterministic|invariants|agrees-with-interpreter) \(10 runs[;)]/)
    expect(okLines[0]).toMatch(/^ok {5}attio\/identifyUser\/single\/fits-api \(10 runs; \d+ requests validated; events \d+ delivered, \d+ skipped, \d+ refused\)$/)
    expect(lines.at(-1)).toBe('24 properties: 24 ok, 0 failed (seed 1, 10 runs each, adversarial events)')
    // The generated modules were written to a scratch directory of this run and removed.
    expect(scratchRuns()).toEqual(before)
  })

  it('exits 1 on a broken mapping, with the property, why, the shrunk events and the replay command', async () => {
    const { code, stdout } = await mapc('test', broken, '--runs', '40', '--seed', '7')
    expect(code).toBe(1)
    const fails = stdout.split('\n').filter((line) => line.startsWith('FAIL'))
    expect(fails.map((line) => line.split(' ').filter(Boolean)[1])).toEqual([
      'broken/seeUser/single/fits-api',
      'broken/upsertPerson/single/invariants',
      'broken/trackEvent/single/invariants'
    ])
    expect(stdout).toContain(`  why:     upsert record "people" by "email" at ${broken}:59:7 sends values without "email"\n`)
    expect(stdout).toMatch(/ {2}events: {2}\[\{"type":"identify",[^\n]*\}\]\n/)
    expect(stdout).toContain('  settings: {"apiKey":"[REDACTED]"}\n')
    expect(stdout).toMatch(new RegExp(`  replay:  mapc test ${broken.replace(/\./g, '\\.')} --seed 7 --path broken/upsertPerson/single/invariants:[0-9:]+\\n`))
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('12 properties: 9 ok, 3 failed (seed 7, 40 runs each, adversarial events)')
  })

  it('replays a printed counter-example: only that property, the same failure', async () => {
    const first = await mapc('test', broken, '--runs', '40', '--seed', '7')
    const block = (text: string, key: string) => text.slice(text.indexOf(`FAIL   ${key}`)).split('\n').slice(0, 5)
    const original = block(first.stdout, 'broken/trackEvent/single/invariants')
    const replay = original[4]?.replace(/^ {2}replay: {2}mapc /, '').split(' ') ?? []
    expect(replay.slice(0, 4)).toEqual(['test', broken, '--seed', '7'])
    const again = await mapc(...replay)
    expect(again.code).toBe(1)
    const lines = again.stdout.trimEnd().split('\n')
    expect(lines[0]).toBe('mapc test: 1 destination, replaying one counter-example (1 run), seed 7')
    // The why, the events, the settings and the replay line are the same; the run counts may differ.
    expect(block(again.stdout, 'broken/trackEvent/single/invariants').slice(1)).toEqual(original.slice(1))
    expect(lines.filter((line) => /^(ok|FAIL)/.test(line))).toHaveLength(1)
    expect(lines.at(-1)).toBe('1 property: 0 ok, 1 failed (seed 7, 1 run each, adversarial events)')
  })

  it('says when events follow the Spec only (--no-adversarial)', async () => {
    const { code, stdout } = await mapc('test', 'mappings/attio.map', '--runs', '5', '--seed', '3', '--no-adversarial')
    expect(code).toBe(0)
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('24 properties: 24 ok, 0 failed (seed 3, 5 runs each, valid events only)')
  })

  it('exits 1 when a file does not compile, after testing the files that do', async () => {
    mkdirSync('.tmp/test-command', { recursive: true })
    const bad = '.tmp/test-command/bad.map'
    writeFileSync(bad, 'destination bad {\n  title "Bad"\n  action a { title "A" perform { send GET } }\n}\n')
    const { code, stdout, stderr } = await mapc('test', bad, broken, '--runs', '5', '--seed', '7')
    expect(code).toBe(1)
    expect(stderr).toContain(`${bad}:3:43: error MAPC1010: expected the URL, a string or a template; found \`}\``)
    expect(stdout.split('\n')[0]).toBe('mapc test: 1 destination, 5 runs per property, seed 7')
  })

  it.each([
    [['--runs', '0'], "mapc test: --runs must be a whole number of at least 1, not \"0\""],
    [['--runs', '2.5'], 'mapc test: --runs must be a whole number of at least 1, not "2.5"'],
    [['--seed', 'abc'], 'mapc test: --seed must be a whole number from -2147483648 to 2147483647, not "abc"'],
    [['--seed', '2147483648'], 'mapc test: --seed must be a whole number from -2147483648 to 2147483647, not "2147483648"'],
    [['--path', 'broken/seeUser/single/fits-api:1:0'], 'mapc test: --path replays a counter-example of one seed: give the --seed printed with it'],
    [['--seed', '1', '--path', 'broken/seeUser/fits-api:1'], 'mapc test: --path "broken/seeUser/fits-api:1" does not name a property: expected <destination>/<action>/<single|batch>/<property>:<path>, as a failure report prints it'],
    [['--seed', '1', '--path', 'broken/seeUser/single/fast:1'], 'mapc test: --path names the property "fast": expected one of fits-api, deterministic, invariants, agrees-with-interpreter'],
    [['--seed', '1', '--path', 'broken/seeUser/single/fits-api:x'], 'mapc test: --path "broken/seeUser/single/fits-api:x" ends in "x", not a counter-example path like 4:1:0'],
    [['--bogus'], "mapc test: unknown option '--bogus'"]
  ])('exits 2 on bad usage: %j', async (args, message) => {
    const { code, stdout, stderr } = await mapc('test', broken, ...args)
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr.split('\n')[0]).toBe(message)
    expect(stderr.split('\n')[1]).toBe('usage: mapc test [files|dirs…] [--runs N] [--seed S] [--path P] [--no-adversarial]')
  })

  it('exits 2 when --path names a property none of the files has', async () => {
    const { code, stdout, stderr } = await mapc('test', broken, '--seed', '1', '--path', 'attio/identifyUser/single/fits-api:1')
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr.split('\n')[0]).toBe('mapc test: --path names attio/identifyUser/single/fits-api, which none of the files given has')
    const batch = await mapc('test', broken, '--seed', '1', '--path', 'broken/seeUser/batch/fits-api:1')
    expect(batch.code).toBe(2)
    expect(batch.stderr.split('\n')[0]).toBe('mapc test: --path names broken/seeUser/batch/fits-api, which none of the files given has')
  })

  it('exits 2 for a file that does not exist', async () => {
    const { code, stderr } = await mapc('test', 'no/such.map')
    expect(code).toBe(2)
    expect(stderr.split('\n')[0]).toBe('mapc test: MAPC5001: no such file or directory: no/such.map')
  })

  it('is listed by mapc --help and explains its options', async () => {
    expect((await mapc('--help')).stdout).toMatch(/\n {2}test +property-test destinations on generated events\n/)
    const help = await mapc('test', '--help')
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('--path P           replay one counter-example: the --path a failure printed, with its --seed\n')
    expect(help.stdout).toContain('--no-adversarial')
  })
})
