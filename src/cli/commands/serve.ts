/**
 * `mapc serve [files…] [--port N]`: the local web tester (src/serve, web/serve). It opens
 * nothing by itself: it prints the address and runs until SIGINT or SIGTERM. Emulators of
 * Attio, Schematic and Matilda start with it, except for a destination given `--endpoint`.
 */
import { readFileSync } from 'node:fs'
import { parseEndpointOverride } from '../../runtime/http/endpoint-override.js'
import { startServe } from '../../serve/server.js'
import type { TestCredentials } from '../../serve/settings-placeholders.js'
import { EXIT_OK, UsageError, type Command } from '../command.js'
import { collectMapFiles } from '../input-files.js'

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1'])

export const serveCommand: Command = {
  name: 'serve',
  summary: 'a local web tester: edit a .map, run an action on an event, send it to an emulator',
  usage: 'mapc serve [files|dirs…] [--port N] [--endpoint DEST=ORIGIN] [--settings DEST=FILE.json]',
  optionHelp: [
    '--port N                  the port on 127.0.0.1 (default: a free one)',
    '--host H                  listen elsewhere than loopback (the page can save files: think twice)',
    '--endpoint DEST=ORIGIN    send DEST\'s requests to ORIGIN (no emulator is started for it); repeatable',
    '--settings DEST=FILE      DEST\'s settings for Send as JSON ({"settings": {…}, "auth": {…}} or the settings alone); repeatable'
  ],
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    endpoint: { type: 'string', multiple: true },
    settings: { type: 'string', multiple: true }
  },
  async run({ positionals, values }, io) {
    const files = await collectMapFiles(positionals.length > 0 ? positionals : ['mappings'])
    const port = Number(values['port'])
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, got ${String(values['port'])}`)
    const host = String(values['host'])
    const endpoints: Record<string, string> = {}
    for (const [dest, origin] of pairs(values['endpoint'], '--endpoint')) {
      const parsed = parseEndpointOverride(origin)
      if ('problem' in parsed) throw new UsageError(`--endpoint ${dest}: the origin ${parsed.problem}`)
      endpoints[dest] = parsed.origin
    }
    const credentials: Record<string, Partial<TestCredentials>> = {}
    for (const [dest, file] of pairs(values['settings'], '--settings')) credentials[dest] = readCredentials(file)

    let running
    try {
      running = await startServe({ files, port, host, endpoints, credentials })
    } catch (error) {
      throw new UsageError(`cannot listen on ${host}:${port}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
    }
    if (!LOOPBACK.has(host)) io.stderr(`mapc serve: listening on ${host}, not loopback: anyone who reaches it can read and save the opened files\n`)
    io.stdout(`mapc serve on ${running.url} (${files.length} file${files.length === 1 ? '' : 's'}: ${files.join(', ')})\n`)
    for (const [api, url] of Object.entries(running.emulators)) io.stdout(`  ${api} emulator on ${url}\n`)
    for (const [dest, origin] of Object.entries(endpoints)) io.stdout(`  ${dest} sends to ${origin}\n`)
    await new Promise<void>((resolve) => {
      const done = (): void => {
        process.off('SIGINT', done)
        process.off('SIGTERM', done)
        resolve()
      }
      process.on('SIGINT', done)
      process.on('SIGTERM', done)
    })
    await running.stop()
    return EXIT_OK
  }
}

function pairs(value: unknown, flag: string): [string, string][] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value]
  return list.map((item) => {
    const text = String(item)
    const eq = text.indexOf('=')
    if (eq <= 0 || eq === text.length - 1) throw new UsageError(`${flag} takes DEST=VALUE, got ${text}`)
    return [text.slice(0, eq), text.slice(eq + 1)]
  })
}

function readCredentials(file: string): Partial<TestCredentials> {
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new UsageError(`--settings ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new UsageError(`--settings ${file} must hold a JSON object`)
  const object = parsed as Record<string, unknown>
  if ('settings' in object || 'auth' in object) return object as Partial<TestCredentials>
  return { settings: object }
}
