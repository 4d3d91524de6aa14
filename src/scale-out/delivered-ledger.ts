/**
 * What became of each message id, in a JetStream KV bucket every worker shares: which targets
 * (destination and subscription) it was delivered to or skipped at, which wait for a retry,
 * which were dead-lettered, and which attempt, if any, is under way. A redelivery (an ack lost
 * in a restart, a nak after a partial failure) is then sent only where it is still owed, so a
 * delivered event never makes a second record or activity because its ack did not arrive.
 *
 * Every write is a compare-and-set on the entry's revision, so two deliveries of one message can
 * never both believe they own it. An attempt claims the entry (`sending`, with its own attempt
 * id) before its first request, renews the claim while it runs long (each renewal is a new
 * revision), and settles it after its outcome. A delivery that finds another attempt's claim
 * waits: JetStream hands a message to a second worker when the first one's ack wait ran out,
 * which happens when that worker died, but also when it was only stalled (a long pause, a lost
 * connection to NATS) and is still sending. The waiting delivery sends nothing while the claim
 * changes; once the owner settles, it finds nothing owed (or only what the owner left pending).
 * Only a claim left unchanged for `staleAfterMs`, measured on the waiting worker's own clock, is
 * taken over: its owner is presumed dead, whether its requests arrived is unknown, so the event is
 * sent again and the entry marked `uncertain` (at least once, not at most once). An owner that was
 * merely stalled for that long and comes back finds its claim gone: it merges what it delivered
 * into the entry, and leaves the message to the attempt that holds it now.
 *
 * Entries expire after the bucket's TTL (`ledgerTtlMs`): a message redelivered later than that
 * is sent again in full.
 */
import { JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream'
import type { KV } from '@nats-io/kv'
import { setTimeout as sleep } from 'node:timers/promises'

export interface Target {
  destination: string
  subscription: string
}

export interface LedgerEntry {
  state: 'sending' | 'settled'
  /** Targets delivered to or skipped at, as `targetKey`s. */
  done: string[]
  /** Targets that failed and may succeed later: the next delivery sends to these alone. */
  pending: Target[]
  /** Targets dead-lettered (a replay may send to one again). */
  deadLettered: string[]
  /** An attempt's worker stopped after it started sending and another took over: the event may have been applied twice. */
  uncertain?: true
  /** The attempt that claimed (`sending`) or settled the entry. */
  attempt?: string
  /** With `pending`: when the retry is due (epoch ms), so a delivery that arrives early waits for it. */
  retryAt?: number
}

export function targetKey(target: Target): string {
  return JSON.stringify([target.destination, target.subscription])
}

export function parseTargetKey(key: string): Target {
  const [destination, subscription] = JSON.parse(key) as [string, string]
  return { destination, subscription }
}

/** KV keys allow `[-/_=.A-Za-z0-9]`; base64url of the message id fits and stays readable back. */
export function ledgerKey(messageId: string): string {
  return `m.${Buffer.from(messageId, 'utf8').toString('base64url') || '_'}`
}

export function messageIdOfKey(key: string): string {
  return Buffer.from(key.slice(2), 'base64url').toString('utf8')
}

/** An attempt's ownership of a message's entry: the revision it last wrote. */
export interface Claim {
  readonly messageId: string
  readonly attempt: string
  /** What earlier attempts left (their `done`, `pending`, `deadLettered`; `uncertain` once any was taken over). */
  readonly previous: LedgerEntry
  /** The claim was taken from an attempt whose worker stopped mid-way: this attempt may apply the event a second time. */
  readonly tookOver: boolean
  /** Set once a renewal or the settlement found the claim taken by another attempt. */
  readonly lost: boolean
}

export type Begun =
  | { kind: 'claimed'; claim: Claim }
  /** Settled before, nothing owed: an ack that was lost, or another attempt that finished while this delivery waited. */
  | { kind: 'done'; previous: LedgerEntry }
  /** Settled with targets pending whose retry is not due yet. */
  | { kind: 'later'; delayMs: number }
  /** The stop signal came while this delivery waited for another attempt's claim. */
  | { kind: 'stopped' }

export interface BeginOptions {
  /** A first delivery: try a create first (one write for a new message). */
  first: boolean
  /** A replayed message: claim even a settled entry, since it is sent again. */
  replay: boolean
  /** How long another attempt's claim must stay unchanged before it is presumed dead. */
  staleAfterMs: number
  signal?: AbortSignal
  /** Told once when this delivery starts waiting for another attempt. */
  onWait?: () => void
}

export type Settled = 'settled' | 'superseded'

export interface SettleOptions {
  /**
   * Keep trying while the server is away until this signal aborts (a worker's drain timeout), instead of for `retryForMs`. An
   * attempt that knows its outcome and gives up on recording it leaves its claim to be taken over, and the event to be sent again.
   */
  until?: AbortSignal
}

export interface Ledger {
  begin(messageId: string, attempt: string, options: BeginOptions): Promise<Begun>
  /** A new revision of the claim, so waiting deliveries see its owner alive; `false` once the claim was taken over. */
  renew(claim: Claim): Promise<boolean>
  /**
   * Writes the attempt's outcome. `superseded`: another attempt took the claim over meanwhile; what
   * this one delivered is merged into the entry, and the message is that attempt's to settle.
   */
  settle(claim: Claim, entry: LedgerEntry, options?: SettleOptions): Promise<Settled>
  read(messageId: string): Promise<LedgerEntry | undefined>
}

export const EMPTY_ENTRY: Readonly<LedgerEntry> = Object.freeze({ state: 'sending', done: [], pending: [], deadLettered: [] })

/** A compare-and-set that lost: the entry has a newer revision (or, for a create, exists). */
function isConflict(error: unknown): boolean {
  return error instanceof JetStreamApiError && (error.code === JetStreamApiCodes.StreamWrongLastSequence || error.code === JetStreamApiCodes.StreamWrongLastSequenceUnknown)
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])]
}

