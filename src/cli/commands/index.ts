/**
 * Every CLI command, in the order `mapc --help` lists them. A new command is one file in this
 * folder and one entry here.
 */
import type { Command } from '../command.js'
import { buildCommand } from './build.js'
import { checkCommand } from './check.js'
import { deadLetterCommand } from './dead-letter.js'
import { docsCommand } from './docs.js'
import { emulateCommand } from './emulate.js'
import { fmtCommand } from './fmt.js'
import { ingestCommand } from './ingest.js'
import { lspCommand } from './lsp.js'
import { replayCommand } from './replay.js'
import { runCommand } from './run.js'
import { serveCommand } from './serve.js'
import { testCommand } from './test.js'
import { workerCommand } from './worker.js'

export const commands: readonly Command[] = [checkCommand, fmtCommand, buildCommand, docsCommand, replayCommand, testCommand, runCommand, ingestCommand, workerCommand, deadLetterCommand, emulateCommand, lspCommand, serveCommand]
