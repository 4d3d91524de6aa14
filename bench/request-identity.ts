/**
 * Before anything is timed: both sides must send the same requests for the same events —
 * method, path and query, body bytes, and every header the destination sets. Only the headers
 * an HTTP client adds on its own (host, connection, user-agent, accept…) may differ.
 */
import type { CompiledDestination, SegmentEvent } from '../src/runtime/contract.js'
import { startLoopbackApi, type RecordedRequest } from './loopback-api.js'
import { actionsCore, actionsCoreBatch, actionsCoreSettings, BATCH_LIMIT, DEFINITIONS, mapcBatch, mapcRuntime } from './sides.js'
import { WORKLOADS, type Workload } from './events.js'

/** Added by an HTTP client whatever the destination says. */
const CLIENT_HEADERS = new Set(['host', 'connection', 'keep-alive', 'content-length', 'user-agent', 'accept', 'accept-encoding', 'accept-language', 'sec-fetch-mode'])

export interface Comparison {
  workload: string
  mode: 'single' | 'batch'
  /** The requests mapc sent (they are actions-core's too when `differences` is empty). */
  requests: number
  differences: string[]
}

function shown(r: RecordedRequest): string {
  const headers = Object.entries(r.headers)
    .filter(([name]) => !CLIENT_HEADERS.has(name))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => `${name}: ${String(value)}`)
  return [`${r.method} ${r.target}`, ...headers, '', r.body].join('\n')
}

function differences(mapc: RecordedRequest[], core: RecordedRequest[]): string[] {
  const out: string[] = []
  if (mapc.length !== core.length) out.push(`mapc sent ${mapc.length} requests, actions-core ${core.length}`)
  for (let i = 0; i < Math.min(mapc.length, core.length); i++) {
    const a = shown(mapc[i] as RecordedRequest)
    const b = shown(core[i] as RecordedRequest)
    if (a !== b) out.push(`request ${i + 1} differs:\n--- mapc\n${a}\n--- actions-core\n${b}`)
  }
  if (mapc.length === 0) out.push('nothing was sent')
  return out
}

async function onEach(
  w: Workload,
  destination: CompiledDestination,
  mode: 'single' | 'batch',
  origin: string,
  recorded: RecordedRequest[]
): Promise<Comparison> {
  const events = mode === 'single' ? [w.event(1)] : [w.event(1), w.event(2), w.event(3)]
  const batch = mode === 'batch' ? events.length : undefined
  recorded.length = 0
  const runtime = await mapcRuntime(destination, w, origin, batch)
  if (batch) await mapcBatch(runtime, events as SegmentEvent[])
  else {
    const [result] = await runtime.send(events[0])
    if (result?.status !== 'delivered') throw new Error(`mapc did not deliver ${w.destination} ${w.action}: ${JSON.stringify(result)}`)
  }
  await runtime.close()
  const mapc = [...recorded]
  recorded.length = 0
  const definition = DEFINITIONS[w.destination](origin)
  const core = new actionsCore.Destination(definition)
  const settings = actionsCoreSettings(definition, w, batch)
  if (batch) await actionsCoreBatch(core, settings, events, BATCH_LIMIT[w.destination])
  else await core.onEvent(events[0], settings)
  const theirs = [...recorded]
  return { workload: `${w.destination} ${w.action}`, mode, requests: mapc.length, differences: differences(mapc, theirs) }
}

/** Every workload, single and (where the action batches) in a batch of three. */
export async function compareRequests(destinations: Record<Workload['destination'], CompiledDestination>): Promise<Comparison[]> {
  const recorded: RecordedRequest[] = []
  const { origin, server } = await startLoopbackApi(recorded)
  try {
    const out: Comparison[] = []
    for (const w of WORKLOADS) {
      out.push(await onEach(w, destinations[w.destination], 'single', origin, recorded))
      if (w.batches) out.push(await onEach(w, destinations[w.destination], 'batch', origin, recorded))
    }
    return out
  } finally {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
}
