/**
 * `npm start`: the out-of-the-box demo. Builds the three bundled destinations, starts their
 * emulators on free loopback ports, delivers examples/events.ndjson through
 * examples/mapc.yaml with `mapc run` (endpoints and credentials in the environment, as in
 * production), and shows what each emulator now holds. No flags, no network.
 */
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { main } from '../cli/main.js'
import { processIo, type CliIo } from '../cli/io.js'
import { startEmulator, type ServedEmulator } from '../emulators/index.js'
import { findPackageRoot } from '../compiler/grammar/package-root.js'
import { describeState } from './describe-state.js'

/** Demo credentials: the emulators accept only these, so a wrong one would show as a 401. */
const CREDENTIALS = { attio: 'demo-attio-access-token', schematic: 'demo-schematic-api-key', matilda: 'demo-matilda-api-key' } as const

async function demo(): Promise<number> {
  const root = findPackageRoot(import.meta.url) ?? process.cwd()
  process.chdir(root)
  const out = (text: string): void => void process.stdout.write(text)

  out('== mapc build: compiling mappings/*.map to generated/\n')
  const built = await main(['build', 'mappings', '--out', 'generated'], processIo)
  if (built !== 0) return built

  const emulators: Record<keyof typeof CREDENTIALS, ServedEmulator> = {
    attio: await startEmulator('attio', { credential: CREDENTIALS.attio }),
    schematic: await startEmulator('schematic', { credential: CREDENTIALS.schematic }),
    matilda: await startEmulator('matilda', { credential: CREDENTIALS.matilda })
  }
  try {
    out('\n== emulators on loopback\n')
    for (const [api, served] of Object.entries(emulators)) out(`${api.padEnd(10)} ${served.url}\n`)

    const deadLetters = join('generated', 'demo-dead-letters.ndjson')
    rmSync(deadLetters, { force: true })
    const env = {
      ...process.env,
      ATTIO_ENDPOINT: emulators.attio.url,
      SCHEMATIC_ENDPOINT: emulators.schematic.url,
      MATILDA_ENDPOINT: emulators.matilda.url,
      ATTIO_ACCESS_TOKEN: CREDENTIALS.attio,
      SCHEMATIC_API_KEY: CREDENTIALS.schematic,
      MATILDA_API_KEY: CREDENTIALS.matilda
    }
    const command = ['run', '--config', 'examples/mapc.yaml', '--input', 'examples/events.ndjson', '--dead-letter', deadLetters]
    out(`\n== mapc ${command.join(' ')}\n`)
    const io: CliIo = { ...processIo, env }
    const code = await main(command, io)
    out(`(mapc run exited with ${code}${code === 1 ? ': some lines were dead-lettered, as the sample stream means some to be' : ''})\n`)

    out('\n== what the emulators now hold\n')
    out(describeState(emulators.attio.emulator.state(), emulators.schematic.emulator.state(), emulators.matilda.emulator.state()))
    out(`\nDead letters: ${deadLetters} (re-run them with --input ${deadLetters} once their cause is fixed).\n`)
    out('Full state: GET <emulator>/__emulator/state while `mapc emulate all` runs.\n')
    return code === 0 || code === 1 ? 0 : code
  } finally {
    await Promise.all(Object.values(emulators).map((e) => e.stop()))
  }
}

process.exitCode = await demo()
