/**
 * The two sides the bench compares, set up the same way: mapc's generated destinations under
 * its runtime (real HTTP client, endpoint override to the loopback server), and the equivalent
 * actions-core destinations (bench/actions-core/) under `@segment/actions-core` 3.170.0's
 * `Destination` (its real HTTP client, cross-fetch), each subscribed to the same trigger.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { compileText } from '../src/compiler/compile.js'
import { buildAndLoad } from '../src/compiler/emit/mapc/write-output.js'
import type { CompiledDestination, SegmentEvent } from '../src/runtime/contract.js'
import { loadConfigurationCompiler } from '../src/runtime/configuration-compiler.js'
import { createRuntime, type Runtime, type RuntimeOptions } from '../src/runtime/runtime.js'
import { attioDefinition } from './actions-core/attio.js'
import { matildaDefinition } from './actions-core/matilda.js'
import { schematicDefinition } from './actions-core/schematic.js'
import type { DestinationDefinition, InputField } from './actions-core/types.js'
import { CREDENTIALS, type Workload } from './events.js'

const require = createRequire(import.meta.url)

export interface ActionsCore {
  Destination: new (definition: unknown) => ActionsCoreDestination
  transform(mapping: unknown, data: unknown): Record<string, unknown>
  validateSchema(payload: unknown, schema: unknown, options: { schemaKey: string }): void
  fieldsToJsonSchema(fields: Record<string, InputField>): unknown
  defaultValues(fields: Record<string, InputField>): Record<string, unknown>
}
export interface ActionsCoreDestination {
  onEvent(event: unknown, settings: unknown): Promise<unknown[]>
  onBatch(events: unknown[], settings: unknown): Promise<unknown[]>
}

/** actions-core as Node loads it for Segment's destinations: its CommonJS build. */
export const actionsCore = require('@segment/actions-core') as ActionsCore
/** What actions-core runs between mapping and validation; not exported, so required from its own directory. */
export const removeEmptyValues = (require(join(dirname(require.resolve('@segment/actions-core')), 'remove-empty-values.js')) as { removeEmptyValues: (p: unknown, s: unknown, root: boolean) => Record<string, unknown> }).removeEmptyValues

export const DEFINITIONS: Record<Workload['destination'], (origin?: string) => DestinationDefinition> = {
  attio: attioDefinition,
  matilda: matildaDefinition,
  schematic: schematicDefinition
}

/** The most items one request of the action takes (the `.map`'s batch size): both sides split batches by it. */
export const BATCH_LIMIT: Record<Workload['destination'], number> = { attio: 1000, matilda: 100, schematic: 1 }

/** The three `.map` files compiled and generated as `mapc build` does, then imported. */
export async function mapcDestinations(out = join('.tmp', 'bench')): Promise<Record<Workload['destination'], CompiledDestination>> {
  const built: Partial<Record<Workload['destination'], CompiledDestination>> = {}
  for (const name of ['attio', 'matilda', 'schematic'] as const) {
    const file = `mappings/${name}.map`
    const ir = compileText(readFileSync(file, 'utf8'), file).ir
    if (!ir) throw new Error(`${file} does not compile`)
    built[name] = (await buildAndLoad(ir, out, 'bench')).destination
  }
  return built as Record<Workload['destination'], CompiledDestination>
}

/** A mapc runtime with one subscription: the workload's trigger and action, batched in `batch`es when given. */
export async function mapcRuntime(destination: CompiledDestination, w: Workload, origin: string, batch?: number, options: RuntimeOptions = {}): Promise<Runtime> {
  await loadConfigurationCompiler()
  const credentials = CREDENTIALS[w.destination]
  return createRuntime(
    [
      {
        destination,
        settings: { ...credentials.settings },
        ...('accessToken' in credentials ? { auth: { accessToken: credentials.accessToken } } : {}),
        endpoint: origin,
        subscriptions: [{ name: w.action, trigger: w.trigger, action: w.action, ...(batch ? { batch: { size: batch, maxAgeMs: 600_000 } } : {}) }]
      }
    ],
    options
  )
}

/** The settings actions-core's `onEvent` takes: the destination's, OAuth, and the subscription with the fields' default mappings. */
export function actionsCoreSettings(definition: DestinationDefinition, w: Workload, batch?: number): Record<string, unknown> {
  const credentials = CREDENTIALS[w.destination]
  const fields = definition.actions[w.action]?.fields
  if (!fields) throw new Error(`${w.destination} has no action ${w.action}`)
  const mapping = actionsCore.defaultValues(fields)
  if (batch !== undefined) {
    if ('enable_batching' in fields) mapping.enable_batching = true
    if ('batch_size' in fields) mapping.batch_size = batch
  }
  return {
    ...credentials.settings,
    ...('accessToken' in credentials ? { oauth: { access_token: credentials.accessToken } } : {}),
    subscription: { subscribe: w.trigger, partnerAction: w.action, mapping }
  }
}

/** Sends `events` as actions-core's infrastructure does: in batches of at most the action's size. */
export async function actionsCoreBatch(destination: ActionsCoreDestination, settings: unknown, events: readonly unknown[], limit: number): Promise<void> {
  for (let i = 0; i < events.length; i += limit) await destination.onBatch(events.slice(i, i + limit), settings)
}

/** Sends `events` through mapc's runtime at once, so that batches fill. */
export async function mapcBatch(runtime: Runtime, events: readonly SegmentEvent[]): Promise<void> {
  const results = await Promise.all(events.map((e) => runtime.send(e)))
  for (const r of results) if (r[0]?.status !== 'delivered') throw new Error(`mapc did not deliver: ${JSON.stringify(r[0])}`)
}
