/**
 * A cold process's way to its first delivered event with actions-core: load it and the bench's
 * Attio definition, deliver one identify to the API at argv[2] through `onEvent`, exit.
 */
import { createRequire } from 'node:module'
import { attioDefinition } from '../actions-core/attio.js'

const origin = process.argv[2] as string
const core = createRequire(import.meta.url)('@segment/actions-core') as {
  Destination: new (d: unknown) => { onEvent(e: unknown, s: unknown): Promise<{ output?: unknown }[]> }
  defaultValues(fields: unknown): unknown
}
const definition = attioDefinition(origin)
const destination = new core.Destination(definition)
await destination.onEvent(
  { type: 'identify', messageId: 'start-1', userId: 'user-1', timestamp: '2026-12-03T10:00:00.000Z', traits: { email: 'user.1@example.com' } },
  { oauth: { access_token: 'bench-attio-token' }, subscription: { subscribe: 'type = "identify"', partnerAction: 'identifyUser', mapping: core.defaultValues(definition.actions.identifyUser?.fields) } }
)
// The process's own CPU since it started, for the bench (main.ts, start-up).
process.stdout.write(JSON.stringify(process.cpuUsage()))
process.exit(0)
