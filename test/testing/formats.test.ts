import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatArbitrary, supportedFormats } from '../../src/testing/index.js'
import { createAjv, isValid } from '../schemas/segment/segment-ajv.js'

const ajv = createAjv()

describe('formatArbitrary', () => {
  it.each(supportedFormats)('produces strings JSON Schema’s %s format accepts', (format) => {
    const validate = ajv.compile({ type: 'string', format })
    fc.assert(
      fc.property(formatArbitrary(format), (value) => {
        expect(isValid(validate, value), value).toBe(true)
      }),
      { seed: 5, numRuns: 300 }
    )
  })

  it('puts most emails and URLs at a company’s domain', () => {
    const company =
      '(example\\.com|initech\\.com|globex\\.io|acme\\.co\\.uk|piedpiper\\.com|umbrella-corp\\.net|segment\\.com)'
    const emails = fc.sample(formatArbitrary('email'), { seed: 5, numRuns: 500 })
    expect(emails.filter((email) => new RegExp(`^[a-z]+[._+]?[a-z]+@${company}$`).test(email)).length).toBeGreaterThan(
      200
    )
    const urls = fc.sample(formatArbitrary('uri'), { seed: 5, numRuns: 500 })
    expect(urls.filter((url) => new RegExp(`^https?://${company}(/[a-z0-9/.-]*)?$`).test(url)).length).toBeGreaterThan(
      200
    )
  })

  it('refuses a format it does not know', () => {
    expect(() => formatArbitrary('phone', '#/properties/phone/format')).toThrow(
      'schema#/properties/phone/format: no generator for format "phone" (known: date-time, date, email, uri, hostname, uuid, ipv4, ipv6)'
    )
  })
})
