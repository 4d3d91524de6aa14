/**
 * The settings arbitrary of `mapc test` draws values a runtime accepts at start: a `pattern`
 * setting's values match it (a secret one is long enough to redact), choices come from the list.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { SettingIR } from '../../src/compiler/ir.js'
import { MIN_REDACTABLE_SECRET_LENGTH } from '../../src/runtime/redaction/redactor.js'
import { settingsArbitrary } from '../../src/testing/property/settings-arbitrary.js'

const at = { file: 'x.map', start: { offset: 0, line: 1, column: 1 }, end: { offset: 0, line: 1, column: 1 } }

function setting(extra: Partial<SettingIR> & { name: string }): SettingIR {
  return { type: 'string', required: true, secret: false, label: extra.name, source: at, ...extra }
}

describe('settingsArbitrary', () => {
  it('draws texts that match a setting pattern, and redactable ones for a secret', () => {
    const settings = [
      setting({ name: 'siteId', pattern: '^[a-f0-9]{20}$' }),
      setting({ name: 'apiKey', type: 'password', secret: true, pattern: '^[A-Za-z0-9]+$' }),
      setting({ name: 'region', choices: ['track.customer.io', 'track-eu.customer.io'], pattern: '^track' })
    ]
    const seen = new Set<unknown>()
    fc.assert(
      fc.property(settingsArbitrary(settings), (values) => {
        expect(values['siteId']).toMatch(/^[a-f0-9]{20}$/)
        expect(values['apiKey']).toMatch(/^[A-Za-z0-9]+$/)
        expect((values['apiKey'] as string).length).toBeGreaterThanOrEqual(MIN_REDACTABLE_SECRET_LENGTH)
        expect(['track.customer.io', 'track-eu.customer.io']).toContain(values['region'])
        seen.add(values['region'])
      }),
      { numRuns: 200 }
    )
    expect(seen.size).toBe(2)
  })
})
