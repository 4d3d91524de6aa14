import { describe, expect, it } from 'vitest'
import { createBatcher, type ItemOutcome } from '../../../src/runtime/batching/index.js'
import { BatcherClosedError, BatchOutcomeError, ConfigError, ServerError } from '../../../src/runtime/errors/index.js'
import { manualClock, settle } from './support/manual-clock.js'

/** A send that records each batch and answers every item with its own value doubled. */
function recordingSend() {
  const batches: number[][] = []
  const send = async (items: number[]): Promise<ItemOutcome<number>[]> => {
    batches.push([...items])
    return items.map((item) => ({ ok: true, value: item * 2 }))
  }
  return { batches, send }
}

function tracked<T>(promise: Promise<T>): { promise: Promise<T>; settled: () => boolean } {
  let done = false
  void promise.then(
    () => (done = true),
    () => (done = true)
  )
  return { promise, settled: () => done }
}

describe('sending by size', () => {
  it('sends a batch the moment it reaches maxSize', async () => {
    const clock = manualClock()
    const { batches, send } = recordingSend()
    const batcher = createBatcher({ maxSize: 3, maxAgeMs: 1000, send, clock })
    const outcomes = [1, 2, 3, 4, 5, 6, 7].map((item) => batcher.add(item))
    await settle()
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5, 6]
    ])
    expect(await Promise.all(outcomes.slice(0, 6))).toEqual([2, 4, 6, 8, 10, 12].map((value) => ({ ok: true, value })))
    const last = tracked(outcomes[6] as Promise<ItemOutcome<number>>)
    await settle()
    expect(last.settled()).toBe(false)
    clock.advance(1000)
    await settle()
    expect(batches).toEqual([[1, 2, 3], [4, 5, 6], [7]])
    expect(await last.promise).toEqual({ ok: true, value: 14 })
  })

  it('sends every item alone with maxSize 1', async () => {
    const { batches, send } = recordingSend()
    const batcher = createBatcher({ maxSize: 1, maxAgeMs: 1000, send, clock: manualClock() })
    await Promise.all([batcher.add(1), batcher.add(2)])
    expect(batches).toEqual([[1], [2]])
  })
})

describe('sendWaiting', () => {
  it('sends what is waiting at once and returns nothing to wait for; the age timer no longer fires for it', async () => {
    const clock = manualClock()
    const { batches, send } = recordingSend()
    const batcher = createBatcher({ maxSize: 10, maxAgeMs: 100, send, clock })
    const outcomes = [batcher.add(1), batcher.add(2)]
    expect(batcher.sendWaiting()).toBeUndefined()
    await settle()
    expect(batches).toEqual([[1, 2]])
    expect(await Promise.all(outcomes)).toEqual([2, 4].map((value) => ({ ok: true, value })))
    batcher.sendWaiting()
    clock.advance(100)
    await settle()
    expect(batches).toEqual([[1, 2]])
  })
})

describe('sending by age', () => {
  it('sends when the oldest item is maxAgeMs old, not the newest', async () => {
    const clock = manualClock()
    const { batches, send } = recordingSend()
    const batcher = createBatcher({ maxSize: 10, maxAgeMs: 100, send, clock })
    const first = batcher.add(1)
    clock.advance(60)
    const second = batcher.add(2)
    clock.advance(39)
    await settle()
    expect(batches).toEqual([])
    clock.advance(1)
    await settle()
    expect(batches).toEqual([[1, 2]])
    expect(await Promise.all([first, second])).toEqual([
      { ok: true, value: 2 },
      { ok: true, value: 4 }
    ])
  })

  it('starts the age of the next batch at its own first item', async () => {
    const clock = manualClock()
    const { batches, send } = recordingSend()
    const batcher = createBatcher({ maxSize: 2, maxAgeMs: 100, send, clock })
    void batcher.add(1)
    clock.advance(90)
    void batcher.add(2) // full: sent now, its timer cancelled
    expect(clock.pendingTimers()).toBe(0)
    void batcher.add(3)
    clock.advance(99)
    await settle()
    expect(batches).toEqual([[1, 2]])
    clock.advance(1)
    await settle()
    expect(batches).toEqual([[1, 2], [3]])
  })

  it('with maxAgeMs 0 sends on the next tick of the clock', async () => {
    const clock = manualClock()
    const { batches, send } = recordingSend()
    const batcher = createBatcher({ maxSize: 10, maxAgeMs: 0, send, clock })
    void batcher.add(1)
    void batcher.add(2)
    clock.advance(0)
    await settle()
    expect(batches).toEqual([[1, 2]])
  })

  it('works on real timers', async () => {
    const { batches, send } = recordingSend()
    const batcher = createBatcher({ maxSize: 10, maxAgeMs: 5, send })
    expect(await batcher.add(21)).toEqual({ ok: true, value: 42 })
    expect(batches).toEqual([[21]])
  })
})

