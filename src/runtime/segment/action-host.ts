/**
 * What a generated actions-core action's `perform` and `performBatch` call: the payload
 * actions-core resolved and validated goes through mapc's own payload steps (the computed
 * defaults, cleaning, coercion, mapc's validator, the rules, URL path segments), then through the
 * `.map`'s compiled steps, with requests sent by actions-core's request client. So the
 * destination means what the `.map` means, under Segment's framework.
 */
import type { CompiledAction, CompiledDestination, ItemReport, Payload, ValueContext } from '../contract.js'
import { checkPayload } from '../delivery/payload.js'
import { ItemRejectedError, type MapcError } from '../errors/index.js'
import { createRedactor, type Redactor } from '../redaction/index.js'
import { withComputedDefaults } from './computed-defaults.js'
import { requestContext, type RequestClient } from './request-context.js'
import { withSettingDefaults } from '../settings-defaults.js'

/** One action as the generated module binds it: mapc's compiled action and the defaults perform computes. */
export interface SegmentBinding {
  destination: CompiledDestination
  action: CompiledAction
  computedDefaults: readonly string[]
}

/** The part of actions-core's ExecuteInput read here (rawMapping is set by actions-core, not typed by it). */
export interface HostInput<P> {
  payload: P
  settings?: unknown
  auth?: { accessToken?: string; refreshToken?: string }
  rawMapping?: Readonly<Record<string, unknown>>
}

/** How one item of a batch ended, for the generated code's MultiStatusResponse. */
export type ItemOutcome =
  | { kind: 'delivered'; status: number }
  | { kind: 'skipped'; reason: string }
  | { kind: 'failed'; status: number; error: MapcError }

/** Where one event was skipped by a rule: what `perform` returns instead of sending. */
export interface Skipped {
  skipped: string
  location: { file: string; line: number; column: number }
}

export function contextOf(destination: CompiledDestination, input: Omit<HostInput<unknown>, 'payload'>): { ctx: ValueContext; redactor: Redactor } {
  // The `.map`'s defaults for settings left out, as `mapc run` fills them in (actions-core does not).
  const settings = withSettingDefaults(destination.settings, (input.settings ?? {}) as Record<string, unknown>)
  const auth = input.auth ?? {}
  // Secret settings and tokens never reach an error's text.
  const secrets = [
    ...destination.settings.filter((s) => s.secret).map((s) => settings[s.name]),
    auth.accessToken,
    auth.refreshToken
  ].filter((v): v is string => typeof v === 'string')
  return { ctx: { settings, auth }, redactor: createRedactor(secrets) }
}

export async function performOne(binding: SegmentBinding, request: RequestClient, input: HostInput<object>): Promise<unknown> {
  const { ctx, redactor } = contextOf(binding.destination, input)
  const { action } = binding
  const payload = withComputedDefaults(action, binding.computedDefaults, input.payload as Payload, input.rawMapping, ctx)
  const outcome = checkPayload(action, payload, ctx, 'single', redactor)
  if (outcome.kind === 'invalid') throw outcome.error
  if (outcome.kind === 'skip') return { skipped: outcome.reason, location: outcome.location } satisfies Skipped
  const context = requestContext(request, ctx, redactor, { requests: 0 })
  if (action.perform) return action.perform(outcome.payload, context)
  // An action with a batch block only: the event is a batch of one, and the API's report on it is its outcome.
  const report = (await action.batch?.perform([outcome.payload], context))?.[0]
  if (report !== undefined && (report.status < 200 || report.status > 299)) throw rejected(binding, report, 0, redactor)
  return undefined
}

/**
 * A batch of the payloads actions-core validated: each goes through mapc's payload steps alone
 * (an invalid or skipped one does not hold up the others), the ready ones go out together, and
 * the outcome of each comes back in order. A failed request fails the batch (it rejects).
 */
export async function performMany(binding: SegmentBinding, request: RequestClient, input: HostInput<readonly object[]>): Promise<ItemOutcome[]> {
  const { ctx, redactor } = contextOf(binding.destination, input)
  const { action } = binding
  const outcomes: (ItemOutcome | undefined)[] = input.payload.map(() => undefined)
  const ready: { index: number; payload: Payload }[] = []
  input.payload.forEach((item, index) => {
    const payload = withComputedDefaults(action, binding.computedDefaults, item as Payload, input.rawMapping, ctx)
    const outcome = checkPayload(action, payload, ctx, 'batch', redactor)
    if (outcome.kind === 'ready') ready.push({ index, payload: outcome.payload })
    else if (outcome.kind === 'skip') outcomes[index] = { kind: 'skipped', reason: outcome.reason }
    else outcomes[index] = { kind: 'failed', status: 400, error: outcome.error }
  })
  if (ready.length > 0) {
    const context = requestContext(request, ctx, redactor, { requests: 0 })
    const payloads = ready.map((r) => r.payload)
    const reports = action.batch ? await action.batch.perform(payloads, context) : await performEach(action, payloads, context)
    ready.forEach((item, i) => {
      const report = reports?.[i]
      outcomes[item.index] =
        report === undefined || (report.status >= 200 && report.status < 300)
          ? { kind: 'delivered', status: report?.status ?? 200 }
          : { kind: 'failed', status: report.status, error: rejected(binding, report, i, redactor) }
    })
  }
  return outcomes as ItemOutcome[]
}

/** An action without a batch block delivers a batch event by event. */
async function performEach(action: CompiledAction, payloads: readonly Payload[], context: Parameters<NonNullable<CompiledAction['perform']>>[1]): Promise<undefined> {
  for (const payload of payloads) await action.perform?.(payload, context)
  return undefined
}

function rejected(binding: SegmentBinding, report: ItemReport, index: number, redactor: Redactor): ItemRejectedError {
  const batch = binding.action.batch
  return new ItemRejectedError(
    { status: report.status, index, ...(report.message !== undefined ? { reason: report.message } : {}), ...(report.unattributed ? { unattributed: true } : {}) },
    { redactor, ...(batch ? { location: batch.loc } : {}) }
  )
}
