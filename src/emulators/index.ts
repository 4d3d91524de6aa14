/**
 * mapc's emulators of the APIs its destinations call: Attio, Schematic and Matilda, each a real
 * HTTP server that keeps state with the API's semantics (`mapc emulate`), or the same emulator
 * in process without a server (`createEmulatorOf`, as `mapc run --dry-run` uses it).
 *
 * ```ts
 * const attio = await startEmulator('attio', { credential: 'token' })
 * // destinations[].endpoint: attio.url
 * attio.emulator.state().objects.people
 * await attio.stop()
 * ```
 */
import { attioApi } from './attio/attio.js'
import { createEmulator, type Emulator, type EmulatorOptions } from './core/emulator.js'
import { serveEmulator, type ServedEmulator, type ServeOptions } from './core/http-server.js'
import { matildaApi } from './matilda/matilda.js'
import { schematicApi } from './schematic/schematic.js'

export type { Emulator, EmulatorOptions, EmulatorState, RequestStats } from './core/emulator.js'
export type { ServedEmulator, ServeOptions } from './core/http-server.js'
export type { FaultConfig } from './core/faults.js'
export type { EmulatorRequest, EmulatorResponse } from './core/types.js'
export type { WriteCounts } from './core/write-log.js'
export { checkFaultConfig } from './core/faults.js'

export const EMULATED_APIS = ['attio', 'schematic', 'matilda'] as const
export type EmulatedApi = (typeof EMULATED_APIS)[number]

export function isEmulatedApi(name: string): name is EmulatedApi {
  return (EMULATED_APIS as readonly string[]).includes(name)
}

export function createEmulatorOf(api: EmulatedApi, options: EmulatorOptions = {}): Emulator {
  switch (api) {
    case 'attio':
      return createEmulator(attioApi(), options)
    case 'schematic':
      return createEmulator(schematicApi(), options)
    case 'matilda':
      return createEmulator(matildaApi(), options)
  }
}

export async function startEmulator(api: EmulatedApi, options: EmulatorOptions & ServeOptions = {}): Promise<ServedEmulator> {
  return serveEmulator(createEmulatorOf(api, options), options)
}
