import { expect, test } from 'vitest'
import { closestMatch, editDistance } from '../../src/compiler/syntax/did-you-mean.js'

test.each([
  ['feild', 'field', 1],
  ['acton', 'action', 1],
  ['destinatoin', 'destination', 1],
  ['kitten', 'sitting', 3],
  ['', 'abc', 3],
  ['same', 'same', 0]
])('editDistance(%s, %s) = %i', (a, b, distance) => {
  expect(editDistance(a, b)).toBe(distance)
})

test('closestMatch suggests within one edit for short words and two for longer ones', () => {
  const members = ['field', 'trigger', 'skip', 'reject', 'perform', 'batch']
  expect(closestMatch('feild', members)).toBe('field')
  expect(closestMatch('perfom', members)).toBe('perform')
  expect(closestMatch('skpi', members)).toBe('skip')
  expect(closestMatch('xyz', members)).toBeUndefined()
  expect(closestMatch('title', members)).toBeUndefined()
  expect(closestMatch('field', members)).toBeUndefined()
})
