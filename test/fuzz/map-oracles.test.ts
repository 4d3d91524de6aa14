/**
 * The oracles of `npm run fuzz`'s map target (src/fuzz/targets/map-target.ts) can fail: each one
 * reports a finding when handed a compiler that breaks it, and none does for the real compiler
 * on a real destination.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { emitDestination } from '../../src/compiler/emit/mapc/build.js'
import { loadMapCorpus } from '../../src/fuzz/corpus.js'
import { CANARY } from '../../src/fuzz/hostile-values.js'
import { FUZZ_FILE, MapTarget, type MapSubject } from '../../src/fuzz/targets/map-target.js'

const ATTIO = readFileSync('mappings/attio.map', 'utf8')

/** The oracles a map target reports for one text, with parts of the compiler replaced. */
async function oraclesFor(text: string, subject: Partial<MapSubject>): Promise<string[]> {
  const target = new MapTarget({ corpus: loadMapCorpus(), buildRate: 1, subject })
  await target.setup()
  try {
    return (await target.run(text)).map((f) => f.oracle)
  } finally {
    await target.close()
  }
}


describe('the real compiler', () => {
  test('passes every oracle on the project destination, built and imported', async () => {
    expect(await oraclesFor(ATTIO, {})).toEqual([])
  }, 60_000)

  test('is not blamed for a text with syntax errors (they are diagnostics, not findings)', async () => {
    expect(await oraclesFor(`${ATTIO}\n}}}`, {})).toEqual([])
    expect(FUZZ_FILE).toMatch(/^mappings\//)
  })
})

describe('each map oracle can fail', () => {
  test('check-throws: a checker that throws', async () => {
    const compile = (): never => {
      throw new TypeError('boom')
    }
    expect(await oraclesFor(ATTIO, { compile })).toEqual(['check-throws'])
  })

  test('diagnostic-span: a diagnostic whose span lies past the end of the text, or names a wrong line', async () => {
    const past: MapSubject['compile'] = (text, file) => {
      const end = { offset: text.length + 5, line: 1, column: text.length + 6 }
      return { file, text, diagnostics: [{ code: 'MAPC1001' as never, severity: 'error', message: 'x', span: { file, start: end, end }, related: [] }] }
    }
    expect(await oraclesFor('destination d {}', { compile: past })).toContain('diagnostic-span')
    const wrongLine: MapSubject['compile'] = (text, file) => {
      const at = { offset: 3, line: 2, column: 1 }
      return { file, text, diagnostics: [{ code: 'MAPC1001' as never, severity: 'error', message: 'x', span: { file, start: at, end: at }, related: [] }] }
    }
    expect(await oraclesFor('destination d {}', { compile: wrongLine })).toContain('diagnostic-span')
  })

  test('fmt-idempotent: a formatter that adds a line each time', async () => {
    const format: MapSubject['format'] = (text) => ({ text: `${text}\n` })
    expect(await oraclesFor(ATTIO, { format })).toContain('fmt-idempotent')
  })

  test('fmt-meaning: a formatter that changes a string', async () => {
    const format: MapSubject['format'] = (text) => ({ text: text.replace('"Attio (Actions)"', '"Attio"') })
    expect(await oraclesFor(ATTIO, { format })).toEqual(['fmt-meaning'])
  })

  test('build-invalid-js: generated JavaScript that does not parse', async () => {
    const emit: MapSubject['emit'] = async () => [{ path: 'index.js', content: 'export const = ;\n' }]
    expect(await oraclesFor(ATTIO, { emit })).toEqual(['build-invalid-js'])
  })

  test('build-import: a module that throws when imported', async () => {
    const emit: MapSubject['emit'] = async (ir) =>
      (await emitDestination(ir, { version: '0.0.0-fuzz' })).map((f) => (f.path === 'index.js' ? { ...f, content: `throw new Error("broken")\n${f.content}` } : f))
    expect(await oraclesFor(ATTIO, { emit })).toEqual(['build-import'])
  })

  test('injection: a module that calls the canary, or sets a global, when imported', async () => {
    const inject = (line: string): MapSubject['emit'] => async (ir) =>
      (await emitDestination(ir, { version: '0.0.0-fuzz' })).map((f) => (f.path === 'index.js' ? { ...f, content: `${f.content}\n${line}\n` } : f))
    expect(await oraclesFor(ATTIO, { emit: inject(`globalThis.${CANARY}("ran")`) })).toEqual(['injection'])
    expect(await oraclesFor(ATTIO, { emit: inject('globalThis.__fuzzTestInjected = 1') })).toEqual(['injection'])
    Reflect.deleteProperty(globalThis, '__fuzzTestInjected')
  })
})
