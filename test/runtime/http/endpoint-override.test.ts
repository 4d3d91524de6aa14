import { describe, expect, test } from 'vitest'
import { parseEndpointOverride, withEndpointOverride } from '../../../src/runtime/http/endpoint-override.js'
import type { HttpRequest } from '../../../src/runtime/index.js'

describe('parseEndpointOverride', () => {
  test.each([
    ['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
    ['http://127.0.0.1:4010/', 'http://127.0.0.1:4010'],
    ['https://staging.attio.example', 'https://staging.attio.example'],
    ['http://[::1]:4010', 'http://[::1]:4010']
  ])('%s is the origin %s', (value, origin) => {
    expect(parseEndpointOverride(value)).toEqual({ origin })
  })

  test.each([
    ['127.0.0.1:4010', 'must be an absolute http:// or https:// URL'],
    ['localhost', 'must be an absolute http:// or https:// URL'],
    ['ftp://127.0.0.1', 'must use http or https, not ftp'],
    ['file:///etc/passwd', 'must use http or https, not file'],
    ['http://user:secret@127.0.0.1:4010', 'must not carry credentials'],
    ['http://127.0.0.1:4010/v2', 'must not have a path'],
    ['http://127.0.0.1:4010/..', 'must be written as the plain origin http://127.0.0.1:4010'],
    ['http://127.0.0.1:4010?x=1', 'must not have a query or fragment'],
    ['http://127.0.0.1:4010#x', 'must not have a query or fragment'],
    ['HTTP://LOCALHOST:4010', 'must be written as the plain origin http://localhost:4010'],
    ['http://127.0.0.1:4010\\@evil.example', 'must'],
    [' http://127.0.0.1:4010', 'must be written as the plain origin'],
    ['http://bücher.example', 'must be written as the plain origin http://xn--bcher-kva.example'],
    ['http://127.1', 'must be written as the plain origin http://127.0.0.1']
  ])('%s is refused: %s', (value, words) => {
    const parsed = parseEndpointOverride(value)
    expect('problem' in parsed && parsed.problem).toContain(words)
    // The value itself is never quoted: it may carry credentials.
    if ('problem' in parsed) expect(parsed.problem).not.toContain('secret')
  })
})

describe('withEndpointOverride', () => {
  test('replaces the origin and keeps the path and query exactly as built', async () => {
    const sent: HttpRequest[] = []
    const transport = withEndpointOverride(async (request) => {
      sent.push(request)
      return { status: 200, statusText: 'OK', headers: {}, body: {}, text: '{}' }
    }, 'http://127.0.0.1:4010')
    await transport({ method: 'PUT', url: 'https://api.attio.com/v2/objects/a%2Fb/records/simple?matching_attribute=email_addresses&x=%20', headers: { a: '1' }, body: '{}' }, {})
    await transport({ method: 'GET', url: 'https://c.schematichq.com', headers: {} }, {})
    expect(sent.map((r) => r.url)).toEqual(['http://127.0.0.1:4010/v2/objects/a%2Fb/records/simple?matching_attribute=email_addresses&x=%20', 'http://127.0.0.1:4010'])
    expect(sent[0]).toMatchObject({ method: 'PUT', headers: { a: '1' }, body: '{}' })
  })
})
