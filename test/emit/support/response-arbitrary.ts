/**
 * Scripted API answers for differential runs: record responses with and without the ids later
 * steps read (attio's `data.id.record_id`, matilda's `data.id`, tiny's `data.id`), per-item batch
 * results of the right and wrong length, bodies that are not JSON objects, and error statuses.
 */
import fc from 'fast-check'
import { jsonValueArbitrary } from '../../../src/testing/index.js'
import type { ScriptedAnswer } from '../../../src/conformance/scripted-transport.js'

const idValue = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom(null, 7, 'a\uD800', 'rec/1?x=#'), jsonValueArbitrary(1))

const recordBody = fc.record(
  { data: fc.record({ id: fc.oneof(idValue, fc.record({ record_id: idValue }, { requiredKeys: [] })) }, { requiredKeys: [] }) },
  { requiredKeys: [] }
)

const resultsBody = fc.record({
  results: fc.array(
    fc.record({ status: fc.oneof(fc.constantFrom(200, 201, 400, 422, 500), fc.constantFrom('200', null)), message: fc.string({ maxLength: 8 }) }, { requiredKeys: ['status'] }),
    { maxLength: 4 }
  )
})

const body = fc.oneof({ weight: 4, arbitrary: recordBody }, { weight: 3, arbitrary: resultsBody }, { weight: 1, arbitrary: jsonValueArbitrary(2) })

const status = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(200, 201, 207) }, { weight: 1, arbitrary: fc.constantFrom(400, 401, 404, 429, 500) })

export const responsesArbitrary: fc.Arbitrary<ScriptedAnswer[]> = fc.array(fc.record({ status, body }), { maxLength: 6 })
