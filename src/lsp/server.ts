/**
 * `mapc lsp`: the Language Server Protocol edge of the language service. It keeps the open
 * documents (incremental sync), publishes diagnostics after a pause in typing, answers requests
 * by asking the service, and watches the API schema files the documents are checked against.
 *
 * It never dies of its input: a request that throws is logged and answered with an error, a
 * failed diagnostics run is logged and the next edit tries again.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import {
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  type CompletionParams,
  type Connection,
  type DefinitionParams,
  type DocumentFormattingParams,
  type HoverParams,
  type InitializeResult,
  type PrepareRenameParams,
  type ReferenceParams,
  type RenameParams,
  type TextDocumentIdentifier
} from 'vscode-languageserver/node'
import { TextDocument } from 'vscode-languageserver-textdocument'
import { findPackageRoot } from '../compiler/grammar/package-root.js'
import { LanguageService, semanticTokensLegend, type ProjectFiles } from '../language-service/index.js'
import { DocumentNames } from './documents.js'
import { SchemaWatcher } from './schema-watcher.js'

export interface ServerOptions {
  /** Quiet time after an edit before diagnostics are computed; 0 computes them at once. */
  debounceMs?: number
  /** The service to wrap (tests pass one); by default one that reads the file system. */
  service?: (names: DocumentNames) => LanguageService
}

