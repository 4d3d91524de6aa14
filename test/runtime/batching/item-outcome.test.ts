/**
 * What counts as one item's outcome, and how a thrown non-Error reaches the item's owner
 * (src/runtime/batching/item-outcome.ts), directly: the batcher's tests reach these only through
 * whole batches, where a guard that lets `null` through shows up as an item that never settles.
 */
import { describe, expect, it } from 'vitest'
import { asError, isItemOutcome } from '../../../src/runtime/batching/item-outcome.js'

describe('isItemOutcome', () => {
  it('accepts a success, with or without a value, and a failure with an Error', () => {
    expect(isItemOutcome({ ok: true, value: 1 })).toBe(true)
    expect(isItemOutcome({ ok: true })).toBe(true)
    expect(isItemOutcome({ ok: false, error: new TypeError('x') })).toBe(true)
  })

  it('refuses null and every value that is no object, without throwing', () => {
    for (const value of [null, undefined, 0, 1, '', 'ok', true, false, Symbol('ok')]) expect(isItemOutcome(value)).toBe(false)
  })

  it('refuses a failure without an Error, and an `ok` that is not a boolean', () => {
    expect(isItemOutcome({ ok: false })).toBe(false)
    expect(isItemOutcome({ ok: false, error: 'quota exhausted' })).toBe(false)
    expect(isItemOutcome({ ok: false, error: { message: 'looks like an error' } })).toBe(false)
    expect(isItemOutcome({ ok: 'yes', error: new Error('x') })).toBe(false)
    expect(isItemOutcome({ ok: 1, value: 1 })).toBe(false)
    expect(isItemOutcome({ ok: 0, error: new Error('x') })).toBe(false)
    expect(isItemOutcome({})).toBe(false)
    expect(isItemOutcome([])).toBe(false)
  })
})

describe('asError', () => {
  it('passes an Error through as itself', () => {
    const error = new RangeError('r')
    expect(asError(error)).toBe(error)
  })

  it('keeps a thrown string as the message, and names anything else only by its type', () => {
    expect(asError('quota "exhausted"').message).toBe('the batch sender threw a non-error value: "quota \\"exhausted\\""')
    expect(asError(null).message).toBe('the batch sender threw a non-error value: null')
    expect(asError(undefined).message).toBe('the batch sender threw a non-error value: undefined')
    expect(asError({ apiKey: 'sk_live_secret' }).message).toBe('the batch sender threw a non-error value: object')
    expect(asError(42).message).toBe('the batch sender threw a non-error value: number')
    expect(asError(42)).toBeInstanceOf(Error)
  })
})
