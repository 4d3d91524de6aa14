/**
 * The delivered ledger on a real nats-server's KV, with deliveries of one message overlapping as
 * JetStream makes them overlap (a second worker gets the message once the first one's ack wait
 * ran out): the second delivery waits while the first one's claim is alive and then finds nothing
 * owed; it takes over only a claim left unchanged for the claim timeout, marking the entry
 * uncertain; the first attempt, back late, is told it was superseded, and what it delivered is
 * merged, not lost and not overwritten. Every claim is a compare-and-set: of two deliveries
 * racing for one message, exactly one sends.
 */
import { connect, type NatsConnection } from '@nats-io/transport-node'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { kvLedger, ledgerKey, targetKey, type Begun, type Claim, type Ledger, type LedgerEntry } from '../../src/scale-out/delivered-ledger.js'
import { scaleOutSettings } from '../../src/scale-out/settings.js'
import { openLedgerBucket } from '../../src/scale-out/topology.js'
import { startNatsServer, type NatsServer } from '../support/nats-server.js'

const A = { destination: 'attio', subscription: 'identify' }
const M = { destination: 'matilda', subscription: 'track' }

let nats: NatsServer
let nc: NatsConnection
let ledger: Ledger
let bucket: Awaited<ReturnType<typeof openLedgerBucket>>
beforeAll(async () => {
  nats = await startNatsServer()
  nc = await connect({ servers: nats.url })
  bucket = await openLedgerBucket(nc, scaleOutSettings({ ledgerBucket: 'ledger_test' }))
  ledger = kvLedger(bucket, { retryForMs: 2000, pollMs: 20 })
}, 60_000)
afterAll(async () => {
  await nc?.close()
  await nats?.stop()
})

let n = 0
const freshId = (): string => `ledger-msg-${++n}`
const LONG = { staleAfterMs: 60_000 }

function claimOf(begun: Begun): Claim {
  if (begun.kind !== 'claimed') throw new Error(`expected a claim, got ${JSON.stringify(begun)}`)
  return begun.claim
}

const delivered = (...targets: (typeof A)[]): LedgerEntry => ({ state: 'settled', done: targets.map(targetKey), pending: [], deadLettered: [] })

/** A begin that is still waiting, and a way to know it started to. */
function waiting(messageId: string, attempt: string, options: { staleAfterMs: number; signal?: AbortSignal; first?: boolean }): { result: Promise<Begun>; settledYet: () => boolean; waitingYet: Promise<void> } {
  let told!: () => void
  const waitingYet = new Promise<void>((resolve) => (told = resolve))
  let done = false
  const result = ledger.begin(messageId, attempt, { first: options.first ?? false, replay: false, staleAfterMs: options.staleAfterMs, ...(options.signal ? { signal: options.signal } : {}), onWait: () => told() })
  void result.then(() => (done = true))
  return { result, settledYet: () => done, waitingYet }
}

describe('one delivery at a time', () => {
  test('a first delivery claims with one create; after it settles, a redelivery (its ack lost) finds nothing owed', async () => {
    const id = freshId()
    const claim = claimOf(await ledger.begin(id, 'w1/1/1', { first: true, replay: false, ...LONG }))
    expect(claim).toMatchObject({ tookOver: false, lost: false, previous: { done: [], pending: [] } })
    expect(await ledger.read(id)).toMatchObject({ state: 'sending', attempt: 'w1/1/1' })
    // A renewal the worker's timer queued just before the settlement writes nothing after it.
    const [renewed, settled] = await Promise.all([ledger.renew(claim), ledger.settle(claim, delivered(A, M)), ledger.renew(claim)])
    expect([renewed, settled]).toEqual([true, 'settled'])
    expect(await ledger.renew(claim)).toBe(true)
    expect(await ledger.read(id)).toEqual({ ...delivered(A, M), attempt: 'w1/1/1' })
    expect(await ledger.begin(id, 'w2/1/2', { first: false, replay: false, ...LONG })).toEqual({ kind: 'done', previous: { ...delivered(A, M), attempt: 'w1/1/1' } })
  })

  test('a settled entry with a target pending is claimed by the next delivery, which sees what the last one left', async () => {
    const id = freshId()
    const first = claimOf(await ledger.begin(id, 'w1/2/1', { first: true, replay: false, ...LONG }))
    await ledger.settle(first, { state: 'settled', done: [targetKey(A)], pending: [M], deadLettered: [] })
    const second = claimOf(await ledger.begin(id, 'w2/2/2', { first: false, replay: false, ...LONG }))
    expect(second.previous).toMatchObject({ done: [targetKey(A)], pending: [M] })
    expect(await ledger.read(id)).toMatchObject({ state: 'sending', attempt: 'w2/2/2', pending: [M] })
  })

  test('a replay claims even a settled entry', async () => {
    const id = freshId()
    await ledger.settle(claimOf(await ledger.begin(id, 'w1/3/1', { first: true, replay: false, ...LONG })), delivered(A))
    expect((await ledger.begin(id, 'w1/9/1', { first: false, replay: true, ...LONG })).kind).toBe('claimed')
  })
})