/** `into` with what `from` finished added: done and dead-lettered targets are kept, pending ones that are finished dropped. */
export function mergeFinished(into: LedgerEntry, from: LedgerEntry): LedgerEntry {
  const done = union(into.done, from.done)
  const deadLettered = union(into.deadLettered, from.deadLettered)
  const finished = new Set([...done, ...deadLettered])
  return { ...into, done, deadLettered, pending: into.pending.filter((t) => !finished.has(targetKey(t))) }
}

interface ClaimState extends Claim {
  revision: number
  written: LedgerEntry
  lost: boolean
  /** Settled: a renewal queued behind the settlement must not write the `sending` entry back over it. */
  over: boolean
  /** Writes of one claim go one after another: a renewal in flight would otherwise make the settlement's revision stale. */
  queue: Promise<unknown>
}

export interface KvLedgerOptions {
  /** How long reads, claims and renewals keep trying while the server is away. */
  retryForMs: number
  /** The longest pause between two tries (default 2 s). */
  retryWaitMaxMs?: number
  pollMs?: number
  now?: () => number
  /** How many times the worker's connection to NATS was lost so far: a waiting delivery restarts its count of a claim's staleness after each. */
  disruptions?: () => number
}

/** Told when a read or write met an unreachable server before it succeeded: time during which no owner could have renewed a claim. */
type Trouble = () => void

