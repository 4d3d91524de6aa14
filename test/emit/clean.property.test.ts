/**
 * The generated `clean` of each action is the runtime's removeEmptyValues, compiled: on random
 * payloads of the action's own fields (nulls, empty strings, arrays holding them, other values,
 * and keys that are not own), both leave the same payload, for single events and for batches.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CompiledDestination, Payload } from '../../src/runtime/contract.js'
import { removeEmptyValues } from '../../src/runtime/delivery/payload.js'
import { buildAndLoad, compileProjectFile, removeBuilds } from '../support/build-destination.js'
import { REAL_DESTINATIONS } from './support/map-files.js'

const SUITE = 'clean'
const built = new Map<string, CompiledDestination>()

beforeAll(async () => {
  for (const name of REAL_DESTINATIONS) built.set(name, (await buildAndLoad(compileProjectFile(`mappings/${name}.map`).ir, SUITE)).destination)
}, 180_000)

afterAll(() => removeBuilds(SUITE))

const value = fc.oneof(
  fc.constantFrom(null, '', 'text', 0, 1.5, true, false, {}, { a: null }),
  fc.array(fc.constantFrom(null, '', 'x', 0, false, [], {}), { maxLength: 4 })
)

describe('generated clean = removeEmptyValues', () => {
  for (const name of REAL_DESTINATIONS) {
    it(`${name}: every action, both modes`, () => {
      const destination = built.get(name) as CompiledDestination
      for (const action of Object.values(destination.actions)) {
        expect(action.clean).toBeTypeOf('function')
        const names = action.fields.map((f) => f.name)
        fc.assert(
          fc.property(fc.dictionary(fc.constantFrom(...names), value), fc.boolean(), fc.constantFrom(...names), (entries, single, inheritedName) => {
            // A key on the prototype is not the payload's: neither side may touch or copy it.
            const proto = { [inheritedName]: null }
            const make = (): Payload => Object.assign(Object.create(proto) as Payload, structuredClone(entries))
            const compiled = make()
            const runtime = make()
            ;(action.clean as NonNullable<typeof action.clean>)(compiled, single)
            removeEmptyValues(runtime, action.fields, single ? 'single' : 'batch')
            expect(Object.entries(compiled)).toEqual(Object.entries(runtime))
            expect(Object.keys(compiled)).toEqual(Object.keys(runtime))
          }),
          { numRuns: 200 }
        )
      }
    }, 180_000)
  }
})