export const DEFAULT_DEBOUNCE_MS = 150

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const names = new DocumentNames()
  const service = options.service?.(names) ?? defaultService(names)
  const documents = new TextDocuments(TextDocument)
  let debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS
  let clientWatchesFiles = false
  const timers = new Map<string, NodeJS.Timeout>()
  const log = (message: string): void => connection.console.error(message)
  const watcher = new SchemaWatcher((path) => schemaChanged(path), log)

  function publish(uri: string): void {
    timers.delete(uri)
    const document = documents.get(uri)
    if (!document) return
    try {
      const file = names.fileOf(uri)
      service.setDocument(file, document.getText())
      const analysis = service.analysis(file)
      if (analysis.internalError) log(`mapc lsp: the checker failed on ${uri}: ${analysis.internalError.stack ?? analysis.internalError.message}`)
      // A rejection means the connection is gone: there is no one left to tell.
      connection.sendDiagnostics({ uri, version: document.version, diagnostics: service.diagnostics(file) }).catch(() => watcher.close())
      if (!clientWatchesFiles) watcher.update(service.schemaFiles())
    } catch (error) {
      log(`mapc lsp: diagnostics for ${uri} failed: ${describeError(error)}`)
    }
  }

  function schedule(uri: string, delay: number): void {
    clearTimeout(timers.get(uri))
    if (delay <= 0) publish(uri)
    else timers.set(uri, setTimeout(() => publish(uri), delay))
  }

  function schemaChanged(path: string): void {
    for (const file of service.schemaChanged(path)) schedule(names.uriOf(file), debounceMs)
  }

  /** Runs a request against the service with the document's current text; errors become answers. */
  function guarded<P extends { textDocument: { uri: string } }, R>(method: string, run: (file: string, params: P) => R) {
    return (params: P): R | ResponseError<void> | null => {
      try {
        const document = documents.get(params.textDocument.uri)
        if (!document) return null
        const file = names.fileOf(params.textDocument.uri)
        service.setDocument(file, document.getText())
        return run(file, params)
      } catch (error) {
        if (error instanceof RefusedError) return new ResponseError(LSPErrorCodes.RequestFailed, error.message)
        log(`mapc lsp: ${method} failed: ${describeError(error)}`)
        return new ResponseError(ErrorCodes.InternalError, `mapc: ${method} failed: ${error instanceof Error ? error.message : String(error)}`)
      }
    }
  }

  connection.onInitialize((params): InitializeResult => {
    const init = params.initializationOptions as { debounceMs?: unknown } | undefined
    if (typeof init?.debounceMs === 'number' && init.debounceMs >= 0) debounceMs = init.debounceMs
    clientWatchesFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: ['.', '"', '$'] },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentFormattingProvider: true,
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        semanticTokensProvider: { legend: semanticTokensLegend, full: true }
      },
      serverInfo: { name: 'mapc', version: packageVersion() }
    }
  })

  connection.onInitialized(() => {
    if (clientWatchesFiles) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/apis/*.schema.json' }] }).catch((error: unknown) => {
        log(`mapc lsp: the client did not take the file watcher: ${describeError(error)}`)
        clientWatchesFiles = false
      })
    }
  })

  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) {
      try {
        schemaChanged(names.fileOf(change.uri))
      } catch (error) {
        log(`mapc lsp: a file change failed: ${describeError(error)}`)
      }
    }
  })

  // An opened document is checked at once; an edited one after a pause in typing.
  const justOpened = new Set<string>()
  documents.onDidOpen((event) => void justOpened.add(event.document.uri))
  documents.onDidChangeContent((event) => schedule(event.document.uri, justOpened.delete(event.document.uri) ? 0 : debounceMs))
  documents.onDidClose((event) => {
    clearTimeout(timers.get(event.document.uri))
    timers.delete(event.document.uri)
    justOpened.delete(event.document.uri)
    const file = names.fileOf(event.document.uri)
    service.closeDocument(file)
    names.forget(file)
    connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] }).catch(() => undefined)
    if (!clientWatchesFiles) watcher.update(service.schemaFiles())
  })

  connection.onCompletion(guarded('completion', (file, p: CompletionParams) => service.completion(file, p.position)))
  connection.onHover(guarded('hover', (file, p: HoverParams) => service.hover(file, p.position) ?? null))
  connection.onDefinition(guarded('definition', (file, p: DefinitionParams) => service.definition(file, p.position) ?? null))
  connection.onReferences(guarded('references', (file, p: ReferenceParams) => service.references(file, p.position, p.context.includeDeclaration)))
  connection.onPrepareRename(
    guarded('prepareRename', (file, p: PrepareRenameParams) => {
      const answer = service.prepareRename(file, p.position)
      if ('refused' in answer) throw new RefusedError(answer.refused)
      return answer
    })
  )
  connection.onRenameRequest(
    guarded('rename', (file, p: RenameParams) => {
      const answer = service.rename(file, p.position, p.newName)
      if ('refused' in answer) throw new RefusedError(answer.refused)
      return { changes: { [p.textDocument.uri]: answer.edits } }
    })
  )
  connection.onDocumentFormatting(
    guarded('formatting', (file, _p: DocumentFormattingParams) => {
      const answer = service.format(file)
      if ('refused' in answer) throw new RefusedError(answer.refused)
      return answer.edits
    })
  )
  connection.onDocumentSymbol(guarded('documentSymbol', (file, _p: { textDocument: TextDocumentIdentifier }) => service.documentSymbols(file)))
  connection.onFoldingRanges(guarded('foldingRange', (file, _p: { textDocument: TextDocumentIdentifier }) => service.foldingRanges(file)))
  connection.languages.semanticTokens.on(guarded('semanticTokens', (file, _p: { textDocument: TextDocumentIdentifier }) => service.semanticTokens(file)))
  connection.onShutdown(() => {
    for (const timer of timers.values()) clearTimeout(timer)
    timers.clear()
    watcher.close()
  })

  documents.listen(connection)
  connection.listen()
}

/** A request the server declines, with the reason for the user (not a crash: not logged as one). */
class RefusedError extends Error {}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error)
}

function defaultService(names: DocumentNames): LanguageService {
  const files: ProjectFiles = {
    readText(path) {
      try {
        return readFileSync(path, 'utf8')
      } catch {
        return undefined
      }
    }
  }
  const root = findPackageRoot()
  const docsUrl = root === undefined ? 'https://github.com/mapc/mapc/blob/main/docs/diagnostics.md' : pathToFileURL(join(root, 'docs', 'diagnostics.md')).href
  return new LanguageService({ files, docsUrl, uriOf: (file) => names.uriOf(file) })
}

function packageVersion(): string {
  const root = findPackageRoot()
  if (root === undefined) return '0.0.0'
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version
}
