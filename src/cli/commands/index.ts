/**
 * Every CLI command, in the order `mapc --help` lists them. A new command is one file in this
 * folder and one entry here.
 */
import type { Command } from '../command.js'
import { checkCommand } from './check.js'
import { fmtCommand } from './fmt.js'

export const commands: readonly Command[] = [checkCommand, fmtCommand]
