/**
 * `failures`/`failed`/`keys` → one report per item: the items a response names fail with their
 * own status and message, the rest are delivered only when every failure it reports names an
 * item; otherwise every item it does not name is retried. Never a failed item reported delivered.
 */
import { describe, expect, it } from 'vitest'
import { itemFailures } from '../../../src/runtime/support.js'

const delivered = { status: 200 }
const retried = (reason: string) => ({ status: 500, unattributed: true, message: `the response reports failures it does not attribute to items (${reason})` })

describe('itemFailures', () => {
  it('fails the items named by index, with their status and message, and delivers the rest', () => {
    const failures = [
      { index: 2, status: 422, message: 'bad email' },
      { index: 0, message: 'missing name' }
    ]
    expect(itemFailures(failures, 2, undefined, 4)).toEqual([{ status: 400, message: 'missing name' }, delivered, { status: 422, message: 'bad email' }, delivered])
  })

  it('reads an index written as a numeric string (HubSpot echoes objectWriteTraceId as text)', () => {
    expect(itemFailures([{ index: '1' }], undefined, undefined, 2)).toEqual([delivered, { status: 400 }])
  })

  it('delivers every item when the response lists no failure (absent or null list, zero count)', () => {
    expect(itemFailures(undefined, undefined, undefined, 2)).toEqual([delivered, delivered])
    expect(itemFailures(null, 0, undefined, 2)).toEqual([delivered, delivered])
    expect(itemFailures([], null, undefined, 1)).toEqual([delivered])
  })

  it('matches failures by key against the items\' keys, as text, every item with that key', () => {
    const keys = ['a@x.test', 'b@x.test', 'a@x.test', 7]
    expect(itemFailures([{ key: 'a@x.test', status: 409, message: 'duplicate' }, { key: '7' }], undefined, keys, 4)).toEqual([
      { status: 409, message: 'duplicate' },
      delivered,
      { status: 409, message: 'duplicate' },
      { status: 400 }
    ])
  })

  it('keeps the first failure that names an item, and reads a status outside 400–599 as 400', () => {
    expect(itemFailures([{ index: 0, status: 200, message: 'first' }, { index: 0, status: 503, message: 'second' }], undefined, undefined, 1)).toEqual([
      { status: 400, message: 'first' }
    ])
    expect(itemFailures([{ index: 0, status: 429 }], undefined, undefined, 1)).toEqual([{ status: 429 }])
  })

  it('retries every item it does not name when a failure names no item of the batch', () => {
    const failures = [{ index: 1, message: 'bad' }, { message: 'no index' }, { index: 5 }, { index: -1 }, { index: 1.5 }, { index: '01' }, 'text', null]
    expect(itemFailures(failures, undefined, undefined, 3)).toEqual([
      retried('7 of its 8 failures name no item of the batch'),
      { status: 400, message: 'bad' },
      retried('7 of its 8 failures name no item of the batch')
    ])
  })

  it('retries every item when a key matches none, or the items have no keys', () => {
    expect(itemFailures([{ key: 'z' }], undefined, ['a', 'b'], 2)).toEqual([retried('1 of its 1 failures names no item of the batch'), retried('1 of its 1 failures names no item of the batch')])
    expect(itemFailures([{ key: 'a' }], undefined, undefined, 1)).toEqual([retried('1 of its 1 failures names no item of the batch')])
  })

  it('retries every item when it counts more failures than it lists (counts-only answers included)', () => {
    expect(itemFailures([{ index: 0 }], 2, undefined, 3)).toEqual([{ status: 400 }, retried('it counts 2 failures and lists 1'), retried('it counts 2 failures and lists 1')])
    expect(itemFailures(undefined, 1, undefined, 2)).toEqual([retried('it counts 1 failures and lists 0'), retried('it counts 1 failures and lists 0')])
    expect(itemFailures(undefined, 0, undefined, 2)).toEqual([delivered, delivered])
  })

  it('retries every item when the list or the count is not one', () => {
    expect(itemFailures({ index: 0 }, undefined, undefined, 1)).toEqual([retried('its list of failures is not a list')])
    expect(itemFailures([], '1', undefined, 1)).toEqual([retried('its count of failures is not a whole number')])
    expect(itemFailures([], -1, undefined, 1)).toEqual([retried('its count of failures is not a whole number')])
  })

  it('never quotes the response in its reason (it may carry secrets)', () => {
    const [report] = itemFailures([{ index: 'sk_live_secret' }], 'sk_live_count', undefined, 1)
    expect(JSON.stringify(report)).not.toContain('sk_live')
  })
})
