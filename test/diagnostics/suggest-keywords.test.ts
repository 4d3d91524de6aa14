import { expect, test } from 'vitest'
import { closest, editDistance } from '../../src/compiler/diagnostics/suggest.js'

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

test('closest suggests within one edit for short words and two for longer ones', () => {
  const members = ['field', 'trigger', 'skip', 'reject', 'perform', 'batch']
  expect(closest('feild', members)).toBe('field')
  expect(closest('perfom', members)).toBe('perform')
  expect(closest('skpi', members)).toBe('skip')
  expect(closest('xyz', members)).toBeUndefined()
  expect(closest('title', members)).toBeUndefined()
  expect(closest('field', members)).toBeUndefined()
})
