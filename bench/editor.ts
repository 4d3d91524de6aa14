/**
 * `npm run bench:editor`: how long the language server takes to re-check a 1,000-line destination
 * after a keystroke (the target: under 50 ms at the median on this machine).
 *
 * The document is Attio's mapping with its actions repeated (renamed) to 1,000+ lines. Each
 * keystroke types one character into a description string, so the file stays valid and every
 * stage runs: parse, check, symbols, diagnostics. Measured two ways:
 *   1. the language service alone (set the text, compute the diagnostics);
 *   2. through the protocol: an incremental didChange to the in-process server (debounce 0) until
 *      its publishDiagnostics for that version arrives.
 * Wall time and the process's CPU time are both reported: on a shared machine wall time includes
 * waiting for a core, CPU time does not.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { pathToFileURL } from 'node:url'
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node'
import { createConnection, type PublishDiagnosticsParams } from 'vscode-languageserver/node'
import { LanguageService } from '../src/language-service/index.js'
import { parseMap } from '../src/compiler/syntax/parse.js'
import { startServer } from '../src/lsp/server.js'

const KEYSTROKES = Number(process.env['MAPC_BENCH_KEYSTROKES'] ?? 100)

function bigDocument(): string {
  const source = readFileSync('mappings/attio.map', 'utf8')
  const start = source.indexOf('  action ')
  const end = source.lastIndexOf('}')
  const actions = source.slice(start, end)
  let text = source.slice(0, start)
  for (let i = 0; text.split("\n").length < 1000; i++) text += i === 0 ? actions : actions.replace(/action (\w+)/g, (_, name: string) => `action ${name}${i}`)
  return `${text}}\n`
}

function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since)
  return (d.user + d.system) / 1000
}

/** The offset of the n-th keystroke: inside the description strings of the middle action. */
function keystrokeOffset(text: string): number {
  const middle = text.indexOf('description "', Math.floor(text.length / 2))
  return middle + 'description "'.length
}

async function main(): Promise<void> {
  const file = join(process.cwd(), 'mappings', 'bench-editor.map')
  let text = bigDocument()
  const lines = text.split('\n').length
  const at = keystrokeOffset(text)
  const service = new LanguageService({
    files: { readText: (p) => { try { return readFileSync(p, 'utf8') } catch { return undefined } } },
    docsUrl: 'file:///docs/diagnostics.md',
    uriOf: (f) => pathToFileURL(f).href
  })
  service.setDocument(file, text)
  if (service.diagnostics(file).some((d) => d.severity === 1)) throw new Error('the benchmark document must check clean')

  const wall: number[] = []
  const cpu: number[] = []
  const parseWall: number[] = []
  for (let i = 0; i < KEYSTROKES + 10; i++) {
    text = text.slice(0, at) + String.fromCharCode(97 + (i % 26)) + text.slice(at)
    const cpuStart = process.cpuUsage()
    const start = performance.now()
    service.setDocument(file, text)
    service.diagnostics(file)
    const w = performance.now() - start
    const c = cpuMs(cpuStart)
    const p = performance.now()
    parseMap(text, file)
    const pw = performance.now() - p
    if (i >= 10) {
      wall.push(w)
      cpu.push(c)
      parseWall.push(pw)
    }
  }

  // Through the protocol.
  const toServer = new PassThrough()
  const toClient = new PassThrough()
  const server = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient))
  startServer(server, { debounceMs: 0 })
  const client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer))
  let waiting: { version: number; resolve: () => void } | undefined
  client.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    if (waiting && p.version === waiting.version) waiting.resolve()
  })
  client.listen()
  await client.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} })
  const uri = pathToFileURL(file).href
  const opened = new Promise<void>((resolve) => (waiting = { version: 1, resolve }))
  await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'mapc', version: 1, text } })
  await opened
  const position = ((): { line: number; character: number } => {
    const before = text.slice(0, at).split('\n')
    return { line: before.length - 1, character: (before.at(-1) as string).length }
  })()
  const protocolWall: number[] = []
  for (let i = 0; i < KEYSTROKES + 10; i++) {
    const version = i + 2
    const published = new Promise<void>((resolve) => (waiting = { version, resolve }))
    const start = performance.now()
    await client.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: position, end: position }, text: 'x' }] })
    await published
    if (i >= 10) protocolWall.push(performance.now() - start)
  }
  client.dispose()
  server.dispose()

  const f = (n: number): string => `${n.toFixed(1)} ms`
  console.log(`Re-checking a ${lines}-line destination after a keystroke (${KEYSTROKES} keystrokes, medians):`)
  console.log(`  language service: ${f(median(wall))} wall, ${f(median(cpu))} CPU   (of which parsing: ${f(median(parseWall))} wall)`)
  console.log(`  through the protocol (didChange → publishDiagnostics, debounce 0): ${f(median(protocolWall))} wall`)
  console.log(`  target: under 50 ms — ${median(protocolWall) < 50 ? 'met' : 'NOT met'} (wall, protocol)`)
}

await main()
