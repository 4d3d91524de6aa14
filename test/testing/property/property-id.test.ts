import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseReplayPath, propertyKey, propertyNames, type PropertyId } from '../../../src/testing/property/index.js'
import { replayPath } from '../../../src/testing/property/property-id.js'

describe('replay paths', () => {
  it('name the property, then fast-check’s path', () => {
    const id: PropertyId = { destination: 'attio', action: 'identifyUser', mode: 'batch', property: 'fits-api' }
    expect(propertyKey(id)).toBe('attio/identifyUser/batch/fits-api')
    expect(replayPath(id, '4:1:0')).toBe('attio/identifyUser/batch/fits-api:4:1:0')
    expect(parseReplayPath('attio/identifyUser/batch/fits-api:4:1:0')).toEqual({ target: { id, path: '4:1:0' } })
  })

  it('round-trip for every identifier-named action, mode, property and path', () => {
    const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,12}$/)
    fc.assert(
      fc.property(name, name, fc.constantFrom('single' as const, 'batch' as const), fc.constantFrom(...propertyNames), fc.array(fc.nat(40), { minLength: 1, maxLength: 30 }), (destination, action, mode, property, steps) => {
        const id = { destination, action, mode, property }
        const path = steps.join(':')
        expect(parseReplayPath(replayPath(id, path))).toEqual({ target: { id, path } })
      }),
      { numRuns: 300 }
    )
  })

  it.each([
    ['attio/identifyUser/single/fits-api', '--path "attio/identifyUser/single/fits-api" has no counter-example path'],
    ['attio/identifyUser/fits-api:1', 'does not name a property'],
    ['attio//single/fits-api:1', 'does not name a property'],
    ['a/b/c/d/e:1', 'does not name a property'],
    ['attio/identifyUser/double/fits-api:1', '--path names the mode "double": expected single or batch'],
    ['attio/identifyUser/single/fits:1', '--path names the property "fits": expected one of fits-api, deterministic, invariants, agrees-with-interpreter'],
    ['attio/identifyUser/single/fits-api:', 'ends in "", not a counter-example path like 4:1:0'],
    ['attio/identifyUser/single/fits-api:1::2', 'ends in "1::2", not a counter-example path like 4:1:0']
  ])('refuse %j', (text, message) => {
    const parsed = parseReplayPath(text)
    expect('error' in parsed && parsed.error).toContain(message)
  })
})
