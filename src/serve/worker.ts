/**
 * The worker thread that runs the compiler and the runtime for `mapc serve`, so that a file
 * that takes long to check holds up this thread, not the HTTP server: the server stops the
 * worker when its budget runs out and starts a new one (compiler-worker.ts).
 */
import { parentPort } from 'node:worker_threads'
import { check, compileAction, dryRun, formatText, send, sendBatch } from './tester.js'
import type { WorkerCall, WorkerReply } from './worker-protocol.js'

async function answer(call: WorkerCall): Promise<unknown> {
  switch (call.op) {
    case 'check':
      return check(call.doc)
    case 'compile':
      return compileAction(call.doc, call.action)
    case 'format':
      return formatText(call.doc)
    case 'dry-run':
      return dryRun(call.doc, call.action, call.event, call.credentials)
    case 'send':
      return send(call.doc, call.action, call.event, call.delivery)
    case 'batch':
      return sendBatch(call.doc, call.action, call.event, call.count, call.delivery)
  }
}

const port = parentPort
if (!port) throw new Error('src/serve/worker.ts runs as a worker thread of mapc serve')
port.postMessage({ ready: true })
port.on('message', (message: { id: number; call: WorkerCall }) => {
  answer(message.call).then(
    (value) => port.postMessage({ id: message.id, ok: true, value } satisfies WorkerReply),
    (error: unknown) => port.postMessage({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies WorkerReply)
  )
})