describe('per-item outcomes', () => {
  it('fails only the items the sender reports as failed', async () => {
    const rejected = new ServerError({ method: 'PUT', url: 'https://api.example.com/batch', status: 500 })
    const batcher = createBatcher<string, string>({
      maxSize: 3,
      maxAgeMs: 1000,
      clock: manualClock(),
      send: async (items) =>
        items.map((item) =>
          item.startsWith('bad') ? { ok: false, error: rejected } : { ok: true, value: `id-${item}` }
        )
    })
    const outcomes = await Promise.all(['a', 'bad-b', 'c'].map((item) => batcher.add(item)))
    expect(outcomes).toEqual([
      { ok: true, value: 'id-a' },
      { ok: false, error: rejected },
      { ok: true, value: 'id-c' }
    ])
  })
})

describe('a send that fails', () => {
  it('gives every item of the batch the error it threw, and later batches still go out', async () => {
    const boom = new ServerError({ method: 'PUT', url: 'https://api.example.com/batch', status: 503, attempts: 3 })
    let calls = 0
    const batcher = createBatcher<number, number>({
      maxSize: 2,
      maxAgeMs: 1000,
      clock: manualClock(),
      send: async (items) => {
        calls++
        if (calls === 1) throw boom
        return items.map((value) => ({ ok: true, value }))
      }
    })
    const outcomes = await Promise.all([1, 2, 3, 4].map((item) => batcher.add(item)))
    expect(outcomes).toEqual([
      { ok: false, error: boom },
      { ok: false, error: boom },
      { ok: true, value: 3 },
      { ok: true, value: 4 }
    ])
  })

  it('catches a send that throws before returning a promise', async () => {
    const batcher = createBatcher<number, number>({
      maxSize: 2,
      maxAgeMs: 1000,
      clock: manualClock(),
      send: () => {
        throw new TypeError('cannot build the request')
      }
    })
    const outcomes = await Promise.all([batcher.add(1), batcher.add(2)])
    for (const outcome of outcomes) {
      expect(outcome.ok).toBe(false)
      if (!outcome.ok) expect(outcome.error.message).toBe('cannot build the request')
    }
  })

  it('turns a thrown non-error into an Error', async () => {
    const batcher = createBatcher<number, number>({
      maxSize: 1,
      maxAgeMs: 1000,
      clock: manualClock(),
      send: async () => {
        throw { status: 'nope' }
      }
    })
    const outcome = await batcher.add(1)
    expect(outcome.ok).toBe(false)
    if (!outcome.ok) {
      expect(outcome.error).toBeInstanceOf(Error)
      expect(outcome.error.message).toBe('the batch sender threw a non-error value: object')
    }
  })

  it('keeps a thrown string as the message', async () => {
    const batcher = createBatcher<number, number>({
      maxSize: 1,
      maxAgeMs: 1000,
      clock: manualClock(),
      send: async () => {
        throw 'quota exhausted'
      }
    })
    const outcome = await batcher.add(1)
    expect(outcome).toEqual({
      ok: false,
      error: new Error('the batch sender threw a non-error value: "quota exhausted"')
    })
  })

  const malformed: Array<[string, unknown, string]> = [
    [
      'too few outcomes',
      [{ ok: true, value: 1 }],
      'the batch sender gave no outcome for item 0 of 2 (it returned 1 outcomes for 2 items)'
    ],
    [
      'too many outcomes',
      [1, 2, 3].map((value) => ({ ok: true, value })),
      'the batch sender gave no outcome for item 0 of 2 (it returned 3 outcomes for 2 items)'
    ],
    ['not a list', { results: [] }, 'the batch sender gave no outcome for item 0 of 2 (it returned object)'],
    ['nothing', undefined, 'the batch sender gave no outcome for item 0 of 2 (it returned undefined)'],
    ['null', null, 'the batch sender gave no outcome for item 0 of 2 (it returned null)'],
    ['a string', 'ok', 'the batch sender gave no outcome for item 0 of 2 (it returned string)']
  ]
  for (const [name, returned, message] of malformed) {
    it(`fails every item when the sender returns ${name}`, async () => {
      const batcher = createBatcher<number, number>({
        maxSize: 2,
        maxAgeMs: 1000,
        clock: manualClock(),
        send: async () => returned as ItemOutcome<number>[]
      })
      const [first, second] = await Promise.all([batcher.add(1), batcher.add(2)])
      expect(first?.ok).toBe(false)
      expect(second?.ok).toBe(false)
      if (first !== undefined && !first.ok) {
        expect(first.error).toBeInstanceOf(BatchOutcomeError)
        expect(first.error.message).toBe(message)
      }
    })
  }

  it('fails only the item whose outcome is malformed', async () => {
    const batcher = createBatcher<number, number>({
      maxSize: 3,
      maxAgeMs: 1000,
      clock: manualClock(),
      send: async () =>
        [
          { ok: true, value: 1 },
          { ok: false, error: 'not an Error' },
          { ok: true, value: 3 }
        ] as never
    })
    const [a, b, c] = await Promise.all([batcher.add(1), batcher.add(2), batcher.add(3)])
    expect(a).toEqual({ ok: true, value: 1 })
    expect(c).toEqual({ ok: true, value: 3 })
    expect(b?.ok).toBe(false)
    if (b !== undefined && !b.ok) {
      expect(b.error.message).toBe(
        'the batch sender gave no outcome for item 1 of 3 (it returned something other than an outcome for it)'
      )
    }
  })
})

