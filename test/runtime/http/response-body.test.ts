import { describe, expect, it } from 'vitest'
import { isJsonMediaType, parseBody } from '../../../src/runtime/http/index.js'

describe('parseBody', () => {
  const cases: Array<[string, string, string | null, unknown]> = [
    ['JSON with a JSON type', '{"a":1}', 'application/json; charset=utf-8', { a: 1 }],
    ['a JSON scalar with a JSON type', '42', 'application/json', 42],
    ['problem+json', '{"title":"bad"}', 'application/problem+json', { title: 'bad' }],
    ['an untyped object', ' {"a":[1]}', null, { a: [1] }],
    ['an array sent as text/plain', '[1,2]', 'text/plain', [1, 2]],
    ['a number sent as text/plain stays text', '42', 'text/plain', '42'],
    ['HTML stays text', '<html>502</html>', 'text/html', '<html>502</html>'],
    ['broken JSON stays text', '{"a":', 'application/json', '{"a":'],
    ['an empty JSON body stays text', '', 'application/json', '']
  ]
  for (const [name, text, contentType, expected] of cases) {
    it(name, () => {
      expect(parseBody(text, contentType)).toEqual(expected)
    })
  }
})

describe('isJsonMediaType', () => {
  it('recognises JSON media types only', () => {
    expect(isJsonMediaType('Application/JSON')).toBe(true)
    expect(isJsonMediaType('application/vnd.api+json')).toBe(true)
    expect(isJsonMediaType('application/jsonp')).toBe(false)
    expect(isJsonMediaType('text/json-ish')).toBe(false)
    expect(isJsonMediaType(null)).toBe(false)
  })
})
