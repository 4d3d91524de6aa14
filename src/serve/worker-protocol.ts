/** The messages between `mapc serve`'s HTTP server and its compiler worker. */
import type { DeliveryOptions, TesterDocument } from './tester.js'
import type { TestCredentials } from './settings-placeholders.js'

export type WorkerCall =
  | { op: 'check'; doc: TesterDocument }
  | { op: 'compile'; doc: TesterDocument; action: string }
  | { op: 'format'; doc: TesterDocument }
  | { op: 'dry-run'; doc: TesterDocument; action: string; event: unknown; credentials: Record<string, Partial<TestCredentials>> }
  | { op: 'send'; doc: TesterDocument; action: string; event: unknown; delivery: DeliveryOptions }
  | { op: 'batch'; doc: TesterDocument; action: string; event: unknown; count: number; delivery: DeliveryOptions }

export type WorkerReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string }