describe('flush', () => {
  it('sends a partial batch now and resolves once its items have their outcomes', async () => {
    const clock = manualClock()
    const { batches, send } = recordingSend()
    const batcher = createBatcher({ maxSize: 10, maxAgeMs: 1000, send, clock })
    const item = tracked(batcher.add(5))
    await batcher.flush()
    expect(batches).toEqual([[5]])
    expect(item.settled()).toBe(true)
    expect(clock.pendingTimers()).toBe(0)
  })

  it('waits for batches already on their way', async () => {
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => (release = resolve))
    const batcher = createBatcher<number, number>({
      maxSize: 1,
      maxAgeMs: 1000,
      clock: manualClock(),
      send: async (items) => {
        await gate
        return items.map((value) => ({ ok: true, value }))
      }
    })
    const item = tracked(batcher.add(1))
    const flushed = tracked(batcher.flush())
    await settle()
    expect(flushed.settled()).toBe(false)
    release()
    await flushed.promise
    expect(item.settled()).toBe(true)
  })

  it('resolves at once with nothing waiting', async () => {
    const { batches, send } = recordingSend()
    await createBatcher({ maxSize: 2, maxAgeMs: 10, send, clock: manualClock() }).flush()
    expect(batches).toEqual([])
  })
})

describe('close', () => {
  it('flushes what is waiting, then refuses new items with a clear error', async () => {
    const { batches, send } = recordingSend()
    const batcher = createBatcher({ maxSize: 10, maxAgeMs: 1000, send, clock: manualClock() })
    const waiting = batcher.add(1)
    await batcher.close()
    expect(batches).toEqual([[1]])
    expect(await waiting).toEqual({ ok: true, value: 2 })
    await expect(batcher.add(2)).rejects.toThrow(BatcherClosedError)
    await expect(batcher.add(2)).rejects.toThrow('the batcher is closed: no more items can be added')
    expect(batches).toEqual([[1]])
  })

  it('refuses items from the moment close is called, and returns the same promise twice', async () => {
    const { send } = recordingSend()
    const batcher = createBatcher({ maxSize: 10, maxAgeMs: 1000, send, clock: manualClock() })
    const closing = batcher.close()
    await expect(batcher.add(1)).rejects.toMatchObject({ code: 'BATCHER_CLOSED' })
    expect(batcher.close()).toBe(closing)
    await closing
  })
})

