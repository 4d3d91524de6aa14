/** What became of one event for one subscription. Every event that fires a subscription gets one. */
import type { Loc } from '../contract.js'
import type { MapcError } from '../errors/index.js'

interface ResultBase {
  destination: string
  action: string
  subscription: string
  /** The event's messageId, when it has one: which input line this result is about. */
  messageId?: string
}

export type DeliveryResult =
  | (ResultBase & { status: 'delivered'; requests: number })
  | (ResultBase & { status: 'skipped'; reason: string; location: Loc })
  | (ResultBase & { status: 'failed'; error: MapcError; requests: number })

export type DeliveryStatus = DeliveryResult['status']

/**
 * The event's `messageId` when it is a string. Reading it must not throw: an event whose property
 * access throws (a getter, a Proxy) still gets its one result, without a messageId.
 */
export function messageIdOf(event: unknown): string | undefined {
  try {
    const messageId = event !== null && typeof event === 'object' ? (event as Record<string, unknown>).messageId : undefined
    return typeof messageId === 'string' ? messageId : undefined
  } catch {
    return undefined
  }
}
