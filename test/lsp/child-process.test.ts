/**
 * `mapc lsp --stdio` as an editor starts it: the built command in a child process, a session from
 * initialize to exit, and the process's exit code.
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { TestClient } from './support/client.js'
import { crmWorkspace } from './support/workspace.js'

const BIN = fileURLToPath(new URL('../../bin/mapc.js', import.meta.url))
const BUILT = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url))

describe('mapc lsp in a child process', () => {
  test('initialize, diagnostics, a request, shutdown and exit with 0', async () => {
    // `npm ci` builds dist/ (the `prepare` script); without it there is no command to start.
    expect(existsSync(BUILT), 'dist/ is missing: run `npm run build` (npm ci does it through `prepare`)').toBe(true)
    const w = crmWorkspace()
    const client = TestClient.childProcess(BIN, ['--debounce', '20'])
    const exited = new Promise<number | null>((resolve) => client.child?.on('exit', (code) => resolve(code)))
    const init = await client.initialize()
    expect(init.serverInfo?.name).toBe('mapc')
    await client.open(w.uri, w.text.replace('settings.apiKey', 'settings.apiKye'))
    const [d] = await client.diagnostics(w.uri, 1)
    expect(d?.code).toBe('MAPC2024')
    const version = await client.change(w.uri, [{ range: { start: { line: 13, character: 34 }, end: { line: 13, character: 40 } }, text: 'apiKey' }])
    expect(await client.diagnostics(w.uri, version)).toEqual([])
    const refs = await client.request<unknown[]>('textDocument/references', w.uri, w.positions.emailUse, { context: { includeDeclaration: true } })
    expect(refs).toHaveLength(3)
    await client.rpc.sendRequest('shutdown')
    await client.rpc.sendNotification('exit')
    expect(await exited).toBe(0)
    client.dispose()
  })

  test('bad arguments are a usage error, exit 2', async () => {
    const { spawnSync } = await import('node:child_process')
    const result = spawnSync(process.execPath, [BIN, 'lsp', '--debounce', 'soon'], { encoding: 'utf8' })
    expect(result.status).toBe(2)
    expect(result.stderr).toBe('mapc lsp: --debounce takes a whole number of milliseconds, not soon\nusage: mapc lsp [--stdio] [--debounce ms]\n')
  })
})
