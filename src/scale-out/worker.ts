/**
 * One worker of scale-out delivery: it takes messages from the durable pull consumer that every
 * worker shares, delivers each event through the runtime (whose batchers make one request of
 * the events that arrive together), and settles each message by its own outcome only once that
 * outcome is known and recorded: ack, nak with the retry delay, or term after a dead letter.
 *
 * At most `concurrency` messages are in flight; when the window is full, waiting batches are sent
 * at once (as `mapc run` does). A message in flight longer than a third of the ack wait is told
 * `working`, so a slow multi-step action or a long Retry-After does not let JetStream hand it to
 * another worker. `stop` ends fetching: buffered messages go back at once (nak), those in flight
 * finish within the drain timeout, after which their requests are cancelled and they go back too.
 */
import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import type { Consumer, ConsumerMessages, JetStreamClient, JetStreamManager, JsMsg } from '@nats-io/jetstream'
import { setTimeout as sleep } from 'node:timers/promises'
import { InternalError, type DeliveryResult, type Runtime } from '../runtime/index.js'
import { retryDelayMs, type RetryPolicy } from '../runtime/http/index.js'
import type { Tally } from '../run/tally.js'
import { decideOutcome, type AttemptOutcome } from './attempt-outcome.js'
import { failureLetter, malformedMessageLetter, ONLY_HEADER, REPLAY_HEADER, publishDeadLetter, unsentLetter, type MessagePlace, type StreamDeadLetter } from './dead-letter-stream.js'
import { parseTargetKey, targetKey, type Claim, type Ledger, type LedgerEntry, type Target } from './delivered-ledger.js'
import { userSubjects, type ScaleOutSettings } from './settings.js'
import { earlierUnfinished } from './user-order.js'

export interface WorkerCounts {
  /** Deliveries received (a message retried three times counts three). */
  received: number
  delivered: number
  skipped: number
  deadLettered: number
  firedNothing: number
  /** Naks for a retry. */
  retried: number
  /** Deliveries of messages already settled (an ack lost): acked without sending. */
  alreadyDone: number
  /** Deliveries after an attempt whose worker died mid-way: sent again, so possibly applied twice. */
  uncertain: number
  /** Deliveries that found another attempt under way and waited for it (a stalled or dead worker's message, redelivered). */
  waited: number
  /** Attempts whose message another worker took over meanwhile: their results are merged into the ledger, the message left to that worker. */
  superseded: number
  /** Messages given back at shutdown without an attempt. */
  returned: number
  /** Deliveries held back while an earlier event of the same user was unfinished at an ordered subscription (per-user ordering). */
  orderWaits: number
}

export interface WorkerOptions {
  js: JetStreamClient
  consumer: Consumer
  runtime: Runtime
  ledger: Ledger
  settings: ScaleOutSettings
  retryPolicy: RetryPolicy
  tally: Tally
  stop: AbortSignal
  drainTimeoutMs: number
  /** Cancels the runtime's requests in flight. */
  cancel: () => void
  log: (line: string) => void
  /** Told of each delivery that waits for another attempt (verbose). */
  trace?: (line: string) => void
  now?: () => Date
  random?: () => number
  /** Names this process in attempt ids; host, pid and a random part by default. */
  workerId?: string
  /** Per-user ordering for subscriptions with `ordering: user`: how to look up a user's earlier messages in the stream. */
  jsm?: JetStreamManager
}

