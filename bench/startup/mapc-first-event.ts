/**
 * A cold process's way to its first delivered event with mapc: import a generated destination
 * (argv[2]: its directory, written by the bench) and the runtime (the module generated code
 * imports as `mapc/runtime`), create a runtime over the
 * destination's presets, deliver one identify to the API at argv[3], exit.
 */
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const [directory, origin] = process.argv.slice(2) as [string, string]
const { destination } = (await import(pathToFileURL(join(directory, 'index.js')).href)) as { destination: import('../../src/runtime/contract.js').CompiledDestination }
const { createRuntime } = await import('../../src/runtime/index.js')
const runtime = createRuntime([{ destination, auth: { accessToken: 'bench-attio-token' }, endpoint: origin }])
const [result] = await runtime.send({ type: 'identify', messageId: 'start-1', userId: 'user-1', timestamp: '2026-12-03T10:00:00.000Z', traits: { email: 'user.1@example.com' } })
if (result?.status !== 'delivered') throw new Error(`not delivered: ${JSON.stringify(result)}`)
// The process's own CPU since it started, for the bench (main.ts, start-up).
process.stdout.write(JSON.stringify(process.cpuUsage()))
process.exit(0)
