/**
 * loadDestination refuses what is not a built destination with a ConfigError that says what it
 * found. Loading a real generated module is exercised by test/runtime/roundtrip.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { isCompiledDestination, loadDestination } from '../../../src/runtime/destinations/load-destination.js'
import { ConfigError } from '../../../src/runtime/errors/index.js'
import { crmDestination } from './support/crm-destination.js'
import { rejectionOf } from './support/thrown.js'

mkdirSync(resolve('.tmp'), { recursive: true })
const root = mkdtempSync(resolve('.tmp', 'runtime-core-load-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

function moduleDir(name: string, source: string): string {
  const dir = join(root, name)
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'index.js'), source)
  return dir
}

function loadError(dir: string): Promise<ConfigError> {
  return rejectionOf(loadDestination(dir, { location: { file: 'runtime.yaml', line: 3, column: 13 } }), ConfigError)
}

describe('loadDestination', () => {
  it('says to build a directory that has no index.js, where the configuration names it', async () => {
    const error = await loadError(join(root, 'missing'))
    expect(error.message).toBe(`runtime.yaml:3:13 ${join(root, 'missing', 'index.js')} does not exist: build the destination with \`mapc build\``)
  })

  it('reports a module that fails to load', async () => {
    const error = await loadError(moduleDir('throws', 'throw new Error("stale build: rebuild me")\n'))
    expect(error.message).toBe(`runtime.yaml:3:13 ${join(root, 'throws', 'index.js')} cannot be loaded: stale build: rebuild me`)
  })

  it('refuses a module whose default export is not a compiled destination', async () => {
    const error = await loadError(moduleDir('other', 'export default { name: "x", actions: {} }\n'))
    expect(error.message).toBe(`runtime.yaml:3:13 ${join(root, 'other', 'index.js')} does not export a compiled destination`)
  })
})

describe('isCompiledDestination', () => {
  it('accepts a destination and refuses look-alikes', () => {
    expect(isCompiledDestination(crmDestination())).toBe(true)
    for (const value of [null, 'crm', [], { ...crmDestination(), authHeaders: undefined }, { ...crmDestination(), validateSettings: 1 }, { ...crmDestination(), presets: {} }]) {
      expect(isCompiledDestination(value)).toBe(false)
    }
  })
})
