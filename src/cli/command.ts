/**
 * A CLI command: its name, usage, options (in `node:util` parseArgs form) and what it does.
 * Commands register in commands/index.ts; main.ts parses arguments against `options` and
 * handles `--help`, usage errors and unexpected failures for all of them alike.
 */
import type { ParseArgsConfig } from 'node:util'
import type { CliIo } from './io.js'

export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>

export interface CommandInput {
  positionals: string[]
  values: OptionValues
}

export interface Command {
  name: string
  /** One line, for the list of commands. */
  summary: string
  /** `mapc check <files|dirs…> [--format text|json]` */
  usage: string
  /** Option lines for `mapc <command> --help`. */
  optionHelp: string[]
  options: NonNullable<ParseArgsConfig['options']>
  run(input: CommandInput, io: CliIo): Promise<number>
}

/** Bad arguments: main prints the message and the command's usage and exits with 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

export const EXIT_OK = 0
export const EXIT_FAILURE = 1
export const EXIT_USAGE = 2
/** EX_SOFTWARE from sysexits.h: the program failed, not the input. */
export const EXIT_INTERNAL = 70
