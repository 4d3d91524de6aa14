/**
 * Per-user ordering (a destination's or subscription's `ordering: user`), on JetStream itself: every
 * event is published to `<subject>.<type>.<user>` (settings.ts), and the event stream keeps a
 * message until it is acked or terminated (work-queue retention). So the events of one user that
 * are not settled yet are exactly that user's messages still in the stream, and JetStream's
 * direct `next_by_subj` lookup (the stream allows direct gets) finds them in stream order, whichever worker holds them or is about to.
 *
 * A message of user U whose event fires an ordered subscription S has its turn once no earlier
 * message of U (a lower stream sequence) that also fires S is unfinished at S: absent from the
 * ledger or being sent (it may send to S now), or settled with S pending (waiting for its retry).
 * Earlier messages that are finished at S (delivered, skipped, dead-lettered there, or pending
 * only at other destinations) do not hold it up.
 */
import type { JetStreamManager, StoredMsg } from '@nats-io/jetstream'
import { targetKey, type Ledger, type Target } from './delivered-ledger.js'

export interface TurnLookup {
  jsm: JetStreamManager
  stream: string
  /** The ordered subscriptions an event fires (`Runtime.ordered`). */
  ordered: (event: unknown) => Target[]
  ledger: Pick<Ledger, 'read'>
}

/** The stream sequence of the first earlier message of the user (`filter`, from `userSubjects`) unfinished at one of `targets`, or `undefined`: it is this message's turn. */
export async function earlierUnfinished(lookup: TurnLookup, filter: string, seq: number, targets: readonly Target[]): Promise<number | undefined> {
  const wanted = new Set(targets.map(targetKey))
  let from = 1
  for (;;) {
    const found = await lookup.jsm.direct.getMessage(lookup.stream, { next_by_subj: filter, seq: from })
    if (found === null || found.seq >= seq) return undefined
    from = found.seq + 1
    let event: unknown
    try {
      event = found.json()
    } catch {
      continue
    }
    const shared = lookup.ordered(event).filter((t) => wanted.has(targetKey(t)))
    if (shared.length === 0) continue
    const entry = await lookup.ledger.read(messageIdOfStored(event, found))
    const finished = new Set([...(entry?.done ?? []), ...(entry?.deadLettered ?? [])])
    const open =
      entry === undefined || entry.state === 'sending'
        ? shared.filter((t) => !finished.has(targetKey(t)))
        : shared.filter((t) => entry.pending.some((p) => targetKey(p) === targetKey(t)))
    if (open.length > 0) return found.seq
  }
}

/** As the worker names a message in the ledger: the event's messageId, else the publisher's `Nats-Msg-Id`, else the stream sequence. */
function messageIdOfStored(event: unknown, message: StoredMsg): string {
  const id = event !== null && typeof event === 'object' ? (event as Record<string, unknown>)['messageId'] : undefined
  if (typeof id === 'string' && id !== '') return id
  return message.header?.get('Nats-Msg-Id') || `seq:${message.seq}`
}