export async function runWorker(options: WorkerOptions): Promise<WorkerCounts> {
  const { js, runtime, ledger, settings, tally } = options
  const now = options.now ?? (() => new Date())
  const random = options.random ?? Math.random
  const counts: WorkerCounts = { received: 0, delivered: 0, skipped: 0, deadLettered: 0, firedNothing: 0, retried: 0, alreadyDone: 0, uncertain: 0, waited: 0, superseded: 0, returned: 0, orderWaits: 0 }
  const inFlight = new Map<JsMsg, number>()
  /** Messages in flight that wait for their turn (per-user ordering): they do not take a place in the concurrency window. */
  const held = new Set<JsMsg>()
  // At most `concurrency` of them: beyond that they take places again, so a worker does not fetch without bound while it waits.
  const active = (): number => inFlight.size - Math.min(held.size, settings.concurrency)
  /** Per user (subject filter), this worker's messages of that user in flight: a later one waits for the earlier ones here before it looks at the stream. */
  const local = new Map<string, Map<number, Promise<void>>>()
  const finishedHere = new Map<JsMsg, { filter: string; resolve: () => void }>()
  const orderPollMs = Math.min(50, Math.max(20, Math.floor(settings.ackWaitMs / 8)))
  const claims = new Map<JsMsg, Claim>()
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`
  const settling = new Set<Promise<void>>()
  /** Aborted when the drain timeout runs out: settlements stop waiting for a server that is away. */
  const abandon = new AbortController()
  /** Numbers this process's attempts: an attempt id is never reused, even for a delivery JetStream hands out again with the same count. */
  let attempts = 0
  let wake: (() => void) | undefined
  const slotFreed = (): Promise<void> => new Promise((resolve) => (wake = resolve))

  const working = setInterval(() => {
    const due = Date.now() - settings.ackWaitMs / 3
    for (const [message, since] of inFlight) {
      if (since >= due) continue
      const claim = claims.get(message)
      // A claim another worker took over is not renewed, and its message is no longer this worker's to keep.
      if (claim?.lost === true) continue
      message.working()
      if (claim !== undefined) void ledger.renew(claim).catch(() => {})
    }
  }, Math.max(250, Math.floor(settings.ackWaitMs / 6)))

  const deadLetter = async (letter: StreamDeadLetter, destination: string): Promise<void> => {
    await publishDeadLetter(js, settings, letter, runtime.redactorFor(destination))
  }

  const deliverMessage = async (message: JsMsg): Promise<void> => {
    counts.received++
    const deliveries = message.info.deliveryCount
    const place: MessagePlace = { stream: settings.stream, streamSequence: message.seq, deliveries }
    let event: unknown
    const text = message.string()
    try {
      event = JSON.parse(text)
    } catch (error) {
      await deadLetter(malformedMessageLetter(place, text, `the message is not JSON: ${(error as Error).message}`, now()), '')
      counts.deadLettered++
      tally.lineDone('deadLettered')
      message.term()
      return
    }
    const messageId = messageIdOf(event, message)
    const only = onlyTarget(message)
    const replay = only !== undefined || message.headers?.get(REPLAY_HEADER) === '1'
    if (options.jsm !== undefined && !replay) {
      const turn = await waitForTurn(message, event, options.jsm)
      if (turn === 'stopped') {
        message.nak()
        counts.returned++
        return
      }
    }
    let waitedFor = false
    const begun = await ledger.begin(messageId, `${workerId}/${++attempts}/${message.seq}/${deliveries}`, {
      first: deliveries === 1 && !replay,
      replay,
      staleAfterMs: settings.claimTimeoutMs,
      signal: options.stop,
      onWait: () => {
        waitedFor = true
        counts.waited++
        options.trace?.(`message ${message.seq} (${messageId}): another attempt holds it (a stalled or stopped worker's, redelivered); waiting for it, up to ${settings.claimTimeoutMs} ms unchanged`)
      }
    })
    if (begun.kind === 'stopped') {
      // Shutting down while another attempt held the message: it goes back, that attempt settles it.
      message.nak()
      counts.returned++
      return
    }
    if (begun.kind === 'done') {
      // Settled before: its ack was lost (a restart, a worker killed after recording), or the attempt this delivery waited for finished it.
      counts.alreadyDone++
      if (waitedFor) options.trace?.(`message ${message.seq} (${messageId}): the attempt it waited for settled it; acked without sending`)
      message.ack()
      return
    }
    if (begun.kind === 'later') {
      // The attempt this delivery waited for left a retry that is not due yet.
      counts.retried++
      message.nak(begun.delayMs)
      return
    }
    const { claim } = begun
    claims.set(message, claim)
    const previous = claim.previous
    if (claim.tookOver) {
      counts.uncertain++
      options.log(`message ${message.seq} (${messageId}): the attempt before this one stopped mid-way and its claim stayed unchanged for ${settings.claimTimeoutMs} ms; sending again (it may be applied twice)`)
    }
    if (deliveries > settings.maxDeliver) {
      // The worker of the last attempt stopped mid-way: no attempt is left.
      await deadLetter(unsentLetter(place, event, messageId, now()), '')
      const unsent = { ...previous, state: 'settled' as const, pending: [], deadLettered: [...new Set([...previous.deadLettered, ...previous.pending.map(targetKey)])] }
      const settled = await ledger.settle(claim, unsent, { until: abandon.signal })
      if (settled === 'superseded') return void counts.superseded++
      counts.deadLettered++
      tally.lineDone('deadLettered')
      message.term()
      return
    }

    const results = await send(runtime, event, targetsOwed(previous, only, replay))
    for (const result of results) tally.delivery(result)
    const outcome = decideOutcome({
      previous,
      results,
      deliveryCount: deliveries,
      maxDeliver: settings.maxDeliver,
      retryDelayMs: (attempt, retryAfterMs) => retryDelayMs(attempt, retryAfterMs, options.retryPolicy, random)
    })
    for (const { result, reason } of outcome.deadLetters) await deadLetter(failureLetter(place, event, result, reason, now()), result.destination)
    const entry = outcome.action.kind === 'nak' ? { ...outcome.entry, retryAt: Date.now() + outcome.action.delayMs } : outcome.entry
    if ((await ledger.settle(claim, entry, { until: abandon.signal })) === 'superseded') {
      // Another worker took this message over while this one was stalled: what was delivered is merged into the ledger, the message is that worker's.
      counts.superseded++
      options.log(`message ${message.seq} (${messageId}): another worker took it over while this attempt was stalled; its results are merged into the ledger, the message is left to that worker`)
      return
    }
    settle(message, outcome)
  }

  /** Holds the message while an earlier event of its user is unfinished at an ordered subscription it fires; JetStream is told `working` meanwhile. */
  const waitForTurn = async (message: JsMsg, event: unknown, jsm: JetStreamManager): Promise<'go' | 'stopped'> => {
    const targets = runtime.ordered(event)
    const filter = targets.length > 0 ? userSubjects(settings, event) : undefined
    if (filter === undefined) return 'go'
    const lookup = { jsm, stream: settings.stream, ordered: (e: unknown) => runtime.ordered(e), ledger }
    let told = false
    const hold = (blocking: number): void => {
      if (told) return
      told = true
      counts.orderWaits++
      held.add(message)
      const waiting = wake
      wake = undefined
      waiting?.()
      options.trace?.(`message ${message.seq}: an earlier event of the same user (message ${blocking}) is not finished at an ordered subscription; waiting for it`)
    }
    const mine = local.get(filter) ?? new Map<number, Promise<void>>()
    local.set(filter, mine)
    const earlierHere = [...mine].filter(([seq]) => seq < message.seq)
    mine.set(message.seq, new Promise<void>((resolve) => finishedHere.set(message, { filter, resolve })))
    try {
      // Earlier messages of the user that this worker holds finish first (they are looked at in the stream by one poller, not all).
      if (earlierHere.length > 0) {
        hold(earlierHere[0]![0])
        await Promise.race([Promise.all(earlierHere.map(([, done]) => done)), whenStopped])
      }
      for (;;) {
        // A lookup that fails (the server away) is tried again: the message keeps its place meanwhile.
        const blocking = await earlierUnfinished(lookup, filter, message.seq, targets).catch(() => -1)
        if (blocking === undefined) return 'go'
        hold(blocking)
        if (options.stop.aborted) return 'stopped'
        await sleep(orderPollMs, undefined, { signal: options.stop }).catch(() => {})
        if (options.stop.aborted) return 'stopped'
      }
    } finally {
      held.delete(message)
    }
  }

  // `term()` takes no reason: nats-server 2.9 (Debian's) does not know `+TERM <reason>` and redelivers the message after the ack wait.
  const settle = (message: JsMsg, outcome: AttemptOutcome): void => {
    if (outcome.action.kind === 'nak') {
      counts.retried++
      message.nak(outcome.action.delayMs)
      return
    }
    if (outcome.final !== undefined) {
      counts[outcome.final]++
      tally.lineDone(outcome.final)
    }
    if (outcome.action.kind === 'term') message.term()
    else message.ack()
  }

  const start = (message: JsMsg): void => {
    inFlight.set(message, Date.now())
    const done = deliverMessage(message)
      .catch((error: unknown) => {
        // The ledger or the dead-letter stream could not be written (the server away longer than the retries): the message is not
        // settled, so it goes back to the stream; its claim, left `sending`, is taken over by the redelivery once stale.
        options.log(`message ${message.seq}: ${error instanceof Error ? error.message : String(error)}; it is given back to the stream`)
        try {
          message.nak(1000)
        } catch {
          // Without a connection even the nak is lost; the ack wait gives it back.
        }
      })
      .finally(() => {
        const here = finishedHere.get(message)
        if (here !== undefined) {
          finishedHere.delete(message)
          here.resolve()
          const mine = local.get(here.filter)
          if (mine?.delete(message.seq) && mine.size === 0) local.delete(here.filter)
        }
        inFlight.delete(message)
        claims.delete(message)
        settling.delete(done)
        const waiting = wake
        wake = undefined
        waiting?.()
      })
    settling.add(done)
  }

  let messages: ConsumerMessages | undefined
  let stopped!: () => void
  const whenStopped = new Promise<void>((resolve) => (stopped = resolve))
  const onStop = (): void => {
    stopped()
    void messages?.close()
  }
  options.stop.addEventListener('abort', onStop, { once: true })
  try {
    while (!options.stop.aborted) {
      messages = await options.consumer.consume({ max_messages: Math.min(settings.concurrency, 1000) })
      if (options.stop.aborted) void messages.close()
      for await (const message of messages) {
        if (options.stop.aborted) {
          // Fetched but not started: back to the stream at once, for another worker.
          message.nak()
          counts.returned++
          continue
        }
        tally.lineRead(0)
        start(message)
        if (active() < settings.concurrency) continue
        runtime.flush().catch(() => {})
        while (active() >= settings.concurrency && !options.stop.aborted) await Promise.race([slotFreed(), whenStopped])
      }
    }
  } finally {
    options.stop.removeEventListener('abort', onStop)
  }

  // Stopped: send what waits in batches, finish what is in flight, within the drain timeout.
  const finished = Promise.all([runtime.close(), ...settling]).then(() => true)
  let timer: NodeJS.Timeout | undefined
  const inTime = await Promise.race([finished, new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), options.drainTimeoutMs)))])
  clearTimeout(timer)
  if (!inTime) {
    options.cancel()
    abandon.abort()
  }
  await finished
  await Promise.all([...settling])
  clearInterval(working)
  return counts
}

