/**
 * How the real project finds what it checks against: the API schema next to the `.map` file.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { projectCheckOptions } from '../../src/compiler/check-options.js'

const dir = mkdtempSync(join(tmpdir(), 'mapc-check-options-'))
mkdirSync(join(dir, 'apis'))
const mapFile = join(dir, 'shop.map')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('projectCheckOptions', () => {
  it('finds no API schema when the file is missing, without a problem', () => {
    const found = projectCheckOptions(mapFile).apiSchema('absent')
    expect(found?.api).toBeUndefined()
    expect(found?.problems).toEqual([])
    expect(found?.file.endsWith(join('apis', 'absent.schema.json'))).toBe(true)
  })

  it('reports a file that is not JSON as a problem instead of throwing', () => {
    writeFileSync(join(dir, 'apis', 'broken.schema.json'), '{ "oneOf": [')
    const found = projectCheckOptions(mapFile).apiSchema('broken')
    expect(found?.api).toBeUndefined()
    expect(found?.problems).toHaveLength(1)
    expect(found?.problems[0]).toMatch(/^not valid JSON: /)
  })

  it('reads the endpoints of apis/<destination>.schema.json next to the .map file', () => {
    writeFileSync(
      join(dir, 'apis', 'shop.schema.json'),
      JSON.stringify({
        oneOf: [{ $ref: '#/definitions/me' }, { $ref: '#/definitions/gone' }],
        definitions: { me: { 'x-mapc-endpoint': 'GET https://api.shop.test/v1/me', properties: { headers: { type: 'object' } } } }
      })
    )
    const found = projectCheckOptions(mapFile).apiSchema('shop')
    expect(found?.api?.endpoints.map((e) => [e.id, e.method, e.urlTemplate, e.headers])).toEqual([
      ['me', 'GET', 'https://api.shop.test/v1/me', { type: 'object' }]
    ])
    expect(found?.problems).toEqual(['endpoint gone: cannot resolve #/definitions/gone'])
  })

  it('serves the Segment Spec schema of each event type', () => {
    const schema = projectCheckOptions(mapFile).eventSchema('track')
    expect(schema).toMatchObject({ properties: { type: { const: 'track' } } })
  })
})
