/**
 * Driving the real `mapc` command as a child process (bin/mapc.js, which runs dist/), as a user
 * would, while the test process serves the emulators: spawn is asynchronous so that the
 * emulators keep answering while the command runs. dist/ is rebuilt first when src/ is newer,
 * so a test never exercises a stale build.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const BIN = join(ROOT, 'bin', 'mapc.js')

export interface CliResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

/** Rebuilds dist/ when any file under src/ is newer than the built CLI (a developer's edit since the last build). */
export function ensureFreshBuild(): void {
  const built = join(ROOT, 'dist', 'src', 'cli', 'main.js')
  if (existsSync(built) && statSync(built).mtimeMs >= newestMtime(join(ROOT, 'src'))) return
  const result = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`dist/ is stale and rebuilding it failed:\n${result.stdout}${result.stderr}`)
}

/** A scratch directory inside the project, so that built modules resolve `mapc/runtime`; removed by `cleanup`. */
export function scratchDir(suite: string): { dir: string; cleanup(): void } {
  const dir = join(ROOT, '.tmp', `${suite}-${process.pid}`)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

export interface SpawnOptions {
  env?: Record<string, string>
  cwd?: string
  /** Written to standard input, which is then closed. */
  stdin?: string
  /** Called once the process is running (to signal it, for example). */
  onSpawn?: (child: ReturnType<typeof spawn>) => void
  /** Called with each chunk of standard error as it arrives. */
  onStderr?: (text: string, child: ReturnType<typeof spawn>) => void
}

export function runMapc(args: readonly string[], options: SpawnOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? ROOT,
      // Only what the test gives: no credentials or endpoints leak in from the developer's shell.
      env: { PATH: process.env['PATH'] ?? '', ...(options.env ?? {}) },
      stdio: ['pipe', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (t: string) => void (stdout += t))
    child.stderr.setEncoding('utf8').on('data', (t: string) => {
      stderr += t
      options.onStderr?.(t, child)
    })
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }))
    child.stdin.end(options.stdin ?? '')
    options.onSpawn?.(child)
  })
}

/** `mapc build mappings --out <dir>`, once per suite. */
export async function buildBundledDestinations(out: string): Promise<void> {
  const result = await runMapc(['build', join(ROOT, 'mappings'), '--out', out])
  if (result.code !== 0) throw new Error(`mapc build failed:\n${result.stdout}${result.stderr}`)
}

export function writeText(file: string, text: string): string {
  writeFileSync(file, text)
  return file
}
