/**
 * SIGINT in the middle of `mapc run`: reading stops, what was read is finished, the summary is
 * written, and every input line is in exactly one place: delivered (in the emulator, once),
 * dead-lettered, or not read. A second SIGINT exits at once.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest'
import { runMapc, writeText } from '../support/cli-process.js'
import { ndjson, startRunSuite, T, writeConfig, type RunSuite } from './run-support.js'

const EVENTS = 5000
let suite: RunSuite
beforeAll(async () => {
  suite = await startRunSuite('signals')
  writeConfig(suite, 'signals.yaml', [
    { api: 'schematic', extra: '    subscriptions:\n      - trigger: type = "track"\n        action: trackEvent\n        mapping: { traits: \'{ message_id: $.messageId }\' }\n' }
  ])
  writeText(join(suite.dir, 'signals.ndjson'), ndjson(Array.from({ length: EVENTS }, (_, i) => ({ type: 'track', messageId: `msg-${i + 1}`, userId: `u${i}`, event: 'Page Scrolled', properties: {}, ...T }))))
}, 120_000)
afterAll(() => suite.stop())
beforeEach(() => suite.reset())

function runUntil(deadLetters: string, stored: number) {
  return runMapc(['run', '--config', join(suite.dir, 'signals.yaml'), '--input', join(suite.dir, 'signals.ndjson'), '--dead-letter', deadLetters, '--json', '--quiet', '--concurrency', '20'], {
    env: suite.env(),
    onSpawn(child) {
      const poll = setInterval(() => {
        if ((suite.emulators.schematic.emulator.state()['events'] as unknown[]).length < stored) return
        clearInterval(poll)
        child.kill('SIGINT')
      }, 20)
      child.on('close', () => clearInterval(poll))
    }
  })
}

test('SIGINT mid-stream: the summary is written, and delivered + dead-lettered + not yet read = input, each line once', async () => {
  suite.emulators.schematic.emulator.setFaults({ latencyMs: 20 })
  const deadLetters = writeText(join(suite.dir, 'signals.dead.ndjson'), '')
  const result = await runUntil(deadLetters, 200)
  expect(result.code).toBe(130)
  expect(result.stderr).toContain('mapc run: SIGINT: no more lines are read')
  const summary = JSON.parse(result.stdout.trim()) as { interrupted: string; stoppedAfterLine: number; lines: Record<string, number> }
  expect(summary.interrupted).toBe('SIGINT')
  const { lines } = summary
  expect(lines['read']).toBeLessThan(EVENTS)
  expect(summary.stoppedAfterLine).toBe(lines['read'])
  expect(lines['delivered']! + lines['deadLettered']! + lines['skipped']! + lines['firedNothing']! + lines['blank']!).toBe(lines['read'])

  const written = suite.emulators.schematic.emulator.state().writes.byMessageId
  const lettered = new Set(readFileSync(deadLetters, 'utf8').split('\n').filter((l) => l !== '').map((l) => (JSON.parse(l) as { messageId: string }).messageId))
  expect(lettered.size).toBe(lines['deadLettered'])
  for (let i = 1; i <= EVENTS; i++) {
    const id = `msg-${i}`
    const delivered = written[id]?.['events'] ?? 0
    // Read lines are delivered once or dead-lettered; lines after the stop were never sent.
    if (i <= lines['read']!) expect({ id, delivered, lettered: lettered.has(id) }).toEqual({ id, delivered: lettered.has(id) ? 0 : 1, lettered: lettered.has(id) })
    else expect({ id, delivered, lettered: lettered.has(id) }).toEqual({ id, delivered: 0, lettered: false })
  }
  expect(Object.keys(written)).toHaveLength(lines['delivered']!)
}, 600_000)

test('a second SIGINT exits at once, without waiting for the requests in flight', async () => {
  // Answers take long enough that a drain would still be waiting when the second signal comes.
  suite.emulators.schematic.emulator.setFaults({ latencyMs: 5000 })
  const deadLetters = writeText(join(suite.dir, 'signals2.dead.ndjson'), '')
  const result = await runMapc(['run', '--config', join(suite.dir, 'signals.yaml'), '--input', join(suite.dir, 'signals.ndjson'), '--dead-letter', deadLetters, '--json', '--quiet', '--concurrency', '20'], {
    env: suite.env(),
    onSpawn(child) {
      const poll = setInterval(() => {
        // Requests are counted as they arrive, before the latency holds their answers.
        if (suite.emulators.schematic.emulator.state().requests.total < 1) return
        clearInterval(poll)
        child.kill('SIGINT')
      }, 20)
      child.on('close', () => clearInterval(poll))
    },
    onStderr(text, child) {
      if (text.includes('SIGINT: no more lines are read')) child.kill('SIGINT')
    }
  })
  expect(result.code).toBe(130)
  expect(result.stderr).toContain('SIGINT again: exiting now')
  expect(result.stdout).toBe('')
}, 600_000)
