/** `results response.results` → one report per item, or an error: no item is ever assumed delivered. */
import { describe, expect, it } from 'vitest'
import { ResponseError } from '../../../src/runtime/errors/index.js'
import { itemReports } from '../../../src/runtime/support.js'
import { thrownBy } from './support/thrown.js'

const loc = { file: 'crm.map', line: 170, column: 15 }

function failure(value: unknown, count: number): ResponseError {
  return thrownBy(() => itemReports(value, count, loc), ResponseError)
}

describe('itemReports', () => {
  it('reads one status per item, with the message when it is a string', () => {
    expect(
      itemReports([{ status: 200 }, { status: 422, message: 'bad email' }, { status: 500, message: 7, extra: 'x' }], 3, loc)
    ).toEqual([{ status: 200 }, { status: 422, message: 'bad email' }, { status: 500 }])
  })

  it('accepts an empty list for an empty batch', () => {
    expect(itemReports([], 0, loc)).toEqual([])
  })

  it('refuses a list of the wrong length, since reports could not be paired with items', () => {
    const error = failure([{ status: 200 }], 2)
    expect(error.code).toBe('RESPONSE_VALUE_MISSING')
    expect(error.message).toBe('crm.map:170:15 results has 1 entries for 2 items')
    expect(error.location).toEqual(loc)
  })

  it('refuses anything but an array', () => {
    for (const value of [undefined, null, { results: [] }, 'ok']) {
      expect(failure(value, 1).message).toBe('crm.map:170:15 results is not an array of per-item results')
    }
  })

  it('refuses an entry without a numeric status, naming it', () => {
    expect(failure([{ status: 200 }, { status: '200' }], 2).message).toBe('crm.map:170:15 results[1].status is not a number')
    expect(failure([null], 1).message).toBe('crm.map:170:15 results[0].status is not a number')
  })

  it('reads only own properties of an entry', () => {
    const inherited = Object.create({ status: 200 }) as object
    expect(failure([inherited], 1).message).toBe('crm.map:170:15 results[0].status is not a number')
  })
})
