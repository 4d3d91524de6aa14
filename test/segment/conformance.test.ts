/**
 * The recorded conformance cases (test/conformance/cases) replayed through the Attio and
 * Schematic destinations built with `--target segment` (both module forms; the CommonJS one
 * compiled with action-destinations' compiler options), run by actions-core's own Destination with
 * the network stubbed at fetch, and judged by the judge `mapc replay` uses: the same requests
 * (every header but actions-core's user agent) and the same ending, mapc's where a case lists a
 * deviation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { judge } from '../../src/conformance/judge.js'
import { compileMap, removeBuilds } from '../support/build-destination.js'
import { loadConformanceCases } from '../support/conformance-cases.js'
import { buildSegment, buildSegmentCommonJs, type BuiltSegment } from './support/build-segment.js'
import { replaySegmentCase } from './support/segment-replay.js'

const cases = loadConformanceCases()

const SUITE = 'segment-conformance'
/** The ES module form through vitest, and the CommonJS form a partner submits, compiled by tsc and loaded by Node's require. */
const FORMS = { esm: buildSegment, commonjs: buildSegmentCommonJs } as const
const built = new Map<string, BuiltSegment>()

beforeAll(async () => {
  for (const [form, build] of Object.entries(FORMS)) {
    for (const name of new Set(cases.map((c) => c.destination))) built.set(`${form} ${name}`, await build(compileMap(`mappings/${name}.map`), SUITE))
  }
}, 300_000)

afterAll(() => removeBuilds(SUITE))

describe('conformance of the Segment target under actions-core', () => {
  it('replays all 108 recorded cases', () => {
    expect(cases).toHaveLength(108)
  })

  for (const form of Object.keys(FORMS)) {
    describe(`--module ${form}`, () => {
      for (const c of cases) {
        it(c.id, async () => {
          const segment = built.get(`${form} ${c.destination}`) as BuiltSegment
          const compiled = segment.compiled.actions[c.action]
          if (!compiled) throw new Error(`no action ${c.action}`)
          const { requests, results } = await replaySegmentCase(c, segment.definition, compiled)
          expect(judge(c, compiled, requests, results).diff).toEqual([])
        })
      }
    })
  }
})
