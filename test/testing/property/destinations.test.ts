/**
 * `mapc test` on the three real destinations: every action, every property, single events and
 * batches, with adversarial events. The seed is fixed so that a failure here is reproducible
 * with the replay path it prints; MAPC_PROPERTY_RUNS raises the run count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatPropertyResult, propertyKey, runPropertyTests, type PropertyTestReport } from '../../../src/testing/property/index.js'
import { removeBuilds } from '../../support/build-destination.js'
import { destinationUnderTest, propertyRuns } from './support.js'

const SUITE = 'property-destinations'

const seed = 20240524

/**
 * Defects `mapc test` has found in the real mappings and not yet fixed (none today). A property
 * listed here may fail, and only for the reason given; remove an entry once its defect is fixed.
 */
const knownFindings: ReadonlyMap<string, RegExp> = new Map()

let report: PropertyTestReport

beforeAll(async () => {
  const destinations = await Promise.all(['attio', 'matilda', 'schematic'].map((name) => destinationUnderTest(SUITE, `mappings/${name}.map`)))
  report = await runPropertyTests(destinations, { runs: propertyRuns, seed, adversarial: true })
}, 120_000)

afterAll(() => removeBuilds(SUITE))

describe(`mapc test on mappings/*.map (${propertyRuns} runs per property, seed ${seed})`, () => {
  it('tests every action with all four properties, in single mode and, for batch blocks, in batch mode', () => {
    expect(report.setupFailures).toEqual([])
    const keys = report.results.map((r) => propertyKey(r.id))
    const expectedModes: Record<string, string[]> = {
      'attio/identifyUser': ['single', 'batch'],
      'attio/groupWorkspace': ['single', 'batch'],
      'attio/assertRecord': ['single', 'batch'],
      'matilda/identify': ['single'],
      'matilda/group': ['single'],
      'matilda/track': ['single', 'batch'],
      'schematic/trackEvent': ['single'],
      'schematic/identifyUser': ['single']
    }
    const expected = Object.entries(expectedModes).flatMap(([action, modes]) =>
      modes.flatMap((mode) => ['fits-api', 'deterministic', 'invariants', 'agrees-with-interpreter'].map((p) => `${action}/${mode}/${p}`))
    )
    expect(keys).toEqual(expected)
  })

  it('every property holds, except the known findings, which fail only for their stated reason', () => {
    const unexpected = report.results.filter((result) => {
      if (result.status === 'passed') return false
      const known = knownFindings.get(propertyKey(result.id))
      return !(known && result.status === 'failed' && known.test(result.reason))
    })
    expect(unexpected.map(formatPropertyResult).join('')).toBe('')
  })

  it('runs every property its full run count, and delivers a good share of the events it generates', () => {
    for (const result of report.results) {
      if (result.status !== 'passed') continue
      expect(result.runs, propertyKey(result.id)).toBe(propertyRuns)
      if (result.id.property === 'fits-api') {
        expect(result.tally.requests, `${propertyKey(result.id)} sent requests`).toBeGreaterThan(0)
        expect(result.tally.outcomes.delivered, `${propertyKey(result.id)} delivered events`).toBeGreaterThan(0)
      }
    }
  })

  it('checks the invariants where the mappings have something to check', () => {
    const tally = (key: string) => {
      const result = report.results.find((r) => propertyKey(r.id) === key)
      return result?.status === 'passed' ? result.tally : undefined
    }
    // Schematic sends snake_case(event_name); Attio and Matilda upsert on literal keys.
    expect(tally('schematic/trackEvent/single/invariants')?.snakeCaseNames).toBeGreaterThan(0)
    expect(tally('attio/identifyUser/single/invariants')?.upsertKeys).toBeGreaterThan(0)
    expect(tally('attio/groupWorkspace/single/invariants')?.upsertKeys).toBeGreaterThan(0)
    expect(tally('matilda/identify/single/invariants')?.upsertKeys).toBeGreaterThan(0)
    expect(tally('matilda/group/single/invariants')?.upsertKeys).toBeGreaterThan(0)
    // assertRecord's key is a field: the user's to keep, never checked.
    expect(tally('attio/assertRecord/single/invariants')?.upsertKeys).toBe(0)
  })
})
