/**
 * A subscription, ready to run: which events fire it (compiled trigger), which action it runs,
 * how its fields are mapped, and whether its events are batched.
 */
import type { CompiledAction, CompiledDestination } from './contract.js'
import type { FieldMapping } from './delivery/payload.js'

export interface BatchSettings {
  /** The most events in one request: the subscription's wish, capped by the action's limit. */
  maxSize: number
  /** How long the oldest event may wait for companions. */
  maxAgeMs: number
}

export interface Subscription {
  name: string
  destination: CompiledDestination
  action: CompiledAction
  trigger: (event: unknown) => boolean
  mapping: FieldMapping
  batch?: BatchSettings
  /** Scale-out workers deliver one user's events to it in stream order. */
  ordering?: 'user'
}
