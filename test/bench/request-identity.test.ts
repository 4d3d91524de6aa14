/**
 * The bench compares mapc with actions-core only if both send the same bytes: for every action
 * of the three destinations, alone and in a batch, the equivalent actions-core destination
 * (bench/actions-core/) sends requests identical to mapc's generated one — method, path and
 * query, body bytes, every header the destination sets — to a real loopback server.
 */
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { CompiledDestination } from '../../src/runtime/contract.js'
import { WORKLOADS, type Workload } from '../../bench/events.js'
import { compareRequests, type Comparison } from '../../bench/request-identity.js'
import { mapcDestinations } from '../../bench/sides.js'

let comparisons: Comparison[] = []

beforeAll(async () => {
  const destinations: Record<Workload['destination'], CompiledDestination> = await mapcDestinations(join('.tmp', `bench-identity-${process.pid}`))
  comparisons = await compareRequests(destinations)
}, 120_000)

describe('mapc and the actions-core destinations of the bench', () => {
  for (const w of WORKLOADS) {
    for (const mode of w.batches ? (['single', 'batch'] as const) : (['single'] as const)) {
      it(`send byte-identical requests for ${w.destination} ${w.action} (${mode})`, () => {
        const comparison = comparisons.find((c) => c.workload === `${w.destination} ${w.action}` && c.mode === mode)
        expect(comparison?.requests).toBeGreaterThan(0)
        expect(comparison?.differences).toEqual([])
      })
    }
  }
})
