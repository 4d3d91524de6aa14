// A user's process: imports a generated destination (argv[2]: its directory, built by mapc) and
// mapc's runtime (the package, as generated code imports it), creates a runtime over the
// destination's presets, sends one event to the API at argv[3], and prints what it delivered and
// every module the process loaded: ES modules through the loader hooks, CommonJS ones from
// require's cache (the hooks do not see require() inside CommonJS on Node 20).
import { createRequire, register } from 'node:module'
import { MessageChannel } from 'node:worker_threads'
import { pathToFileURL } from 'node:url'
import { join } from 'node:path'

const { port1, port2 } = new MessageChannel()
register(new URL('./record-loads.mjs', import.meta.url), { data: { port: port2 }, transferList: [port2] })

const [directory, origin] = process.argv.slice(2)
const { destination } = await import(pathToFileURL(join(directory, 'index.js')).href)
const { createRuntime } = await import('mapc/runtime')
const runtime = createRuntime([{ destination, auth: { accessToken: 'token-layering' }, endpoint: origin }])
const results = await runtime.send({
  type: 'identify',
  userId: 'user-1',
  messageId: 'layering-1',
  timestamp: '2026-12-03T10:00:00.000Z',
  traits: { email: 'ada@example.com', name: 'Ada' }
})
await runtime.close()

const esm = await new Promise((resolve) => {
  port1.once('message', resolve)
  port1.postMessage('list')
})
port1.close()
const commonjs = Object.keys(createRequire(import.meta.url).cache).map((file) => pathToFileURL(file).href)
process.stdout.write(JSON.stringify({ results, modules: [...new Set([...esm, ...commonjs])] }))
