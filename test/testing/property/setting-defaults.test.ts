/**
 * `mapc test` and an optional defaulted setting: the settings arbitrary sometimes leaves it out,
 * and the run fills the default in as the runtime does at start, so a request that needs the
 * setting (the API requires the header and the body property it goes into) fits the API either way.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { buildAndLoad, compileMap, removeBuilds } from '../../support/build-destination.js'
import { formatPropertyResult, propertyKey, runPropertyTests, type PropertyTestReport } from '../../../src/testing/property/index.js'
import { settingsArbitrary } from '../../../src/testing/property/settings-arbitrary.js'
import type { DestinationIR } from '../../../src/compiler/ir.js'

const SUITE = 'property-setting-defaults'

const text = `destination regional {
  title "Regional"
  accepts track
  setting region: string { label "Region"  choices "eu", "us"  default "eu" }
  auth none { }
  action track {
    title "Track"
    trigger type = "track"
    field event_name: string required { label "Event"  default $.event }
    perform {
      send POST "https://api.regional.test/events" {
        headers { "x-region": settings.region }
        json { name: event_name, region: settings.region }
      }
    }
  }
}
`

const api = {
  oneOf: [
    {
      'x-mapc-endpoint': 'POST https://api.regional.test/events',
      type: 'object',
      required: ['headers', 'body'],
      properties: {
        headers: { type: 'object', required: ['x-region'], properties: { 'x-region': { enum: ['eu', 'us'] } } },
        body: { type: 'object', required: ['name', 'region'], properties: { name: { type: 'string' }, region: { enum: ['eu', 'us'] } } }
      }
    }
  ]
}

let ir: DestinationIR
let report: PropertyTestReport
let root: string | undefined

beforeAll(async () => {
  // On disk, with the API schema in apis/ next to it: where mapc test finds the schema requests must fit.
  mkdirSync(resolve('.tmp'), { recursive: true })
  root = mkdtempSync(resolve('.tmp', 'property-setting-defaults-'))
  const file = relative(process.cwd(), join(root, 'regional.map'))
  writeFileSync(file, text)
  mkdirSync(join(root, 'apis'))
  writeFileSync(join(root, 'apis', 'regional.schema.json'), JSON.stringify(api))
  ir = compileMap(file)
  report = await runPropertyTests([{ ir, compiled: (await buildAndLoad(ir, SUITE)).destination }], { runs: 60, seed: 7, adversarial: false })
}, 180_000)

afterAll(() => {
  removeBuilds(SUITE)
  if (root) rmSync(root, { recursive: true, force: true })
})

describe('mapc test with an optional defaulted setting', () => {
  it('draws settings that leave it out and settings that set it', () => {
    const drawn = fc.sample(settingsArbitrary(ir.settings), { numRuns: 200, seed: 7 })
    expect(drawn.some((s) => !('region' in s))).toBe(true)
    expect(drawn.some((s) => s['region'] === 'us')).toBe(true)
  })

  it('every property holds: the default fills the header and body property the API requires when the settings leave it out', () => {
    expect(report.setupFailures).toEqual([])
    expect(report.results.map((r) => propertyKey(r.id))).toContain('regional/track/single/fits-api')
    const fits = report.results.find((r) => propertyKey(r.id) === 'regional/track/single/fits-api')
    expect(fits?.status === 'passed' ? fits.tally.requests : 0).toBeGreaterThan(0)
    expect(report.results.filter((r) => r.status !== 'passed').map(formatPropertyResult).join('')).toBe('')
  })
})
