/**
 * `mapc lsp [--stdio]`: the language server, speaking the Language Server Protocol on standard
 * input and output (the only transport; `--stdio` is accepted because clients add it). It runs
 * until the client exits it or closes its input.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node'
import { startServer } from '../../lsp/server.js'
import { UsageError, type Command } from '../command.js'

export const lspCommand: Command = {
  name: 'lsp',
  summary: 'run the language server for editors (Language Server Protocol on stdio)',
  usage: 'mapc lsp [--stdio] [--debounce ms]',
  optionHelp: ['--stdio         talk on standard input and output (the default and only transport)', '--debounce ms   pause after an edit before diagnostics (default 150)'],
  options: {
    stdio: { type: 'boolean', default: false },
    debounce: { type: 'string' }
  },
  async run({ values, positionals }) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`)
    const debounce = values['debounce']
    const debounceMs = debounce === undefined ? undefined : Number(debounce)
    if (debounceMs !== undefined && !(Number.isInteger(debounceMs) && debounceMs >= 0)) throw new UsageError(`--debounce takes a whole number of milliseconds, not ${String(debounce)}`)
    const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout)
    // Whatever happens in a handler, the editor keeps its server: log and go on.
    process.on('uncaughtException', (error) => connection.console.error(`mapc lsp: uncaught: ${error.stack ?? error.message}`))
    process.on('unhandledRejection', (reason) => connection.console.error(`mapc lsp: unhandled rejection: ${String(reason)}`))
    startServer(connection, debounceMs === undefined ? {} : { debounceMs })
    // The connection ends the process (on `exit`, or when the client closes stdin).
    return new Promise<number>(() => undefined)
  }
}