/** The targets still owed: a replay's one, the ones that failed retryably last time, or every one but those already finished. */
type Owed = { only: Target[] } | { except: Target[] }

function targetsOwed(previous: LedgerEntry, only: Target | undefined, replay: boolean): Owed {
  const done = new Set(previous.done)
  if (only !== undefined) return { only: done.has(targetKey(only)) ? [] : [only] }
  if (previous.pending.length > 0) return { only: previous.pending.filter((t) => !done.has(targetKey(t))) }
  // A first attempt, or a takeover: what an attempt before it finished (merged in when that attempt came back late) is not sent
  // again, nor what was dead-lettered; a replay of a whole event (a letter for no one target) sends wherever it is not done.
  return { except: [...previous.done, ...(replay ? [] : previous.deadLettered)].map(parseTargetKey) }
}

async function send(runtime: Runtime, event: unknown, owed: Owed): Promise<DeliveryResult[]> {
  try {
    if ('except' in owed) return await runtime.send(event, owed.except.length > 0 ? { except: owed.except } : {})
    const each = await Promise.all(owed.only.map((only) => runtime.send(event, { only })))
    return each.flat()
  } catch (error) {
    // send rejects only once the runtime is closed, which happens after the last message started: a bug, reported as a failure.
    const failure = new InternalError(error instanceof Error ? error.message : String(error))
    return [{ status: 'failed', destination: '', action: '', subscription: '', error: failure, requests: 0 }]
  }
}

/** The event's messageId (ingest always sets one); else the publisher's `Nats-Msg-Id`; else the stream sequence. */
function messageIdOf(event: unknown, message: JsMsg): string {
  const id = event !== null && typeof event === 'object' ? (event as Record<string, unknown>)['messageId'] : undefined
  if (typeof id === 'string' && id !== '') return id
  return message.headers?.get('Nats-Msg-Id') || `seq:${message.seq}`
}

function onlyTarget(message: JsMsg): Target | undefined {
  const raw = message.headers?.get(ONLY_HEADER)
  if (!raw) return undefined
  try {
    const [destination, subscription] = JSON.parse(raw) as [unknown, unknown]
    return typeof destination === 'string' && typeof subscription === 'string' ? { destination, subscription } : undefined
  } catch {
    return undefined
  }
}
