/**
 * A real `mapc serve` for the tests: `node bin/mapc.js serve …` in a scratch copy of the
 * mappings (saves must not touch the repository), and Debian's Chromium through playwright-core.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { accessSync, constants, cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser } from 'playwright-core'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const BIN = join(ROOT, 'bin', 'mapc.js')

export interface ServeProcess {
  url: string
  emulators: Record<string, string>
  dir: string
  output(): string
  stop(): Promise<void>
}

/** `npm ci` builds dist/ and the page (`prepare` runs `npm run build`); the tests run what a user runs. */
export function requireBuild(): void {
  for (const built of ['dist/src/cli/main.js', 'dist/src/serve/worker.js', 'dist/web/serve/index.html']) {
    if (!existsSync(join(ROOT, built))) throw new Error(`${built} is missing: run \`npm run build\` (npm ci does it through \`prepare\`)`)
  }
}

/** A scratch folder with mappings/ (the three .map files and their API schemas). */
export function scratchProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mapc-serve-'))
  cpSync(join(ROOT, 'mappings'), join(dir, 'mappings'), { recursive: true })
  return dir
}

export async function startServeProcess(dir: string, args: string[]): Promise<ServeProcess> {
  const child: ChildProcess = spawn(process.execPath, [BIN, 'serve', ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()))
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`mapc serve did not start in 60 s:\n${out}`)), 60_000)
    const look = (): void => {
      const m = /mapc serve on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      if (m && /matilda emulator on/.test(out)) {
        clearTimeout(timer)
        resolve(m[1] as string)
      }
    }
    child.stdout?.on('data', look)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`mapc serve exited with ${code}:\n${out}`))
    })
  })
  const emulators = Object.fromEntries([...out.matchAll(/(\w+) emulator on (http:\/\/\S+)/g)].map((m) => [m[1] as string, m[2] as string]))
  return {
    url,
    emulators,
    dir,
    output: () => out,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

function chromiumPath(): string {
  const given = process.env['MAPC_CHROMIUM']
  if (given) return given
  for (const d of (process.env['PATH'] ?? '').split(delimiter)) {
    const candidate = join(d, 'chromium')
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {
      // not here
    }
  }
  throw new Error("Debian's chromium is not on PATH (npm test installs it: apt-get install -y chromium; or set MAPC_CHROMIUM)")
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
  })
}
