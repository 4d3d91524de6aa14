/** A secret that is not well-formed Unicode is still redacted where it appears raw, and never makes the redactor throw. */
import { describe, expect, it } from 'vitest'
import { createRedactor } from '../../../src/runtime/redaction/index.js'

describe('a secret with a lone surrogate', () => {
  it('builds a redactor and redacts the secret as written', () => {
    const secret = 'key-\uD800-value'
    const redactor = createRedactor([secret])
    expect(redactor.redact(`token ${secret} end`)).toBe('token [REDACTED] end')
    expect(redactor.redact('nothing here')).toBe('nothing here')
  })
})
