/**
 * A real nats-server with JetStream for a test: on 127.0.0.1, a port the system picks, file
 * storage in a directory of its own; restartable on the same port and store (to prove that
 * nothing is lost across a server restart), and stopped by its own process id.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface NatsServer {
  url: string
  port: number
  storeDir: string
  /** Stops the server (SIGTERM; file storage is flushed) and starts it again on the same port and store. */
  restart(options?: { downMs?: number }): Promise<void>
  /** SIGTERM and wait, without restarting; `start` brings it back. */
  halt(): Promise<void>
  start(): Promise<void>
  /** SIGSTOP: the server keeps its connections but reads and answers nothing (a request sent now is never answered). */
  pause(): void
  /** SIGKILL and wait (also of a paused server): what it had not answered is lost; `start` brings it back on the same store. */
  kill(): Promise<void>
  stop(): Promise<void>
}

function binary(): string {
  return process.env['MAPC_NATS_SERVER'] ?? 'nats-server'
}

function launch(port: number, storeDir: string): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary(), ['-js', '-sd', storeDir, '-a', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] })
    let log = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`nats-server did not start within 20 s:\n${log}`))
    }, 20_000)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(new Error(`cannot start nats-server (${error.message}); install it (Debian: apt-get install nats-server) or set MAPC_NATS_SERVER`))
    })
    child.stderr!.setEncoding('utf8').on('data', (text: string) => {
      log += text
      const listening = /Listening for client connections on [^\s]*:(\d+)/.exec(log)
      if (listening && /Server is ready/.test(log)) {
        clearTimeout(timer)
        resolve({ child, port: Number(listening[1]) })
      }
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`nats-server exited with ${code}:\n${log}`))
    })
  })
}

function halted(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

export async function startNatsServer(): Promise<NatsServer> {
  const storeDir = mkdtempSync(join(tmpdir(), 'mapc-nats-'))
  // -1: a random free port, read back from the log; a restart reuses it.
  let { child, port } = await launch(-1, storeDir)
  const server: NatsServer = {
    get url() {
      return `nats://127.0.0.1:${port}`
    },
    get port() {
      return port
    },
    storeDir,
    async halt() {
      await halted(child)
    },
    async start() {
      ;({ child, port } = await launch(port, storeDir))
    },
    pause() {
      child.kill('SIGSTOP')
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      child.kill('SIGKILL')
      await exited
    },
    async restart(options = {}) {
      await halted(child)
      if (options.downMs) await new Promise((r) => setTimeout(r, options.downMs))
      await server.start()
    },
    async stop() {
      await halted(child)
      rmSync(storeDir, { recursive: true, force: true })
    }
  }
  return server
}