describe('overlapping deliveries of one message', () => {
  test("the first attempt is alive (stalled past its ack wait): the second waits, sends nothing, and finds the first one's outcome", async () => {
    const id = freshId()
    const first = claimOf(await ledger.begin(id, 'slow/1/1', { first: true, replay: false, ...LONG }))
    const second = waiting(id, 'other/1/2', LONG)
    await second.waitingYet
    // Renewals are signs of life: the second delivery keeps waiting through them.
    for (let i = 0; i < 5; i++) {
      expect(await ledger.renew(first)).toBe(true)
      await sleep(30)
    }
    expect(second.settledYet()).toBe(false)
    expect(await ledger.settle(first, delivered(A))).toBe('settled')
    expect(await second.result).toEqual({ kind: 'done', previous: { ...delivered(A), attempt: 'slow/1/1' } })
    expect(await ledger.read(id)).toEqual({ ...delivered(A), attempt: 'slow/1/1' })
  })

  test('a live owner that renews is never taken over, however long it runs', async () => {
    const id = freshId()
    const first = claimOf(await ledger.begin(id, 'long/1/1', { first: true, replay: false, ...LONG }))
    const second = waiting(id, 'other/2/2', { staleAfterMs: 1500 })
    await second.waitingYet
    for (let i = 0; i < 20; i++) {
      await ledger.renew(first)
      await sleep(150)
    }
    expect(second.settledYet()).toBe(false)
    await ledger.settle(first, delivered(A))
    expect((await second.result).kind).toBe('done')
  })

  test("the first attempt's retry is not due yet: the waiting delivery gives the message back for the rest of the delay", async () => {
    const id = freshId()
    const first = claimOf(await ledger.begin(id, 'slow/3/1', { first: true, replay: false, ...LONG }))
    const second = waiting(id, 'other/3/2', LONG)
    await second.waitingYet
    await ledger.settle(first, { state: 'settled', done: [], pending: [M], deadLettered: [], retryAt: Date.now() + 60_000 })
    const later = await second.result
    expect(later.kind).toBe('later')
    expect(later.kind === 'later' && later.delayMs).toBeGreaterThan(50_000)
  })

  test("a claim left unchanged for the claim timeout is taken over and marked uncertain; its owner, back late, is superseded and its deliveries merged", async () => {
    const id = freshId()
    const stalled = claimOf(await ledger.begin(id, 'stalled/4/1', { first: true, replay: false, ...LONG }))
    const takeover = claimOf(await ledger.begin(id, 'other/4/2', { first: false, replay: false, staleAfterMs: 200 }))
    expect(takeover).toMatchObject({ tookOver: true, previous: { uncertain: true } })
    expect(await ledger.read(id)).toMatchObject({ state: 'sending', attempt: 'other/4/2', uncertain: true })
    // The stalled owner resumes: its renewal fails, its settlement merges A into the new owner's entry and leaves it the new owner's.
    expect(await ledger.renew(stalled)).toBe(false)
    expect(await ledger.settle(stalled, delivered(A))).toBe('superseded')
    expect(stalled.lost).toBe(true)
    expect(await ledger.read(id)).toMatchObject({ state: 'sending', attempt: 'other/4/2', done: [targetKey(A)], uncertain: true })
    // The new owner's settlement keeps what the old one merged.
    expect(await ledger.settle(takeover, delivered(M))).toBe('settled')
    const final = await ledger.read(id)
    expect(final).toMatchObject({ state: 'settled', attempt: 'other/4/2', uncertain: true, pending: [] })
    expect([...(final?.done ?? [])].sort()).toEqual([targetKey(A), targetKey(M)].sort())
  })

  test('a superseded owner whose target the new owner left pending: the merge finishes it', async () => {
    const id = freshId()
    const stalled = claimOf(await ledger.begin(id, 'stalled/5/1', { first: true, replay: false, ...LONG }))
    const takeover = claimOf(await ledger.begin(id, 'other/5/2', { first: false, replay: false, staleAfterMs: 100 }))
    await ledger.settle(takeover, { state: 'settled', done: [targetKey(A)], pending: [M], deadLettered: [], retryAt: Date.now() + 1000 })
    expect(await ledger.settle(stalled, delivered(A, M))).toBe('superseded')
    expect(await ledger.read(id)).toMatchObject({ state: 'settled', attempt: 'other/5/2', pending: [], uncertain: true })
    // Nothing is owed any more: the nak'd redelivery acks without sending.
    expect((await ledger.begin(id, 'third/5/3', { first: false, replay: false, ...LONG })).kind).toBe('done')
  })

  test('two deliveries racing for one settled entry with a target pending: exactly one claims, the other waits for it', async () => {
    const id = freshId()
    await ledger.settle(claimOf(await ledger.begin(id, 'w/6/1', { first: true, replay: false, ...LONG })), { state: 'settled', done: [], pending: [M], deadLettered: [] })
    const x = waiting(id, 'x/6/2', LONG)
    const y = waiting(id, 'y/6/3', LONG)
    const first = await Promise.race([x.result, y.result])
    const claim = claimOf(first)
    const loser = claim.attempt === 'x/6/2' ? y : x
    await loser.waitingYet
    expect(loser.settledYet()).toBe(false)
    await ledger.settle(claim, delivered(M))
    expect((await loser.result).kind).toBe('done')
  })

  test('two first deliveries of one messageId (a publisher retry outside the duplicate window): one creates, the other waits', async () => {
    const id = freshId()
    const x = waiting(id, 'x/7/1', { ...LONG, first: true })
    const y = waiting(id, 'y/8/1', { ...LONG, first: true })
    const claim = claimOf(await Promise.race([x.result, y.result]))
    const loser = claim.attempt === 'x/7/1' ? y : x
    await loser.waitingYet
    await ledger.settle(claim, delivered(A))
    expect((await loser.result).kind).toBe('done')
  })

  test('stopping while waiting gives up the wait; the claim stays its owner', async () => {
    const id = freshId()
    claimOf(await ledger.begin(id, 'owner/9/1', { first: true, replay: false, ...LONG }))
    const stop = new AbortController()
    const w = waiting(id, 'other/9/2', { ...LONG, signal: stop.signal })
    await w.waitingYet
    stop.abort()
    expect(await w.result).toEqual({ kind: 'stopped' })
    expect(await ledger.read(id)).toMatchObject({ state: 'sending', attempt: 'owner/9/1' })
  })

  test("a settlement whose answer was lost (the write landed): the retry sees the attempt's own entry and reports it settled", async () => {
    const id = freshId()
    const claim = claimOf(await ledger.begin(id, 'w/10/1', { first: true, replay: false, ...LONG }))
    // The same settlement written behind the ledger's back, as a try whose answer never came would have.
    const entry = await bucket.get(ledgerKey(id))
    await bucket.update(ledgerKey(id), JSON.stringify({ ...delivered(A), attempt: 'w/10/1' }), entry!.revision)
    expect(await ledger.settle(claim, delivered(A))).toBe('settled')
    expect(await ledger.read(id)).toEqual({ ...delivered(A), attempt: 'w/10/1' })
  })
})
