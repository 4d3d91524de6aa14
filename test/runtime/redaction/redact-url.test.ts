import { describe, expect, it } from 'vitest'
import { createRedactor, redactUrl } from '../../../src/runtime/redaction/index.js'

const none = createRedactor([])

describe('redactUrl', () => {
  it('gives the endpoint without query or fragment, and the URL as it was when nothing is sensitive', () => {
    const url = 'https://api.attio.com/v2/objects/custom%20objects/records/simple?matching_attribute=a+b&x=%2F#top'
    expect(redactUrl(url, none)).toEqual({
      url,
      endpoint: 'https://api.attio.com/v2/objects/custom%20objects/records/simple'
    })
  })

  it('masks sensitive query parameters by name and a userinfo password', () => {
    expect(redactUrl('https://me:pw1234@api.example.com/x?api_key=k1&Token=t2&page=2&api_key=k3', none)).toEqual({
      url: 'https://me:[REDACTED]@api.example.com/x?api_key=[REDACTED]&Token=[REDACTED]&page=2&api_key=[REDACTED]',
      endpoint: 'https://api.example.com/x'
    })
  })

  it('redacts known secrets in the path', () => {
    const redactor = createRedactor(['acct-99887766'])
    expect(redactUrl('https://api.example.com/accounts/acct-99887766/events?q=1', redactor)).toEqual({
      url: 'https://api.example.com/accounts/[REDACTED]/events?q=1',
      endpoint: 'https://api.example.com/accounts/[REDACTED]/events'
    })
  })

  it('shows text that is not a URL masked the same way, and its endpoint without query or fragment', () => {
    expect(redactUrl('relative/path?api%5Fkey=abc&page=2&token=x#frag', none)).toEqual({
      url: 'relative/path?api%5Fkey=[REDACTED]&page=2&token=[REDACTED]#frag',
      endpoint: 'relative/path'
    })
    expect(redactUrl('no query here', none)).toEqual({ url: 'no query here', endpoint: 'no query here' })
  })
})
