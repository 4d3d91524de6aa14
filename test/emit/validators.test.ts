/**
 * The validators compiled ahead of time (ajv standalone, validators.js) reject what the payload
 * and settings schemas reject: the cases of fixtures/validator-cases.json with their exact ajv
 * errors, and generated payloads compared with ajv compiling the same schema at run time (the
 * interpreter's validators).
 */
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CompiledDestination, Validator } from '../../src/runtime/contract.js'
import { payloadArbitrary } from './support/payload-arbitrary.js'
import { compileProjectFile, loadBoth, removeBuilds, type LoadedBoth } from '../support/build-destination.js'
import { ALL_MAP_FILES } from './support/map-files.js'

const SUITE = 'validators'

interface ValidatorCase {
  map: string
  validator: string
  name: string
  data: unknown
  rejects: { keyword: string; instancePath: string }[]
}

// Read with JSON.parse, not imported: a `__proto__` key must stay an own property of the data.
const cases = (JSON.parse(readFileSync('test/emit/fixtures/validator-cases.json', 'utf8')) as { cases: ValidatorCase[] }).cases

const built = new Map<string, LoadedBoth>()

beforeAll(async () => {
  for (const file of ALL_MAP_FILES) {
    built.set(file, await loadBoth(file, SUITE))
  }
})

afterAll(() => removeBuilds(SUITE))

function validatorOf(destination: CompiledDestination, name: string): Validator {
  if (name === 'settings') return destination.validateSettings
  const action = destination.actions[name]
  if (!action) throw new Error(`${destination.name} has no action ${name}`)
  return action.validate
}

/** Runs a validator and keeps its errors, which the next call overwrites. */
function run(validator: Validator, data: unknown): { valid: boolean; errors: unknown[] } {
  const valid = validator(data)
  return { valid, errors: [...(validator.errors ?? [])] }
}

const byPlace = (a: { keyword: string; instancePath: string }, b: { keyword: string; instancePath: string }): number =>
  `${a.instancePath} ${a.keyword}`.localeCompare(`${b.instancePath} ${b.keyword}`)

describe('validator cases', () => {
  it.each(cases.map((c) => [`${c.map} ${c.validator}: ${c.name}`, c] as const))('%s', (_, c) => {
    const destination = built.get(c.map)
    if (!destination) throw new Error(`unknown map ${c.map}`)
    const result = run(validatorOf(destination.compiled, c.validator), c.data)
    expect(result.valid).toBe(c.rejects.length === 0)
    const errors = (result.errors as { keyword: string; instancePath: string }[]).map((e) => ({ keyword: e.keyword, instancePath: e.instancePath }))
    expect(errors.sort(byPlace)).toEqual([...c.rejects].sort(byPlace))
    expect(result).toEqual(run(validatorOf(destination.interpreted, c.validator), c.data))
  })

  it('covers every validator of every destination', () => {
    for (const [file, { ir }] of built) {
      const covered = new Set(cases.filter((c) => c.map === file).map((c) => c.validator))
      const wanted = file.startsWith('mappings/') ? ['settings', ...ir.actions.map((a) => a.name)] : ['settings']
      expect(wanted.filter((v) => !covered.has(v)), file).toEqual([])
    }
  })
})

describe('compiled validators agree with ajv on generated payloads', () => {
  const targets = ALL_MAP_FILES.flatMap((file) => {
    const { ir } = compileProjectFile(file)
    return [
      { file, name: 'settings', schema: ir.settingsSchema },
      ...ir.actions.map((a) => ({ file, name: a.name, schema: a.payloadSchema }))
    ]
  })
  it.each(targets.map((t) => [`${t.file} ${t.name}`, t] as const))('%s', (_, target) => {
    const { compiled, interpreted } = built.get(target.file) as LoadedBoth
    const mine = validatorOf(compiled, target.name)
    const oracle = validatorOf(interpreted, target.name)
    fc.assert(
      fc.property(payloadArbitrary(target.schema), (payload) => {
        expect(run(mine, payload)).toEqual(run(oracle, payload))
      }),
      { numRuns: 150 }
    )
  })
})
