/**
 * itemFailures on any answer: one report per item; an item an entry names is never delivered; and
 * when any reported failure cannot be attributed (an entry naming no item, a count above the
 * entries, a list or count that is not one), no item at all is delivered.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { itemFailures } from '../../../src/runtime/support.js'

const scalar = fc.oneof(fc.integer({ min: -2, max: 12 }), fc.constantFrom('0', '1', '2', '01', 'x', '1.0', ''), fc.constant(null), fc.constant(undefined), fc.double())
const key = fc.constantFrom('a', 'b', 'c', 'z', 1, 2)
const entry = fc.oneof(
  fc.record({ index: scalar, key: fc.option(key, { nil: undefined }), status: fc.option(fc.integer({ min: 0, max: 700 }), { nil: undefined }), message: fc.option(fc.string(), { nil: undefined }) }, { requiredKeys: [] }),
  scalar,
  fc.array(scalar, { maxLength: 2 })
)
const answer = fc.record({
  count: fc.integer({ min: 0, max: 8 }),
  failures: fc.oneof(fc.array(entry, { maxLength: 10 }), scalar, fc.record({ index: scalar })),
  failed: fc.oneof(fc.integer({ min: -1, max: 12 }), scalar),
  keys: fc.option(fc.array(key, { maxLength: 8 }), { nil: undefined })
})

/** The items an entry names, as the documentation says: an index in range, else a key among the items' keys. */
function named(e: unknown, count: number, keys: readonly unknown[] | undefined): number[] {
  if (e === null || typeof e !== 'object' || Array.isArray(e)) return []
  const { index, key: k } = e as { index?: unknown; key?: unknown }
  const i = typeof index === 'number' ? index : typeof index === 'string' && /^(0|[1-9][0-9]*)$/.test(index) ? Number(index) : NaN
  if (Number.isInteger(i) && i >= 0 && i < count) return [i]
  if (keys === undefined || keys.length !== count || (typeof k !== 'string' && typeof k !== 'number')) return []
  return keys.flatMap((item, j) => (String(item) === String(k) ? [j] : []))
}

describe('itemFailures, for any answer', () => {
  it('gives one report per item, fails every item an entry names, and delivers none when a failure is unattributed', () => {
    fc.assert(
      fc.property(answer, ({ count, failures, failed, keys }) => {
        const reports = itemFailures(failures, failed, keys, count)
        expect(reports).toHaveLength(count)
        const entries = Array.isArray(failures) ? failures : []
        const names = entries.map((e) => named(e, count, keys))
        for (const list of names) for (const i of list) expect(reports[i]?.status).toBeGreaterThanOrEqual(400)
        const unattributed =
          (!Array.isArray(failures) && failures !== undefined && failures !== null) ||
          names.some((list) => list.length === 0) ||
          (failed !== undefined && failed !== null && (typeof failed !== 'number' || !Number.isInteger(failed) || failed < 0 || failed > entries.length))
        const delivered = reports.filter((r) => r.status >= 200 && r.status < 300).length
        if (unattributed) expect(delivered).toBe(0)
        else expect(delivered).toBe(count - new Set(names.flat()).size)
        for (const r of reports) expect(r.unattributed === true).toBe(r.status === 500 && r.message?.startsWith('the response reports failures it does not attribute') === true)
      }),
      { numRuns: 2000 }
    )
  })
})
