/**
 * The recorded conformance cases (test/conformance/cases) replayed through the Attio and
 * Schematic destinations built with `--target segment`, run by actions-core's own Destination with
 * the network stubbed at fetch, and judged by the judge `mapc replay` uses: the same requests
 * (every header but actions-core's user agent) and the same ending, mapc's where a case lists a
 * deviation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { judge } from '../../src/conformance/judge.js'
import { compileMap, removeBuilds } from '../support/build-destination.js'
import { loadConformanceCases } from '../support/conformance-cases.js'
import { buildSegment, type BuiltSegment } from './support/build-segment.js'
import { replaySegmentCase } from './support/segment-replay.js'

const cases = loadConformanceCases()

const SUITE = 'segment-conformance'
const built = new Map<string, BuiltSegment>()

beforeAll(async () => {
  for (const name of new Set(cases.map((c) => c.destination))) built.set(name, await buildSegment(compileMap(`mappings/${name}.map`), SUITE))
}, 120_000)

afterAll(() => removeBuilds(SUITE))

describe('conformance of the Segment target under actions-core', () => {
  it('replays all 108 recorded cases', () => {
    expect(cases).toHaveLength(108)
  })

  for (const c of cases) {
    it(c.id, async () => {
      const segment = built.get(c.destination) as BuiltSegment
      const compiled = segment.compiled.actions[c.action]
      if (!compiled) throw new Error(`no action ${c.action}`)
      const { requests, results } = await replaySegmentCase(c, segment.definition, compiled)
      expect(judge(c, compiled, requests, results).diff).toEqual([])
    })
  }
})
