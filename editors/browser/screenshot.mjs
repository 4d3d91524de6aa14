/**
 * Takes docs/images/editor.png: a CodeMirror editor in headless Chromium (Debian's, driven by
 * playwright-core) talking JSON-RPC to a real `mapc lsp` process. The page shows Attio's mapping
 * with a wrong event path underlined and the completion of `$.traits.` in a group action.
 *
 *   npm run screenshot:editor            (builds dist/ first; needs `apt-get install chromium`)
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'
import { chromium } from 'playwright-core'
import { StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node'

const here = dirname(fileURLToPath(import.meta.url))
const root = resolve(here, '..', '..')
const out = join(root, 'docs', 'images', 'editor.png')
const CHROMIUM = '/usr/bin/chromium'
if (!existsSync(CHROMIUM)) {
  console.error(`screenshot:editor needs Debian's Chromium at ${CHROMIUM}: apt-get install -y chromium`)
  process.exit(1)
}

// The document: Attio's mapping with a group action reading `$.properties` (group events have
// none), and the cursor in another default, right after `$.traits.`.
const file = join(root, 'mappings', 'attio.map')
let text = readFileSync(file, 'utf8')
text = text.replace('default $.traits.website ?? $.website', 'default $.properties.website ?? $.website')
const userIdDefault = /(description "The ID of the User, to link the Workspace to"\n\s+)default \$\.userId/
if (!userIdDefault.test(text)) throw new Error('mappings/attio.map changed: update the screenshot script')
text = text.replace(userIdDefault, '$1default $.traits.e')
const cursor = text.indexOf('default $.traits.e', text.indexOf('The ID of the User, to link the Workspace to')) + 'default $.traits.e'.length

const bundle = await build({
  entryPoints: [join(here, 'editor-page.ts')],
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'chrome120',
  write: false,
  logLevel: 'warning'
})
const html = `<!doctype html><html><head><meta charset="utf-8"><style>
  html, body { margin: 0; height: 100%; background: #fbfbfa; font-family: 'DejaVu Sans', sans-serif; }
  #bar { padding: 8px 14px; font-size: 13px; color: #444; border-bottom: 1px solid #ddd; background: #f0f0ee; }
  #editor { height: calc(100% - 35px); }
  .cm-editor { font-size: 14px; }
  .cm-scroller { font-family: 'DejaVu Sans Mono', monospace; }
  .tok-keyword { color: #7a3e9d; font-weight: bold; }
  .tok-string { color: #2f7d32; }
  .tok-number { color: #b35c00; }
  .tok-comment { color: #8a8a8a; font-style: italic; }
  .tok-property { color: #1f5fa8; }
  .tok-property.tok-mod-readonly { color: #0b7285; }
  .tok-type, .tok-modifier, .tok-enumMember { color: #a3367a; }
  .tok-function, .tok-method { color: #795e26; }
  .tok-class, .tok-namespace { color: #267f99; font-weight: bold; }
  .tok-variable.tok-mod-defaultLibrary { color: #c2185b; }
  .tok-operator { color: #555; }
</style></head><body><div id="bar">mappings/attio.map — CodeMirror with <b>mapc lsp</b> (diagnostics, completion and highlighting from the language server)</div>
<div id="editor"></div><script>${bundle.outputFiles[0].text}</script></body></html>`

const server = spawn(process.execPath, [join(root, 'bin', 'mapc.js'), 'lsp', '--stdio', '--debounce', '0'], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] })
const reader = new StreamMessageReader(server.stdout)
const writer = new StreamMessageWriter(server.stdin)
const profile = mkdtempSync(join(tmpdir(), 'mapc-chromium-'))
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  viewport: { width: 1280, height: 860 },
  deviceScaleFactor: 1,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
})
try {
  const page = context.pages()[0] ?? (await context.newPage())
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`))
  if (process.env.MAPC_SCREENSHOT_DEBUG) page.on('console', (m) => console.error(`page: ${m.text()}`))
  await page.exposeFunction('mapcSend', (message) => {
    if (process.env.MAPC_SCREENSHOT_DEBUG) console.error(`→ ${message.slice(0, 200)}`)
    return writer.write(JSON.parse(message))
  })
  reader.listen((message) => (process.env.MAPC_SCREENSHOT_DEBUG ? console.error(`← ${JSON.stringify(message).slice(0, 200)}`) : undefined, void page.evaluate((m) => window.mapcReceive(m), JSON.stringify(message)).catch(() => undefined)))
  await page.setContent(html)
  await page.evaluate(({ uri, text, cursor }) => window.mapcOpen(uri, text, cursor), { uri: pathToFileURL(file).href, text, cursor })
  await page.waitForSelector('.cm-lintRange-error', { timeout: 20_000 })
  await page.waitForSelector('.cm-panel-lint li', { timeout: 20_000 })
  // Completion opens once the server answers; ask again, as a user would, if something closed it.
  for (let attempt = 0; ; attempt++) {
    try {
      await page.waitForSelector('.cm-tooltip-autocomplete li', { timeout: 5_000 })
      break
    } catch (error) {
      if (attempt === 3) throw error
      await page.keyboard.press('Control+Space')
    }
  }
  await page.waitForSelector('.tok-keyword', { timeout: 20_000 })
  await page.waitForTimeout(300)
  await page.screenshot({ path: out })
  console.log(`wrote ${out}`)
} finally {
  await context.close()
  rmSync(profile, { recursive: true, force: true })
  writer.write({ jsonrpc: '2.0', id: 'bye', method: 'shutdown' })
  writer.write({ jsonrpc: '2.0', method: 'exit' })
  setTimeout(() => server.kill(), 2000).unref()
}
