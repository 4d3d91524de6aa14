/**
 * `npm run fuzz` in the test suite: each target runs for a fixed seed and a fixed number of
 * iterations (never a time budget, so every run tries the same cases) and must find nothing.
 * The counters show the cases got past the parser and into the build, the runtime, the wire.
 * The minimiser is tested here too; that each oracle can fail is in the *-oracles tests.
 * Under load these take minutes, never a different path: every budget is a count, and each test
 * has a timeout far above what a loaded machine needs (some 85 s for the file at worst so far).
 */
import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { compileText } from '../../src/compiler/compile.js'
import { loadMapCorpus } from '../../src/fuzz/corpus.js'
import { characterUnits, ddmin, minimiseText, tokenUnits } from '../../src/fuzz/minimise.js'
import { Random } from '../../src/fuzz/random.js'
import { runFuzz } from '../../src/fuzz/run-fuzz.js'
import { MapTarget, type MapSubject } from '../../src/fuzz/targets/map-target.js'
import { RuntimeTarget } from '../../src/fuzz/targets/runtime-target.js'
import { UrlTarget } from '../../src/fuzz/targets/url-target.js'

const SEED = 'ci'
const ATTIO = readFileSync('mappings/attio.map', 'utf8')

describe('fixed-seed runs find nothing', () => {
  test('map: 40 iterations through check, fmt and build + import', async () => {
    // Most cases that check clean are built here (a local run builds one in ten): the build is where injection would show.
    const target = new MapTarget({ corpus: loadMapCorpus(), buildRate: 0.7 })
    const report = await runFuzz({ targets: [target], seed: SEED, iterations: 40, minimise: false })
    expect(report.findings.map((f) => `${f.oracle}: ${f.message}`)).toEqual([])
    expect(report.iterations).toEqual({ map: 40 })
    const stats = report.stats['map'] ?? {}
    expect(stats['clean']).toBeGreaterThan(1)
    expect(stats['formatted']).toBeGreaterThan(10)
    expect(stats['built']).toBeGreaterThan(0)
  }, 180_000)
})

describe('the seeded generator', () => {
  test('a seed gives the same stream, another seed another one', () => {
    const draw = (seed: string) => Array.from({ length: 8 }, ((r) => () => r.int(1000))(new Random(seed)))
    expect(draw('a')).toEqual(draw('a'))
    expect(draw('a')).not.toEqual(draw('b'))
  })
})

describe('the minimiser', () => {
  test('ddmin finds the two units that together fail, out of a hundred', async () => {
    const units = Array.from({ length: 100 }, (_, i) => i)
    const result = await ddmin(units, async (c) => c.includes(17) && c.includes(83), { tests: 1000 })
    expect(result).toEqual([17, 83])
  })

  test('ddmin stops at its budget and keeps a failing input', async () => {
    const units = Array.from({ length: 100 }, (_, i) => i)
    const budget = { tests: 3 }
    const result = await ddmin(units, async (c) => c.includes(5), budget)
    expect(budget.tests).toBe(0)
    expect(result).toContain(5)
    expect(result.length).toBeLessThan(100)
  })

  test('text shrinks over lines, tokens and characters to what still fails', async () => {
    const text = `${ATTIO}\nfield x: string { default "a\\u2028b" }\n${ATTIO}`
    const shrunk = await minimiseText(text, async (t) => t.includes('\u2028') || t.includes('\\u2028'))
    expect(shrunk).toBe('\\u2028')
    expect(tokenUnits('ab c(d)').join('')).toBe('ab c(d)')
    expect(characterUnits('a😀\uD800')).toEqual(['a', '😀', '\uD800'])
  })

  test('a finding of the fuzz loop is minimised: a checker that throws on one word ends as that word', async () => {
    const compile: MapSubject['compile'] = (text, file) => {
      if (text.includes('upsert')) throw new Error('upsert breaks me')
      return compileText(text, file)
    }
    const target = new MapTarget({ corpus: [{ name: 'attio', text: ATTIO }], subject: { compile } })
    const report = await runFuzz({ targets: [target], seed: 'shrink', iterations: 1 })
    expect(report.findings.map((f) => [f.oracle, f.input])).toEqual([['check-throws', 'upsert']])
    expect(report.findings[0]?.originalLength).toBeGreaterThan(5000)
  }, 180_000)
})

describe('fixed-seed runs of the runtime and URL targets find nothing', () => {
  test('runtime: 40 cases of hostile events and configurations against a server echoing the secret', async () => {
    const target = new RuntimeTarget()
    const report = await runFuzz({ targets: [target], seed: SEED, iterations: 40, minimise: false })
    expect(report.findings.map((f) => `${f.oracle}: ${f.message}`)).toEqual([])
    const stats = report.stats['runtime'] ?? {}
    expect(stats['started']).toBeGreaterThan(20)
    expect(stats['requests']).toBeGreaterThan(5)
    expect(stats['failed']).toBeGreaterThan(0)
  }, 180_000)

  test('url: 40 cases of hostile path values, through the runtime and request building', async () => {
    const target = new UrlTarget()
    const report = await runFuzz({ targets: [target], seed: SEED, iterations: 40, minimise: false })
    expect(report.findings.map((f) => `${f.oracle}: ${f.message}`)).toEqual([])
    const stats = report.stats['url'] ?? {}
    expect(stats['sent']).toBeGreaterThan(50)
    expect(stats['refused']).toBeGreaterThan(0)
  }, 180_000)
})
