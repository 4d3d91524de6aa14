/**
 * A test editor: speaks JSON-RPC to the language server, in-process over streams or to a
 * `mapc lsp` child process, and sends the messages an editor sends. Diagnostics are collected as
 * published, so a test can wait for the ones of a given document version.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { PassThrough } from 'node:stream'
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node'
import { createConnection } from 'vscode-languageserver/node'
import type { Diagnostic, InitializeResult, Position, PublishDiagnosticsParams, TextDocumentContentChangeEvent } from 'vscode-languageserver/node'
import { startServer, type ServerOptions } from '../../../src/lsp/server.js'

export class TestClient {
  readonly published: PublishDiagnosticsParams[] = []
  readonly logs: string[] = []
  private waiters: { test: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = []
  private readonly versions = new Map<string, number>()

  private constructor(
    readonly rpc: MessageConnection,
    private readonly stop: () => void,
    readonly child?: ChildProcess
  ) {
    rpc.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.push(p)
      this.waiters = this.waiters.filter((w) => (w.test(p) ? (w.resolve(p), false) : true))
    })
    rpc.onNotification('window/logMessage', (p: { message: string }) => void this.logs.push(p.message))
    rpc.onRequest('client/registerCapability', () => null)
    rpc.listen()
  }

  /** A server in this process, on a pair of streams. */
  static inProcess(options: ServerOptions = {}): TestClient {
    const toServer = new PassThrough()
    const toClient = new PassThrough()
    const server = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient))
    startServer(server, { debounceMs: 0, ...options })
    const rpc = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer))
    return new TestClient(rpc, () => {
      rpc.dispose()
      server.dispose()
      toServer.destroy()
      toClient.destroy()
    })
  }

  /** `node bin/mapc.js lsp --stdio`, the command an editor starts. */
  static childProcess(bin: string, args: string[] = []): TestClient {
    const child = spawn(process.execPath, [bin, 'lsp', '--stdio', ...args], { stdio: ['pipe', 'pipe', 'pipe'] })
    const rpc = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin))
    return new TestClient(rpc, () => {
      rpc.dispose()
      if (child.exitCode === null) child.kill()
    }, child)
  }

  async initialize(initializationOptions: Record<string, unknown> = {}): Promise<InitializeResult> {
    const result = (await this.rpc.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {}, initializationOptions })) as InitializeResult
    await this.rpc.sendNotification('initialized', {})
    return result
  }

  async open(uri: string, text: string): Promise<void> {
    this.versions.set(uri, 1)
    await this.rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'mapc', version: 1, text } })
  }

  /** Sends the changes as the next version; returns that version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1
    this.versions.set(uri, version)
    await this.rpc.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes })
    return version
  }

  async close(uri: string): Promise<void> {
    await this.rpc.sendNotification('textDocument/didClose', { textDocument: { uri } })
  }

  /** The diagnostics published for a document at this version or later (one already published counts). */
  diagnostics(uri: string, version = this.versions.get(uri) ?? 1): Promise<Diagnostic[]> {
    const test = (p: PublishDiagnosticsParams): boolean => p.uri === uri && (p.version ?? Number.MAX_SAFE_INTEGER) >= version
    const done = [...this.published].reverse().find(test)
    if (done) return Promise.resolve(done.diagnostics)
    return new Promise((resolve) => this.waiters.push({ test, resolve: (p) => resolve(p.diagnostics) }))
  }

  /** The next publication for a document, whatever its version. */
  nextDiagnostics(uri: string): Promise<Diagnostic[]> {
    return new Promise((resolve) => this.waiters.push({ test: (p) => p.uri === uri, resolve: (p) => resolve(p.diagnostics) }))
  }

  request<R>(method: string, uri: string, position?: Position, extra: Record<string, unknown> = {}): Promise<R> {
    const params: Record<string, unknown> = { textDocument: { uri }, ...extra }
    if (position) params.position = position
    return this.rpc.sendRequest(method, params) as Promise<R>
  }

  dispose(): void {
    this.stop()
  }
}

/**
 * A document with cursor markers: `⟨name⟩` marks a position and is removed from the text.
 * `positions.name` is where it was, as an editor position.
 */
export function marked(source: string): { text: string; positions: Record<string, Position>; offsets: Record<string, number> } {
  const positions: Record<string, Position> = {}
  const offsets: Record<string, number> = {}
  let text = ''
  let i = 0
  const pattern = /⟨([A-Za-z0-9_]+)⟩/g
  let match: RegExpExecArray | null
  while ((match = pattern.exec(source)) !== null) {
    text += source.slice(i, match.index)
    i = match.index + match[0].length
    const before = text.split('\n')
    positions[match[1] as string] = { line: before.length - 1, character: (before[before.length - 1] as string).length }
    offsets[match[1] as string] = text.length
  }
  text += source.slice(i)
  return { text, positions, offsets }
}