export function kvLedger(kv: KV, options: KvLedgerOptions): Ledger {
  const now = options.now ?? (() => performance.now())
  const encode = (entry: LedgerEntry): string => JSON.stringify(entry)
  const maxWait = options.retryWaitMaxMs ?? 2000

  /**
   * Writes and reads survive a loss of the server (a restart): tried again for `retryForMs`, or, with `until`, until that signal
   * aborts. A lost compare-and-set is not retried here.
   */
  const persistently = async <T>(operation: () => Promise<T>, how: { until?: AbortSignal; trouble?: Trouble } = {}): Promise<T> => {
    const deadline = Date.now() + options.retryForMs
    let wait = Math.min(100, maxWait)
    for (;;) {
      try {
        return await operation()
      } catch (error) {
        if (isConflict(error)) throw error
        if (how.until === undefined ? Date.now() + wait > deadline : how.until.aborted) throw error
        how.trouble?.()
        await sleep(wait)
        wait = Math.min(wait * 2, maxWait)
      }
    }
  }

  const current = async (messageId: string, how: { until?: AbortSignal; trouble?: Trouble } = {}): Promise<{ entry: LedgerEntry; revision: number } | undefined> => {
    const found = await persistently(() => kv.get(ledgerKey(messageId)), how)
    return found === null || found.operation !== 'PUT' ? undefined : { entry: JSON.parse(found.string()) as LedgerEntry, revision: found.revision }
  }

  /** A compare-and-set: the new revision, or undefined when another write came first. */
  const swap = async (messageId: string, entry: LedgerEntry, revision: number | 'new', how: { until?: AbortSignal; trouble?: Trouble } = {}): Promise<number | undefined> => {
    try {
      return await persistently(() => (revision === 'new' ? kv.create(ledgerKey(messageId), encode(entry)) : kv.update(ledgerKey(messageId), encode(entry), revision)), how)
    } catch (error) {
      if (isConflict(error)) return undefined
      throw error
    }
  }

  const claimed = (messageId: string, attempt: string, previous: LedgerEntry, written: LedgerEntry, revision: number, tookOver: boolean): Begun => {
    const claim: ClaimState = { messageId, attempt, previous, tookOver, revision, written, lost: false, over: false, queue: Promise.resolve() }
    return { kind: 'claimed', claim }
  }

  const serially = <T>(claim: ClaimState, write: () => Promise<T>): Promise<T> => {
    const next = claim.queue.then(write, write)
    claim.queue = next.catch(() => {})
    return next
  }

  return {
    async begin(messageId, attempt, begin) {
      const pollMs = options.pollMs ?? Math.min(1000, Math.max(50, Math.floor(begin.staleAfterMs / 10)))
      const mine = (from: LedgerEntry): LedgerEntry => ({ ...from, state: 'sending', attempt })
      let watched: { revision: number; since: number } | undefined
      let told = false
      let tryCreate = begin.first
      // Time during which the server was away does not count towards a claim's staleness: its owner could not renew it either.
      let troubled = false
      const trouble: Trouble = () => void (troubled = true)
      let disruptionsSeen = options.disruptions?.() ?? 0
      for (;;) {
        if (tryCreate) {
          tryCreate = false
          const fresh = mine({ ...EMPTY_ENTRY })
          const revision = await swap(messageId, fresh, 'new', { trouble })
          if (revision !== undefined) return claimed(messageId, attempt, { ...EMPTY_ENTRY }, fresh, revision, false)
        }
        troubled = false
        const lost = options.disruptions?.() ?? 0
        const found = await current(messageId, { trouble })
        if (lost !== disruptionsSeen) {
          disruptionsSeen = lost
          troubled = true
        }
        if (found === undefined) {
          tryCreate = true
          continue
        }
        const { entry, revision } = found
        if (entry.attempt === attempt) {
          // This attempt's own write, whose answer was lost (the server restarted after storing it).
          if (entry.state === 'sending') return claimed(messageId, attempt, { ...entry, state: 'settled' }, entry, revision, false)
          return { kind: 'done', previous: entry }
        }
        if (entry.state === 'sending') {
          // Another attempt holds it: alive while its claim changes (renewals, a settlement), presumed dead once it has not for staleAfterMs.
          if (watched?.revision !== revision || troubled) watched = { revision, since: now() }
          if (!told) {
            told = true
            begin.onWait?.()
          }
          if (now() - watched.since < begin.staleAfterMs) {
            if (begin.signal?.aborted) return { kind: 'stopped' }
            await sleep(pollMs, undefined, begin.signal ? { signal: begin.signal } : {}).catch(() => {})
            if (begin.signal?.aborted) return { kind: 'stopped' }
            continue
          }
          const taken: LedgerEntry = { ...mine(entry), uncertain: true }
          const next = await swap(messageId, taken, revision)
          if (next !== undefined) return claimed(messageId, attempt, { ...entry, uncertain: true }, taken, next, true)
          continue
        }
        const owed = begin.replay || entry.pending.length > 0
        if (!owed) return { kind: 'done', previous: entry }
        if (!begin.replay && entry.retryAt !== undefined && entry.retryAt > Date.now()) return { kind: 'later', delayMs: entry.retryAt - Date.now() }
        const { retryAt: _due, ...rest } = entry
        const written = mine(rest)
        const next = await swap(messageId, written, revision)
        if (next !== undefined) return claimed(messageId, attempt, entry, written, next, false)
      }
    },

    renew(c) {
      const claim = c as ClaimState
      return serially(claim, async () => {
        if (claim.lost) return false
        if (claim.over) return true
        try {
          const next = await swap(claim.messageId, claim.written, claim.revision)
          if (next !== undefined) {
            claim.revision = next
            return true
          }
        } catch {
          // The server is away: the next renewal tries again; the settlement retries for longer.
          return true
        }
        const found = await current(claim.messageId).catch(() => undefined)
        if (found !== undefined && found.entry.attempt === claim.attempt) {
          claim.revision = found.revision
          return true
        }
        claim.lost = found !== undefined
        return !claim.lost
      })
    },

    settle(c, outcome, settleOptions = {}) {
      const claim = c as ClaimState
      const how = settleOptions.until ? { until: settleOptions.until } : {}
      return serially(claim, async (): Promise<Settled> => {
        claim.over = true
        // Once an attempt was taken over the entry stays uncertain, whatever the outcome says.
        const uncertain = outcome.uncertain === true || claim.previous.uncertain === true
        let value: LedgerEntry = { ...outcome, state: 'settled', attempt: claim.attempt, ...(uncertain ? { uncertain: true as const } : {}) }
        let revision: number | 'new' = claim.revision
        for (;;) {
          const next = await swap(claim.messageId, value, revision, how)
          if (next !== undefined) {
            claim.revision = next
            return claim.lost ? 'superseded' : 'settled'
          }
          const found = await current(claim.messageId, how)
          if (found === undefined) {
            // Expired meanwhile (a TTL shorter than the attempt): written anew.
            revision = 'new'
            continue
          }
          if (found.entry.attempt === claim.attempt) {
            // An earlier try of this write landed, or another delivery's merge changed the entry under this claim: keep what it added.
            if (found.entry.state === 'settled' && !claim.lost) return 'settled'
            value = mergeFinished(value, found.entry)
            revision = found.revision
            continue
          }
          // Taken over: what this attempt finished goes into the new owner's entry; the message is the new owner's.
          claim.lost = true
          value = mergeFinished(found.entry, value)
          revision = found.revision
        }
      })
    },

    async read(messageId) {
      return (await current(messageId))?.entry
    }
  }
}
