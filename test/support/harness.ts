/**
 * Test harness: run one event (or a batch) through an action of a compiled destination with a
 * transport that records every request and answers from a script, the way production would
 * run it but without a network.
 */
import type { RecordedRequest } from '../../src/conformance/case.js'
import { recordedRequest } from '../../src/conformance/replay.js'
import { answersInOrder, scriptedTransport } from '../../src/conformance/scripted-transport.js'
import type { CompiledDestination, SegmentEvent } from '../../src/runtime/contract.js'
import { deliverBatch, deliverOne, type Transport } from '../../src/runtime/delivery/deliver.js'
import type { FieldMapping, FieldResolver } from '../../src/runtime/delivery/payload.js'
import type { DeliveryResult } from '../../src/runtime/delivery/results.js'
import { compileMapping } from '../../src/configuration/mapping-kit/index.js'
import { createRedactor, type Redactor } from '../../src/runtime/redaction/index.js'
import { createHttpClient } from '../../src/runtime/http/index.js'
import { createRuntime } from '../../src/runtime/runtime.js'

/** A request as the tests read it: as conformance cases record it, the JSON body parsed (null when none). */
export type SentRequest = RecordedRequest

export interface RunOptions {
  settings?: Record<string, unknown>
  auth?: { accessToken?: string; refreshToken?: string }
  /** Segment mapping-kit JSON per field. */
  mapping?: Record<string, unknown>
  useDefaults?: boolean
  /** Answers, in order; past the end every request gets 200 {}. */
  responses?: { status: number; body: unknown }[]
}

function recordingTransport(responses: RunOptions['responses'] = [], redactor: Redactor): { transport: Transport; requests: () => SentRequest[] } {
  const { transport, sent } = scriptedTransport(answersInOrder(responses), redactor)
  return { transport, requests: () => sent.map(recordedRequest) }
}

function mappingOf(options: RunOptions): FieldMapping {
  const overrides = new Map<string, FieldResolver>()
  for (const [field, json] of Object.entries(options.mapping ?? {})) {
    const resolve = compileMapping(json, field)
    overrides.set(field, (event) => resolve(event))
  }
  return { overrides, useDefaults: options.useDefaults ?? true }
}

function secretsOf(options: RunOptions): Redactor {
  return createRedactor([...Object.values(options.settings ?? {}), options.auth?.accessToken].filter((v): v is string => typeof v === 'string'))
}

function targetOf(destination: CompiledDestination, action: string, options: RunOptions, transport: Transport) {
  const compiled = destination.actions[action]
  if (!compiled) throw new Error(`${destination.name} has no action ${action}`)
  return {
    destination,
    action: compiled,
    subscription: `test ${action}`,
    mapping: mappingOf(options),
    ctx: { settings: options.settings ?? {}, auth: options.auth ?? {} },
    transport,
    redactor: secretsOf(options)
  }
}

export async function runOne(
  destination: CompiledDestination,
  action: string,
  event: SegmentEvent,
  options: RunOptions = {}
): Promise<{ requests: SentRequest[]; result: DeliveryResult }> {
  const { transport, requests } = recordingTransport(options.responses, secretsOf(options))
  const result = await deliverOne(targetOf(destination, action, options, transport), event)
  return { requests: requests(), result }
}

export async function runBatch(
  destination: CompiledDestination,
  action: string,
  events: SegmentEvent[],
  options: RunOptions = {},
  maxSize = 1000
): Promise<{ requests: SentRequest[]; results: DeliveryResult[] }> {
  const { transport, requests } = recordingTransport(options.responses, secretsOf(options))
  const results = await deliverBatch(targetOf(destination, action, options, transport), events, maxSize)
  return { requests: requests(), results }
}

/** A Segment event with the common fields, as sources send them. */
export function event(type: string, fields: Record<string, unknown>): SegmentEvent {
  return {
    type,
    messageId: `msg-${type}-${Math.abs(hash(JSON.stringify(fields)))}`,
    anonymousId: 'anon-1',
    timestamp: '2024-05-24T09:59:59.000Z',
    receivedAt: '2024-05-24T10:00:00.000Z',
    sentAt: '2024-05-24T09:59:59.500Z',
    context: { library: { name: 'analytics.js', version: '2.11.1' } },
    ...fields
  }
}

function hash(text: string): number {
  let h = 0
  for (let i = 0; i < text.length; i++) h = (Math.imul(31, h) + text.charCodeAt(i)) | 0
  return h
}

/** The error of a failed result, checked to be of the given class (a test fails otherwise). */
export function errorOf<E extends Error>(result: DeliveryResult | undefined, kind: abstract new (...args: never[]) => E): E {
  if (result?.status !== 'failed') throw new Error(`expected a failed result, got ${result?.status ?? 'none'}`)
  if (!(result.error instanceof kind)) throw new Error(`expected ${kind.name}, got ${result.error.name}: ${result.error.message}`)
  return result.error
}

/**
 * Delivers one event through the whole runtime (presets, retrying HTTP client) against scripted
 * fetch answers, recording the waits between attempts instead of sleeping them.
 */
export async function deliverWithRetries(
  destination: CompiledDestination,
  instance: { settings?: Record<string, unknown>; auth?: { accessToken?: string; refreshToken?: string } },
  sent: SegmentEvent,
  answers: Response[]
): Promise<{ results: DeliveryResult[]; delays: number[]; unanswered: number }> {
  const delays: number[] = []
  const runtime = createRuntime([{ destination, ...instance }], {
    transport: (redactor) => {
      const client = createHttpClient({
        redactor,
        fetch: async () => answers.shift() ?? new Response('{}', { status: 200 }),
        sleep: async (ms) => void delays.push(ms),
        retry: { maxAttempts: 3 }
      })
      return (request, meta) => client.send(request, meta)
    }
  })
  const results = await runtime.send(sent)
  await runtime.close()
  return { results, delays, unanswered: answers.length }
}
