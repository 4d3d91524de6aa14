/**
 * Bad input to `mapc run`: each case gets a clear, located message, and loses nothing (every
 * line that is not delivered is dead-lettered with its reason). A large file streams through in
 * bounded memory: the summary reports the peak RSS, which the test bounds and prints.
 */
import { createWriteStream, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { runMapc, writeText } from '../support/cli-process.js'
import { ndjson, startRunSuite, T, writeConfig, type RunSuite } from './run-support.js'

let suite: RunSuite
beforeAll(async () => {
  suite = await startRunSuite('bad-input')
  writeConfig(suite, 'schematic.yaml', [{ api: 'schematic' }])
}, 120_000)
afterAll(() => suite.stop())

async function run(input: string, extra: string[] = []) {
  const deadLetters = writeText(join(suite.dir, `${Math.random().toString(36).slice(2)}.dead.ndjson`), '')
  const result = await runMapc(['run', '--config', join(suite.dir, 'schematic.yaml'), '--input', input, '--dead-letter', deadLetters, '--json', '--quiet', ...extra], { env: suite.env() })
  const letters = readFileSync(deadLetters, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, any>)
  return { ...result, letters, summary: result.stdout === '' ? undefined : (JSON.parse(result.stdout.trim().split('\n').pop() as string) as Record<string, any>) }
}

test('an empty file: nothing read, nothing dead-lettered, exit 0', async () => {
  const result = await run(writeText(join(suite.dir, 'empty.ndjson'), ''))
  expect(result.code).toBe(0)
  expect(result.summary?.lines).toEqual({ read: 0, delivered: 0, skipped: 0, deadLettered: 0, firedNothing: 0, blank: 0 })
  expect(result.letters).toEqual([])
})

test('lines that are not JSON and JSON that is not an event are reported with their line number and dead-lettered with the reason', async () => {
  const input = writeText(
    join(suite.dir, 'mixed.ndjson'),
    ndjson([
      { type: 'track', messageId: 'ok-1', userId: 'u1', event: 'Signed Up', properties: {}, ...T },
      '{"type": "track", "event": "Cut off',
      'hello world',
      '42',
      '{"messageId": "no-type", "event": "x"}',
      '',
      { type: 'track', messageId: 'ok-2', userId: 'u2', event: 'Signed Up', properties: {}, ...T },
      `{"type":"track","event":"${'x'.repeat(300)}"}`
    ])
  )
  const result = await run(input, ['--max-line-bytes', '200'])
  expect(result.code).toBe(1)
  expect(result.stderr).toContain(`${input}:2: not JSON: `)
  expect(result.stderr).toContain(`${input}:3: not JSON: `)
  expect(result.stderr).toContain(`${input}:8: the line is 327 bytes long, more than the limit (--max-line-bytes); its first bytes are kept (dead-lettered)`)
  expect(result.summary?.lines).toEqual({ read: 8, delivered: 2, skipped: 0, deadLettered: 5, firedNothing: 0, blank: 1 })
  expect(result.summary?.malformed).toBe(3)
  expect(result.letters.map((l) => [l.line, l.code])).toEqual([
    [2, 'MALFORMED_LINE'],
    [3, 'MALFORMED_LINE'],
    [4, 'INVALID_EVENT'],
    [5, 'INVALID_EVENT'],
    [8, 'LINE_TOO_LONG']
  ])
  expect(result.letters[0]).toMatchObject({ raw: '{"type": "track", "event": "Cut off', retryable: false })
  expect(result.letters[2]).toMatchObject({ event: 42, message: 'the event cannot be delivered: expected a JSON object, got number' })
  expect(result.letters[3]).toMatchObject({ event: { messageId: 'no-type', event: 'x' }, messageId: 'no-type' })
  expect(result.letters[4]).toMatchObject({ rawTruncated: true })
  expect(suite.emulators.schematic.emulator.state()['events']).toHaveLength(2)
})

test('events read from standard input', async () => {
  suite.reset()
  const result = await runMapc(['run', '--config', join(suite.dir, 'schematic.yaml'), '--json', '--quiet', '--dead-letter', join(suite.dir, 'stdin.dead.ndjson')], {
    env: suite.env(),
    stdin: ndjson([{ type: 'identify', messageId: 'i1', userId: 'u1', traits: { name: 'Ada' }, ...T }])
  })
  expect(result.code).toBe(0)
  expect(JSON.parse(result.stdout.trim()).lines).toMatchObject({ read: 1, delivered: 1 })
  expect(suite.emulators.schematic.emulator.state()['users']).toHaveLength(1)
})

test('a configuration pointing at a missing module: the located message, exit 2, no stack trace', async () => {
  const config = writeText(join(suite.dir, 'missing.yaml'), 'destinations:\n  - name: gone\n    module: ./not-built/attio\n')
  const result = await runMapc(['run', '--config', config, '--input', writeText(join(suite.dir, 'one.ndjson'), '{}\n')], { env: suite.env() })
  expect(result.code).toBe(2)
  expect(result.stderr).toBe(`mapc run: ${config}:3:13 ${join(suite.dir, 'not-built', 'attio', 'index.js')} does not exist: build the destination with \`mapc build\`\n`)
})

test('a missing input file and a missing --config are usage errors (exit 2)', async () => {
  const missing = await runMapc(['run', '--config', join(suite.dir, 'schematic.yaml'), '--input', join(suite.dir, 'nope.ndjson')], { env: suite.env() })
  expect(missing.code).toBe(2)
  expect(missing.stderr).toContain(`mapc run: cannot read --input ${join(suite.dir, 'nope.ndjson')}: ENOENT`)
  const noConfig = await runMapc(['run', '--input', join(suite.dir, 'nope.ndjson')])
  expect(noConfig.code).toBe(2)
  expect(noConfig.stderr).toContain('mapc run: --config is required')
})

const BIG_MB = Number(process.env['MAPC_BIG_INPUT_MB'] ?? 100)

test(`a ${BIG_MB} MB file streams through in bounded memory`, async () => {
  suite.reset()
  const file = join(suite.dir, 'big.ndjson')
  await new Promise<void>((resolve, reject) => {
    const out = createWriteStream(file)
    out.on('error', reject)
    const padding = 'x'.repeat(300)
    let i = 0
    const write = (): void => {
      let ok = true
      while (ok && out.bytesWritten + out.writableLength < BIG_MB * 2 ** 20) {
        i++
        // Mostly page views (no subscription of Schematic's takes them: they fire nothing), one track in 1000.
        const event = i % 1000 === 0 ? { type: 'track', messageId: `t${i}`, userId: `u${i}`, event: 'Big File', properties: {}, ...T } : { type: 'page', messageId: `p${i}`, name: 'Home', properties: { padding }, ...T }
        ok = out.write(`${JSON.stringify(event)}\n`)
      }
      if (ok) out.end(resolve)
      else out.once('drain', write)
    }
    write()
  })
  const result = await run(file)
  expect(result.code).toBe(0)
  const lines = result.summary?.lines as Record<string, number>
  expect(lines['read']).toBe(lines['firedNothing']! + lines['delivered']!)
  expect(suite.emulators.schematic.emulator.state()['events']).toHaveLength(lines['delivered']!)
  const rssMiB = (result.summary?.maxRssBytes as number) / 2 ** 20
  console.log(`${(statSync(file).size / 2 ** 20).toFixed(0)} MB, ${lines['read']} lines: peak RSS ${rssMiB.toFixed(0)} MiB`)
  // The file alone, held in memory, would be more than this bound above the process's base.
  expect(rssMiB).toBeLessThan(320)
}, 600_000)
