/**
 * A destination with one deliberate defect per property kind (fixtures/broken.map): `mapc test`
 * must find each, shrink it to a small counter-example, and reproduce exactly the same failure
 * from the seed and path it prints, while every other property of the fixture holds.
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { snake_case } from '../../../src/runtime/lib/builtins.js'
import {
  parseReplayPath,
  propertyKey,
  runPropertyTests,
  type DestinationUnderTest,
  type PropertyResult,
  type PropertyTestReport
} from '../../../src/testing/property/index.js'
import { removeBuilds } from '../../support/build-destination.js'
import { brokenFixture, destinationUnderTest, propertyRuns } from './support.js'

const SUITE = 'property-broken-fixture'
const seed = 7

const lineOf = (needle: string): number => readFileSync(brokenFixture, 'utf8').split('\n').findIndex((line) => line.includes(needle)) + 1

type Failed = Extract<PropertyResult, { status: 'failed' }>

let broken: DestinationUnderTest
let report: PropertyTestReport

function failure(key: string): Failed {
  const result = report.results.find((r) => propertyKey(r.id) === key)
  if (result?.status !== 'failed') throw new Error(`${key} did not fail: ${JSON.stringify(result)}`)
  return result
}

beforeAll(async () => {
  broken = await destinationUnderTest(SUITE, brokenFixture)
  report = await runPropertyTests([broken], { runs: propertyRuns, seed, adversarial: true })
}, 60_000)

afterAll(() => removeBuilds(SUITE))

describe('fixtures/broken.map', () => {
  it('fails exactly the three defective properties; every other property holds', () => {
    expect(report.setupFailures).toEqual([])
    expect(report.ok).toBe(false)
    const failed = report.results.filter((r) => r.status !== 'passed').map((r) => propertyKey(r.id))
    expect(failed).toEqual(['broken/seeUser/single/fits-api', 'broken/upsertPerson/single/invariants', 'broken/trackEvent/single/invariants'])
    expect(report.results).toHaveLength(12)
  })

  it('defect 1: a default that sends a value the API schema rejects, with the schema path and rule', () => {
    const result = failure('broken/seeUser/single/fits-api')
    expect(result.reason).toBe(
      'request 1, POST https://api.broken.test/v1/sightings, does not fit test/testing/property/fixtures/apis/broken.schema.json: /body/user_id must match pattern "^[A-Za-z0-9_-]+$"'
    )
    const [event, ...others] = result.counterexample.events
    expect(others).toEqual([])
    // The counter-example really is one: its userId, as text, is not an id the API takes.
    expect(String(event?.userId)).not.toMatch(/^[A-Za-z0-9_-]+$/)
    // Shrunk: nothing the failure does not need (the Spec wants a userId or an anonymousId).
    expect(['anonymousId', 'type', 'userId']).toEqual(expect.arrayContaining(Object.keys(event ?? {})))
    expect(result.counterexample.settings).toEqual({ apiKey: '[REDACTED]' })
  })

  it('defect 2: an upsert on a literal key whose values can lose the key', () => {
    const result = failure('broken/upsertPerson/single/invariants')
    expect(result.reason).toBe(`upsert record "people" by "email" at ${brokenFixture}:${lineOf('upsert record "people"')}:7 sends values without "email"`)
    const [event, ...others] = result.counterexample.events
    expect(others).toEqual([])
    expect(event?.type).toBe('identify')
    expect((event?.traits as Record<string, unknown> | undefined)?.email).toBeUndefined()
    expect(['anonymousId', 'type', 'userId']).toEqual(expect.arrayContaining(Object.keys(event ?? {})))
  })

  it('defect 3: a name transformation that is not its own snake_case', () => {
    const result = failure('broken/trackEvent/single/invariants')
    const [event] = result.counterexample.events
    const name = String(event?.event)
    const sent = `app__${snake_case(name) ?? ''}`
    const line = lineOf('`app__')
    const column = (readFileSync(brokenFixture, 'utf8').split('\n')[line - 1] ?? '').indexOf('`app__') + 1
    expect(result.reason).toBe(
      `the name ${JSON.stringify(sent)} made from snake_case(${JSON.stringify(name)}) at ${brokenFixture}:${line}:${column} is not snake case: snake_case of it is ${JSON.stringify(snake_case(sent))}`
    )
    expect(name).toMatch(/^[\x00-\x7f]+$/)
  })

  it('prints a replay path that names the property and reproduces the same failure, counter-example and all', async () => {
    for (const original of report.results.filter((r): r is Failed => r.status === 'failed')) {
      const parsed = parseReplayPath(original.path)
      if ('error' in parsed) throw new Error(parsed.error)
      expect(parsed.target.id).toEqual(original.id)
      const replayed = await runPropertyTests([broken], { runs: propertyRuns, seed: original.seed, adversarial: true, replay: parsed.target })
      expect(replayed.results).toHaveLength(1)
      const [again] = replayed.results
      expect(again?.status).toBe('failed')
      expect((again as Failed).reason).toBe(original.reason)
      expect((again as Failed).counterexample).toEqual(original.counterexample)
    }
  })

  it('finds all three with valid events only (--no-adversarial)', async () => {
    const valid = await runPropertyTests([broken], { runs: propertyRuns, seed, adversarial: false })
    const failed = valid.results.filter((r) => r.status !== 'passed').map((r) => propertyKey(r.id))
    expect(failed).toEqual(['broken/seeUser/single/fits-api', 'broken/upsertPerson/single/invariants', 'broken/trackEvent/single/invariants'])
  })
})
