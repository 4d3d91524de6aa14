/**
 * The configuration example of docs/runtime.md is real: it parses, and each of its subscriptions
 * compiles against the destination it names (the real .map files in mappings/).
 */
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { describe, expect, it } from 'vitest'
import { compileText } from '../../src/compiler/compile.js'
import { interpretDestination } from '../../src/compiler/interpret/interpret.js'
import { parseConfig } from '../../src/configuration/file/load-config.js'
import { compileSubscription } from '../../src/configuration/subscriptions/compile-subscription.js'
import type { CompiledDestination } from '../../src/runtime/contract.js'

function exampleYaml(): string {
  const docs = readFileSync('docs/runtime.md', 'utf8')
  const block = /```yaml\n# runtime\.yaml\n([\s\S]*?)```/.exec(docs)?.[1]
  if (block === undefined) throw new Error('docs/runtime.md has no ```yaml block starting with "# runtime.yaml"')
  return block
}

function realDestination(name: string): CompiledDestination {
  const file = `mappings/${name}.map`
  const ir = compileText(readFileSync(file, 'utf8'), file).ir
  if (!ir) throw new Error(`${file} does not compile`)
  return interpretDestination(ir)
}

describe('the configuration example of docs/runtime.md', () => {
  it('parses, with its secrets from the environment', () => {
    const config = parseConfig(exampleYaml(), { ATTIO_ACCESS_TOKEN: 'tok', SCHEMATIC_API_KEY: 'key' }, 'runtime.yaml')
    expect(config.destinations.map((d) => d.module)).toEqual(['./build/attio', './build/schematic'])
    expect(config.destinations[1]?.settings).toEqual({ apiKey: 'key' })
  })

  it('compiles every subscription against the real destination it names', () => {
    const config = parseConfig(exampleYaml(), { ATTIO_ACCESS_TOKEN: 'tok', SCHEMATIC_API_KEY: 'key' }, 'runtime.yaml')
    const compiled = config.destinations.flatMap((d, i) => {
      const destination = realDestination(basename(d.module))
      return (d.subscriptions ?? []).map((s, index) => compileSubscription(s, destination, { index, owner: d.name ?? destination.name, path: ['destinations', i, 'subscriptions', index] }))
    })
    expect(compiled.map((s) => [s.name, s.action.name, s.batch])).toEqual([
      ['Identify users', 'identifyUser', undefined],
      ['Workspaces, in batches', 'groupWorkspace', { maxSize: 500, maxAgeMs: 2000 }]
    ])
    const attributes = compiled[0]?.mapping.overrides.get('user_attributes')
    expect(attributes?.({ type: 'identify', traits: { name: 'Ada', plan: 'PRO' } }, { settings: {}, auth: {} })).toEqual({ name: 'Ada', plan: 'pro' })
  })
})
