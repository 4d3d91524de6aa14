/**
 * What became of each message id, in a JetStream KV bucket every worker shares: which targets
 * (destination and subscription) it was delivered to or skipped at, which wait for a retry,
 * which were dead-lettered, and whether an attempt is under way. A redelivery (an ack lost in
 * a restart, a nak after a partial failure) is then sent only where it is still owed, so a
 * delivered event never makes a second record or activity because its ack did not arrive.
 *
 * An attempt writes `sending` before its first request and `settled` after its outcome. A
 * delivery that finds `sending` follows an attempt whose worker died mid-way: whether that
 * attempt's requests arrived is unknown, so it is sent again (at least once, not at most once)
 * and the entry is marked `uncertain`, the only way an event can be applied twice.
 *
 * Entries expire after the bucket's TTL (`ledgerTtlMs`): a message redelivered later than that
 * is sent again in full.
 */
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
  /** An attempt's worker died after it started sending: the event may have been applied twice. */
  uncertain?: true
}

export function targetKey(target: Target): string {
  return JSON.stringify([target.destination, target.subscription])
}

/** KV keys allow `[-/_=.A-Za-z0-9]`; base64url of the message id fits and stays readable back. */
export function ledgerKey(messageId: string): string {
  return `m.${Buffer.from(messageId, 'utf8').toString('base64url') || '_'}`
}

export function messageIdOfKey(key: string): string {
  return Buffer.from(key.slice(2), 'base64url').toString('utf8')
}

export type Begun =
  | { kind: 'new' }
  /** Seen before: what the earlier attempts left. */
  | { kind: 'seen'; previous: LedgerEntry }

export interface Ledger {
  /**
   * Marks an attempt as started and says what earlier attempts left. `first` (a first delivery)
   * tries a create first: one write for a new message. `replay` marks even a settled entry, since
   * a replayed message is sent again.
   */
  begin(messageId: string, first: boolean, replay: boolean): Promise<Begun>
  settle(messageId: string, entry: LedgerEntry): Promise<void>
  read(messageId: string): Promise<LedgerEntry | undefined>
}

export const EMPTY_ENTRY: Readonly<LedgerEntry> = Object.freeze({ state: 'sending', done: [], pending: [], deadLettered: [] })

export function kvLedger(kv: KV, options: { retryForMs: number }): Ledger {
  const encode = (entry: LedgerEntry): string => JSON.stringify(entry)
  const decode = (text: string): LedgerEntry => JSON.parse(text) as LedgerEntry

  /** Writes survive a short loss of the server (a restart): they are tried again for `retryForMs`. */
  const persistently = async <T>(write: () => Promise<T>): Promise<T> => {
    const deadline = Date.now() + options.retryForMs
    let wait = 100
    for (;;) {
      try {
        return await write()
      } catch (error) {
        if (Date.now() + wait > deadline) throw error
        await sleep(wait)
        wait = Math.min(wait * 2, 2000)
      }
    }
  }

  const read = async (messageId: string): Promise<LedgerEntry | undefined> => {
    const entry = await persistently(() => kv.get(ledgerKey(messageId)))
    return entry === null || entry.operation !== 'PUT' ? undefined : decode(entry.string())
  }

  return {
    async begin(messageId, first, replay) {
      const key = ledgerKey(messageId)
      if (first) {
        try {
          await kv.create(key, encode({ ...EMPTY_ENTRY }))
          return { kind: 'new' }
        } catch {
          // It exists (a publisher's retry outside the duplicate window, a replay), or the server is away: read it.
        }
      }
      const previous = await read(messageId)
      if (previous === undefined) {
        await persistently(() => kv.put(key, encode({ ...EMPTY_ENTRY })))
        return { kind: 'new' }
      }
      const owed = replay || previous.state === 'sending' || previous.pending.length > 0
      if (owed) {
        const uncertain = previous.uncertain === true || previous.state === 'sending'
        await persistently(() => kv.put(key, encode({ ...previous, state: 'sending', ...(uncertain ? { uncertain: true as const } : {}) })))
      }
      return { kind: 'seen', previous }
    },
    async settle(messageId, entry) {
      await persistently(() => kv.put(ledgerKey(messageId), encode(entry)))
    },
    read
  }
}
