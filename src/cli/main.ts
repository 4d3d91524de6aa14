/**
 * The `mapc` command line. `main` parses the command and its options, runs it, and turns every
 * outcome into an exit code: 0 success, 1 the input has problems (or a file or directory cannot
 * be read or written), 2 bad usage, 70 a bug in mapc. It never lets an exception escape: an
 * unexpected one prints one line (and the stack only with MAPC_DEBUG=1).
 */
import { parseArgs } from 'node:util'
import { closest } from '../compiler/diagnostics/suggest.js'
import { EXIT_FAILURE, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UsageError, type Command } from './command.js'
import { commands } from './commands/index.js'
import { asFileSystemFailure, describeFileSystemFailure } from './file-system-failure.js'
import { processIo, type CliIo } from './io.js'
import { packageVersion } from './version.js'

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  try {
    return await dispatch(argv, io)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    io.stderr(`mapc: internal error: ${message}\n`)
    if (io.env['MAPC_DEBUG'] === '1' && error instanceof Error && error.stack !== undefined) io.stderr(`${error.stack}\n`)
    return EXIT_INTERNAL
  }
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv
  if (first === undefined) return usageError(io, 'no command given', undefined)
  if (first === '--help' || first === '-h' || first === 'help') {
    io.stdout(globalHelp())
    return EXIT_OK
  }
  if (first === '--version' || first === '-v') {
    io.stdout(`mapc ${packageVersion()}\n`)
    return EXIT_OK
  }
  const command = commands.find((candidate) => candidate.name === first)
  if (command === undefined) {
    const suggestion = closest(first, commands.map((c) => c.name))
    const what = first.startsWith('-') ? `unknown option '${first}'` : `unknown command '${first}'`
    return usageError(io, suggestion === undefined ? what : `${what}; did you mean '${suggestion}'?`, undefined)
  }
  let parsed
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h', default: false } },
      allowPositionals: true,
      strict: true
    })
  } catch (error) {
    return usageError(io, argumentProblem(error as Error & { code?: string }), command)
  }
  if (parsed.values['help'] === true) {
    io.stdout(commandHelp(command))
    return EXIT_OK
  }
  try {
    return await command.run({ positionals: parsed.positionals, values: parsed.values }, io)
  } catch (error) {
    if (error instanceof UsageError) return usageError(io, error.message, command)
    const failure = asFileSystemFailure(error)
    if (failure === undefined) throw error
    io.stderr(`mapc ${command.name}: ${describeFileSystemFailure(failure)}\n`)
    return EXIT_FAILURE
  }
}

function usageError(io: CliIo, message: string, command: Command | undefined): number {
  const prefix = command === undefined ? 'mapc' : `mapc ${command.name}`
  io.stderr(`${prefix}: ${firstLine(message)}\n`)
  io.stderr(command === undefined ? usageLines() : `usage: ${command.usage}\n`)
  return EXIT_USAGE
}

/** node:util's parse errors, shortened to what the user typed wrong. */
function argumentProblem(error: Error & { code?: string }): string {
  const option = /'(-[^']*)'/.exec(error.message)?.[1]
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option !== undefined) return `unknown option '${option}'`
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return (error.message.split('. ')[0] ?? error.message).replace(/^Option /, 'option ')
  return error.message
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text
}

function usageLines(): string {
  return 'usage: mapc <command> [options]   (mapc --help lists the commands)\n'
}

function globalHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length))
  return [
    'mapc: the mapping language compiler for customer-data destinations',
    '',
    'usage: mapc <command> [options]',
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}   ${c.summary}`),
    '',
    'options:',
    '  -h, --help      show help (also after a command: mapc check --help)',
    '  -v, --version   print the version',
    ''
  ].join('\n')
}

function commandHelp(command: Command): string {
  return [`usage: ${command.usage}`, '', command.summary, '', 'options:', ...command.optionHelp.map((line) => `  ${line}`), '  -h, --help   show this help', ''].join('\n')
}
