/**
 * The mapc extension for VS Code: the language's configuration and grammar come from the
 * manifest; this starts `mapc lsp` and connects VS Code's language client to it.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import * as vscode from 'vscode'
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node'

let client: LanguageClient | undefined

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const config = vscode.workspace.getConfiguration('mapc')
  const command = serverCommand(config.get<string>('server.path', ''))
  const serverOptions: ServerOptions = { command, args: ['lsp'], transport: TransportKind.stdio }
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'mapc' },
      { scheme: 'untitled', language: 'mapc' }
    ],
    initializationOptions: { debounceMs: config.get<number>('server.debounceMs', 150) },
    outputChannelName: 'mapc'
  }
  client = new LanguageClient('mapc', 'mapc language server', serverOptions, clientOptions)
  context.subscriptions.push({ dispose: () => void client?.stop() })
  try {
    await client.start()
  } catch (error) {
    void vscode.window.showErrorMessage(`mapc: cannot start \`${command} lsp\`: ${error instanceof Error ? error.message : String(error)}. Set mapc.server.path to the mapc command.`)
  }
}

export function deactivate(): Promise<void> | undefined {
  return client?.stop()
}

/** The setting, else the workspace's own mapc (a project that depends on it), else mapc on the PATH. */
function serverCommand(configured: string): string {
  if (configured.trim() !== '') return configured
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const local = join(folder.uri.fsPath, 'node_modules', '.bin', process.platform === 'win32' ? 'mapc.cmd' : 'mapc')
    if (existsSync(local)) return local
  }
  return 'mapc'
}
