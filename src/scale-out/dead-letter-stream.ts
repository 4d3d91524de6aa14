/**
 * Dead letters of scale-out delivery: the same record `mapc run` writes to its file (reason,
 * error code, attempts, the event; redacted with the failing instance's secrets), published to
 * the dead-letter stream before the message is terminated, so a dead letter is never lost
 * between the two. Listing, reading and replaying them back into the event stream is here too.
 */
import { headers as natsHeaders } from '@nats-io/transport-node'
import type { JetStreamClient, JetStreamManager, StoredMsg } from '@nats-io/jetstream'
import { failedLetter, type DeadLetter } from '../run/dead-letter.js'
import { DEAD_LETTER_MARK } from '../run/source.js'
import type { Redactor } from '../runtime/index.js'
import type { DeadLetterReason, FailedResult } from './attempt-outcome.js'
import type { Target } from './delivered-ledger.js'
import { eventSubject, type ScaleOutSettings } from './settings.js'

/** The header every replayed message carries, so that a worker sends it again even where the ledger has it settled. */
export const REPLAY_HEADER = 'Mapc-Replay'

/** The header a replayed message carries: the one target to deliver it to, as `[destination, subscription]` JSON. */
export const ONLY_HEADER = 'Mapc-Only'

export interface StreamDeadLetter extends DeadLetter {
  reason: DeadLetterReason | 'malformed'
  /** JetStream deliveries of the message, this one included. */
  deliveries: number
  stream: string
  streamSequence: number
}

export interface MessagePlace {
  stream: string
  streamSequence: number
  deliveries: number
}

export function failureLetter(place: MessagePlace, event: unknown, result: FailedResult, reason: DeadLetterReason, now: Date): StreamDeadLetter {
  const letter = failedLetter(place.stream, place.streamSequence, event, result, now)
  const message = reason === 'max_deliver' ? `gave up after ${place.deliveries} deliveries (jetstream.maxDeliver): ${letter.message}` : letter.message
  return { ...letter, message, reason, ...place }
}

/** The worker of the message's last attempt died: no attempt is left, and the last one's outcome is unknown. */
export function unsentLetter(place: MessagePlace, event: unknown, messageId: string | undefined, now: Date): StreamDeadLetter {
  const message = `no attempt left after ${place.deliveries - 1} deliveries (jetstream.maxDeliver); the worker of the last one stopped before its outcome was known`
  return { [DEAD_LETTER_MARK]: 1, input: place.stream, line: place.streamSequence, code: 'MAX_DELIVER', message, retryable: true, ...(messageId !== undefined ? { messageId } : {}), event, at: now.toISOString(), reason: 'unsent', ...place }
}

export function malformedMessageLetter(place: MessagePlace, raw: string, reason: string, now: Date): StreamDeadLetter {
  return { [DEAD_LETTER_MARK]: 1, input: place.stream, line: place.streamSequence, code: 'MALFORMED_LINE', message: reason, retryable: false, raw: raw.slice(0, 1024), ...(raw.length > 1024 ? { rawTruncated: true as const } : {}), at: now.toISOString(), reason: 'malformed', ...place }
}

/** Subject tokens allow no dots or wildcards: a destination's name is reduced to what they allow. */
function subjectToken(name: string): string {
  const token = name.replace(/[^A-Za-z0-9_-]/g, '_')
  return token === '' ? '_' : token
}

export async function publishDeadLetter(js: JetStreamClient, settings: ScaleOutSettings, letter: StreamDeadLetter, redactor: Redactor): Promise<void> {
  const text = redactor.redact(JSON.stringify(letter))
  // A worker that dies between this publish and the term publishes it again on the redelivery: the id makes that one letter.
  const msgID = `${letter.streamSequence}:${letter.destination ?? ''}:${letter.subscription ?? ''}:${letter.reason}`
  await js.publish(`${settings.deadLetterSubject}.${subjectToken(letter.destination ?? '')}`, text, { msgID })
}

export interface ListedLetter {
  seq: number
  letter: StreamDeadLetter
}

function letterOf(message: StoredMsg): StreamDeadLetter {
  return message.json<StreamDeadLetter>()
}

/** The dead letters in the stream, oldest first, `limit` at most. */
export async function listDeadLetters(jsm: JetStreamManager, settings: ScaleOutSettings, limit: number): Promise<{ letters: ListedLetter[]; total: number }> {
  const info = await jsm.streams.info(settings.deadLetterStream)
  const letters: ListedLetter[] = []
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && letters.length < limit; seq++) {
    const message = await jsm.streams.getMessage(settings.deadLetterStream, { seq }).catch(() => null)
    if (message) letters.push({ seq, letter: letterOf(message) })
  }
  return { letters, total: info.state.messages }
}

export async function readDeadLetter(jsm: JetStreamManager, settings: ScaleOutSettings, seq: number): Promise<StreamDeadLetter | undefined> {
  const message = await jsm.streams.getMessage(settings.deadLetterStream, { seq }).catch(() => null)
  return message ? letterOf(message) : undefined
}

export type ReplayResult = { seq: number; replayed: true; to: string } | { seq: number; replayed: false; why: string }

/**
 * Publishes the letter's event back into the event stream, for the one target it failed at
 * (all of them when it failed before any, or is unreadable), then deletes the letter. The
 * publish's id is the letter's sequence, so a replay repeated within the duplicate window is one.
 */
export async function replayDeadLetter(js: JetStreamClient, jsm: JetStreamManager, settings: ScaleOutSettings, seq: number): Promise<ReplayResult> {
  const letter = await readDeadLetter(jsm, settings, seq)
  if (letter === undefined) return { seq, replayed: false, why: 'no such dead letter' }
  if (!('event' in letter)) return { seq, replayed: false, why: `a ${letter.code} letter keeps no event to replay` }
  const subject = eventSubject(settings, letter.event)
  const h = natsHeaders()
  h.set(REPLAY_HEADER, '1')
  if (letter.destination !== undefined && letter.destination !== '' && letter.subscription !== undefined) {
    const only: Target = { destination: letter.destination, subscription: letter.subscription }
    h.set(ONLY_HEADER, JSON.stringify([only.destination, only.subscription]))
  }
  await js.publish(subject, JSON.stringify(letter.event), { msgID: `replay:${settings.deadLetterStream}:${seq}`, headers: h })
  await jsm.streams.deleteMessage(settings.deadLetterStream, seq, false)
  return { seq, replayed: true, to: subject }
}
