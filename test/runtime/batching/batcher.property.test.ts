import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createBatcher, type ItemOutcome } from '../../../src/runtime/batching/index.js'
import { manualClock, settle } from './support/manual-clock.js'

type Step = { kind: 'add'; count: number } | { kind: 'advance'; ms: number } | { kind: 'flush' }
type SendMode = 'ok' | 'throw' | 'odd-fail' | 'sync-throw'

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), count: fc.integer({ min: 1, max: 7 }) }),
  fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 150 }) }),
  fc.record({ kind: fc.constant('flush' as const) })
)

describe('the batcher never loses or duplicates an item', () => {
  it('settles every add with its own outcome, whatever the sizes, timing and failures', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 100 }),
        fc.array(step, { maxLength: 25 }),
        fc.array(fc.constantFrom<SendMode>('ok', 'throw', 'odd-fail', 'sync-throw'), { minLength: 1, maxLength: 8 }),
        async (maxSize, maxAgeMs, steps, modes) => {
          const clock = manualClock()
          const batches: number[][] = []
          const batcher = createBatcher<number, number>({
            maxSize,
            maxAgeMs,
            clock,
            send: (items) => {
              const batchIndex = batches.length
              batches.push([...items])
              const mode = modes[batchIndex % modes.length]
              if (mode === 'sync-throw') throw new Error(`batch ${batchIndex} failed`)
              return (async (): Promise<ItemOutcome<number>[]> => {
                if (mode === 'throw') throw new Error(`batch ${batchIndex} failed`)
                return items.map((item) =>
                  mode === 'odd-fail' && item % 2 === 1
                    ? { ok: false, error: new Error(`item ${item} rejected`) }
                    : { ok: true, value: item * 10 }
                )
              })()
            }
          })

          const added: Array<{ item: number; outcome: Promise<ItemOutcome<number>> }> = []
          let next = 0
          for (const s of steps) {
            if (s.kind === 'add') {
              for (let i = 0; i < s.count; i++) {
                const item = next++
                added.push({ item, outcome: batcher.add(item) })
              }
            } else if (s.kind === 'advance') {
              clock.advance(s.ms)
              await settle()
            } else {
              await batcher.flush()
            }
          }
          await batcher.close()

          // Every item went out exactly once, in the order added, in batches no larger than maxSize.
          expect(batches.flat()).toEqual(added.map(({ item }) => item))
          for (const batch of batches) expect(batch.length).toBeLessThanOrEqual(maxSize)

          // Every add settled, with the outcome that belongs to its own item and batch.
          const outcomes = await Promise.all(added.map(({ outcome }) => outcome))
          outcomes.forEach((outcome, index) => {
            const item = added[index]?.item as number
            const batchIndex = batches.findIndex((batch) => batch.includes(item))
            const mode = modes[batchIndex % modes.length]
            if (mode === 'throw' || mode === 'sync-throw') {
              expect(outcome).toEqual({ ok: false, error: new Error(`batch ${batchIndex} failed`) })
            } else if (mode === 'odd-fail' && item % 2 === 1) {
              expect(outcome).toEqual({ ok: false, error: new Error(`item ${item} rejected`) })
            } else {
              expect(outcome).toEqual({ ok: true, value: item * 10 })
            }
          })
          expect(clock.pendingTimers()).toBe(0)
        }
      ),
      { numRuns: 300 }
    )
  })
})
