import { expect } from 'vitest'

/** The error `promise` rejects with, checked to be a `type`; fails the test if it resolves. */
export async function rejectionOf<E>(promise: Promise<unknown>, type: { prototype: E; name: string }): Promise<E> {
  let outcome: { settled: 'resolved' } | { settled: 'rejected'; error: unknown }
  try {
    await promise
    outcome = { settled: 'resolved' }
  } catch (error) {
    outcome = { settled: 'rejected', error }
  }
  if (outcome.settled === 'resolved') throw new Error(`expected a rejection with ${type.name}, but it resolved`)
  expect(outcome.error).toBeInstanceOf(type)
  return outcome.error as E
}