describe('options', () => {
  const { send } = recordingSend()
  const invalid: Array<[number, number, string]> = [
    [0, 10, 'maxSize: must be an integer of at least 1, got 0'],
    [1.5, 10, 'maxSize: must be an integer of at least 1, got 1.5'],
    [2, -1, 'maxAgeMs: must be a number of at least 0 and at most 2147483647, got -1'],
    [2, 2 ** 31, 'maxAgeMs: must be a number of at least 0 and at most 2147483647, got 2147483648'],
    [2, Number.POSITIVE_INFINITY, 'maxAgeMs: must be a number of at least 0 and at most 2147483647, got Infinity']
  ]
  for (const [maxSize, maxAgeMs, message] of invalid) {
    it(`rejects maxSize ${maxSize}, maxAgeMs ${maxAgeMs}`, () => {
      const build = () => createBatcher({ maxSize, maxAgeMs, send })
      expect(build).toThrow(ConfigError)
      expect(build).toThrow(message)
    })
  }
})

describe('enqueue (add without a promise)', () => {
  it('calls settle exactly once per item, after enqueue returns, with the item\'s outcome; a throwing send fails each item', async () => {
    const clock = manualClock()
    const { batches, send } = recordingSend()
    const batcher = createBatcher({ maxSize: 2, maxAgeMs: 1000, send, clock })
    const seen: [number, ItemOutcome<number>][] = []
    batcher.enqueue(1, (outcome) => seen.push([1, outcome]))
    batcher.enqueue(2, (outcome) => seen.push([2, outcome]))
    // The batch is full and dispatched, but no item is settled inside enqueue.
    expect(seen).toEqual([])
    await settle()
    expect(batches).toEqual([[1, 2]])
    expect(seen).toEqual([
      [1, { ok: true, value: 2 }],
      [2, { ok: true, value: 4 }]
    ])
    const failing = createBatcher<number, number>({ maxSize: 2, maxAgeMs: 1000, send: () => { throw new ServerError({ method: 'PUT', url: 'https://api.example.com/batch', status: 503 }) }, clock })
    const failed: ItemOutcome<number>[] = []
    failing.enqueue(1, (outcome) => failed.push(outcome))
    failing.enqueue(2, (outcome) => failed.push(outcome))
    await settle()
    expect(failed.map((o) => o.ok)).toEqual([false, false])
    expect(failed.every((o) => !o.ok && o.error instanceof ServerError)).toBe(true)
    await settle()
    expect(seen).toHaveLength(2)
    expect(failed).toHaveLength(2)
  })

  it('throws BatcherClosedError after close, and settles nothing for the refused item', async () => {
    const batcher = createBatcher({ maxSize: 2, maxAgeMs: 1000, send: recordingSend().send, clock: manualClock() })
    await batcher.close()
    let called = 0
    expect(() => batcher.enqueue(1, () => called++)).toThrow(BatcherClosedError)
    await settle()
    expect(called).toBe(0)
  })
})
