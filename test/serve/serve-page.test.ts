/**
 * `mapc serve` in a real browser (Debian's Chromium driven by playwright-core), doing what a user
 * does: break a field path and see the diagnostic at its line, fix it, pick an event, read the
 * payload and requests, send to the emulator and see its record, share a link and get the
 * same state back; bad input in every pane gets a clear message and the page goes on working.
 * One `mapc serve` and one browser for the file.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { launchChromium, requireBuild, ROOT, scratchProject, startServeProcess, type ServeProcess } from './serve-process.js'

let serve: ServeProcess
let browser: Browser
const MATILDA = 'mappings/matilda.map'
/** Screenshots go to docs/images with MAPC_UPDATE_SCREENSHOTS=1 (they are committed), else to a scratch folder. */
const shots = process.env['MAPC_UPDATE_SCREENSHOTS'] === '1' ? join(ROOT, 'docs', 'images') : join(tmpdir(), 'mapc-serve-shots')

beforeAll(async () => {
  requireBuild()
  const dir = scratchProject()
  // A .map of 5 MiB (valid text, nothing that hangs): the page must refuse it by name and size.
  writeFileSync(join(dir, 'mappings', 'huge.map'), `// filler\n${'// a comment line that only makes the file large\n'.repeat(110_000)}`)
  serve = await startServeProcess(dir, [MATILDA, 'mappings/attio.map', 'mappings/huge.map'])
  browser = await launchChromium()
  mkdirSync(shots, { recursive: true })
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await serve?.stop()
})

async function openPage(url = serve.url): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  const requests: string[] = []
  page.on('request', (r) => requests.push(r.url()))
  page.on('pageerror', (e) => {
    throw e
  })
  ;(page as Page & { requestedUrls: string[] }).requestedUrls = requests
  await page.goto(url)
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 })
  return page
}

/** Find (Ctrl+F) and select the text, as a user would before typing over it. */
async function find(page: Page, editor: string, text: string): Promise<void> {
  await page.click(`${editor} .cm-content`)
  await page.keyboard.press('Control+f')
  const search = page.locator(`${editor} .cm-search input[name="search"]`)
  await search.fill(text)
  // The search panel takes its query on keyup, as when it is typed.
  await search.press('End')
  await search.press('Enter')
  await page.keyboard.press('Escape')
}

/** A paste into an editor, replacing all of its text. */
async function pasteAll(page: Page, editor: string, text: string): Promise<void> {
  await page.click(`${editor} .cm-content`)
  await page.keyboard.press('Control+a')
  await page.evaluate(
    ({ editor, text }) => {
      // The test's TypeScript has no DOM library: the page's globals, as far as this uses them.
      const w = globalThis as unknown as {
        document: { querySelector(selector: string): { dispatchEvent(event: unknown): void } }
        DataTransfer: new () => { setData(type: string, value: string): void }
        ClipboardEvent: new (type: string, init: object) => unknown
      }
      const data = new w.DataTransfer()
      data.setData('text/plain', text)
      w.document.querySelector(`${editor} .cm-content`).dispatchEvent(new w.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
    },
    { editor, text }
  )
}

function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle)
  if (at < 0) throw new Error(`the test expects ${JSON.stringify(needle)} in the mapping`)
  return text.slice(0, at).split('\n').length
}

describe('mapc serve in Chromium', () => {
  test('break a field path, fix it, run an event, send it to the emulator, share the state', async () => {
    const page = await openPage()
    const source = readFileSync(join(serve.dir, MATILDA), 'utf8')
    await expect.poll(() => page.textContent('#diagnostic-count'), { timeout: 30_000 }).toBe('no problems')
    // Highlighting comes from the server's semantic tokens.
    expect(await page.locator('#map-editor .tok-keyword').count()).toBeGreaterThan(0)

    // Identify's email default, read from the mapping as it is now; identify events have no `properties`.
    const original = (/default (\$\.traits\.email[^\n]*)/.exec(source) ?? [])[1] as string
    const broken = original.replace('$.traits', '$.properties')
    await find(page, '#map-editor', original)
    await page.keyboard.type(broken)
    const line = lineOf(source, original)
    const diagnostic = page.locator(`#diagnostics li[data-line="${line}"]`)
    await diagnostic.waitFor({ timeout: 30_000 })
    expect(await diagnostic.getAttribute('data-code')).toMatch(/^MAPC\d{4}$/)
    expect(await diagnostic.textContent()).toContain('properties')
    // Underlined at its span, on that line.
    await page.locator('#map-editor .cm-line', { hasText: broken }).locator('.cm-lintRange-error').waitFor({ timeout: 10_000 })

    await find(page, '#map-editor', broken)
    await page.keyboard.type(original)
    await expect.poll(() => page.textContent('#diagnostic-count'), { timeout: 30_000 }).toBe('no problems')

    await page.selectOption('#action', 'identify')
    await page.selectOption('#sample', 'identify')
    await expect.poll(() => page.textContent('#payload'), { timeout: 30_000 }).toContain('"email": "grace.thompson@globex.com"')
    expect(await page.textContent('#trigger-result')).toBe('trigger fired')
    const urls = await page.locator('#requests .url').allTextContents()
    expect(urls).toEqual([expect.stringContaining('/v1/objects/people/records'), expect.stringContaining('/v1/objects/users/records')])
    expect(await page.locator('#requests .headers').first().textContent()).toContain('x-api-key[REDACTED]')

    await page.click('#send')
    await page.locator('#records-block:not([hidden])').waitFor({ timeout: 60_000 })
    expect(await page.textContent('#outcome-status')).toBe('delivery: delivered')
    expect(await page.textContent('#records')).toContain('grace.thompson@globex.com')
    expect(await page.locator('#requests .response.ok').count()).toBe(2)
    // The emulator itself holds the record the page shows.
    const state = (await (await fetch(`${serve.emulators['matilda']}/__emulator/state`)).json()) as unknown
    expect(JSON.stringify(state)).toContain('grace.thompson@globex.com')
    // No secret (not even the placeholder key) reaches the page, and nothing was loaded from elsewhere.
    expect(await page.content()).not.toContain('mapc-serve-')
    expect((page as Page & { requestedUrls: string[] }).requestedUrls.filter((u) => !u.startsWith(serve.url) && !u.startsWith('data:'))).toEqual([])
    await page.screenshot({ path: join(shots, 'serve.png') })

    // Share: a distinct edit, another action and event; a new tab on the link gets all of it back.
    await page.click('#map-editor .cm-content')
    await page.keyboard.press('Control+Home')
    await page.keyboard.type('// shared from a test\n')
    await page.selectOption('#action', 'group')
    await page.selectOption('#sample', 'group')
    await expect.poll(() => page.textContent('#payload'), { timeout: 30_000 }).toContain('"domain": "globex.com"')
    await page.click('#share')
    await expect.poll(() => page.url()).toContain('#s=')
    const link = page.url()
    const eventText = await page.locator('#event-editor .cm-content').innerText()
    const again = await openPage(link)
    expect(await again.locator('#map-editor .cm-line').first().textContent()).toBe('// shared from a test')
    expect(await again.inputValue('#action')).toBe('group')
    expect(await again.locator('#event-editor .cm-content').innerText()).toBe(eventText)
    expect(await again.textContent('#file-state')).toBe('modified')
    await expect.poll(() => again.textContent('#payload'), { timeout: 30_000 }).toContain('"domain": "globex.com"')
    // The shared state lived in the URL only: the file on disk is as it was.
    expect(readFileSync(join(serve.dir, MATILDA), 'utf8')).toBe(source)
    await again.close()
    await page.close()
  }, 180_000)

  test('bad input in each pane gets a clear message and the page stays usable', async () => {
    const page = await openPage()
    await expect.poll(() => page.textContent('#diagnostic-count'), { timeout: 30_000 }).toBe('no problems')
    const source = readFileSync(join(serve.dir, MATILDA), 'utf8')

    // A 5 MiB paste into the .map pane: refused by size, nothing sent.
    await pasteAll(page, '#map-editor', `destination x {}\n${'x'.repeat(5 * 1024 * 1024)}`)
    await expect.poll(() => page.textContent('#map-problem'), { timeout: 30_000 }).toContain('5.0 MiB')
    expect(await page.textContent('#map-problem')).toContain('up to 1.0 MiB')
    // Binary: NUL bytes.
    await pasteAll(page, '#map-editor', 'destination \u0000\u0001\u0002 {}')
    await expect.poll(() => page.textContent('#map-problem'), { timeout: 30_000 }).toContain('looks binary')
    // Back to a real mapping: checked again.
    await pasteAll(page, '#map-editor', source)
    await expect.poll(() => page.textContent('#diagnostic-count'), { timeout: 30_000 }).toBe('no problems')
    expect(await page.isHidden('#map-problem')).toBe(true)

    // Malformed JSON in the event pane: the error at its place, inline.
    await pasteAll(page, '#event-editor', '{"type": "identify", "userId": }')
    await expect.poll(() => page.textContent('#event-problem'), { timeout: 30_000 }).toContain('not valid JSON')
    await page.locator('#event-editor .cm-lintRange-error').waitFor({ timeout: 10_000 })
    await pasteAll(page, '#event-editor', '\u0000\u0007\u00ff binary')
    await expect.poll(() => page.textContent('#event-problem'), { timeout: 30_000 }).toContain('not valid JSON')
    await pasteAll(page, '#event-editor', JSON.stringify({ type: 'identify', userId: 'u1', traits: { blob: 'y'.repeat(300 * 1024) } }))
    await expect.poll(() => page.textContent('#event-problem'), { timeout: 30_000 }).toContain('mapc serve takes events up to 256 KiB')
    await pasteAll(page, '#event-editor', '[1, 2]')
    await expect.poll(() => page.textContent('#run-problem'), { timeout: 30_000 }).toContain('not an event')
    // A good event again: the payload comes back.
    await pasteAll(page, '#event-editor', JSON.stringify({ type: 'identify', userId: 'u1', traits: { email: 'ada@example.com' } }))
    await expect.poll(() => page.textContent('#payload'), { timeout: 30_000 }).toContain('ada@example.com')
    expect(await page.isHidden('#run-problem')).toBe(true)

    // The 5 MiB file it was started with is named with its size, not loaded.
    await page.selectOption('#file', 'mappings/huge.map')
    await expect.poll(() => page.textContent('#map-problem'), { timeout: 30_000 }).toContain('mappings/huge.map is 5.')
    expect(await page.isDisabled('#format-save')).toBe(true)
    await page.selectOption('#file', MATILDA)
    await expect.poll(() => page.textContent('#diagnostic-count'), { timeout: 30_000 }).toBe('no problems')

    // The API refuses the same inputs by itself (a client other than the page).
    const post = (path: string, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
      fetch(`${serve.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) })
    const huge = await post('/api/check', { file: MATILDA, text: 'x'.repeat(5 * 1024 * 1024) })
    expect(huge.status).toBe(413)
    expect(((await huge.json()) as { error: string }).error).toMatch(/the request is 5\.0 MiB; mapc serve takes up to/)
    const other = await post('/api/save', { file: '../../etc/passwd', text: 'x' })
    expect(other.status).toBe(403)
    const form = await post('/api/check', { file: MATILDA, text: source }, { 'content-type': 'text/plain' })
    expect(form.status).toBe(415)
    const foreign = await fetch(`${serve.url}/api/session`, { headers: { origin: 'http://evil.example' } })
    expect(foreign.status).toBe(403)
    await page.close()
  }, 180_000)

  test('compiled TypeScript links to .map lines; Batch shows per-item outcomes; Save formats and refuses what does not parse', async () => {
    const page = await openPage()
    await page.selectOption('#file', 'mappings/attio.map')
    await expect.poll(() => page.textContent('#diagnostic-count'), { timeout: 30_000 }).toBe('no problems')
    const attio = readFileSync(join(serve.dir, 'mappings/attio.map'), 'utf8')
    await page.selectOption('#action', 'identifyUser')
    await page.selectOption('#sample', 'identify')
    await expect.poll(() => page.textContent('#payload'), { timeout: 30_000 }).toContain('grace.thompson@globex.com')

    await page.click('#tab-code')
    const marker = page.locator('#code-editor .map-line').first()
    await marker.waitFor({ timeout: 60_000 })
    expect(await page.textContent('#code-file')).toContain('generated/attio/actions/identifyUser.ts')
    // A request line of the generated code names the .map line of its request; a click goes there.
    const requestLine = lineOf(attio, 'upsert record "people"')
    const link = page.locator(`#code-editor .map-line[data-map-line="${requestLine}"]`).first()
    await link.scrollIntoViewIfNeeded()
    await link.dispatchEvent('mousedown')
    await expect.poll(() => page.locator('#map-editor .cm-activeLine').textContent()).toContain('upsert record "people"')
    await page.click('#tab-result')

    await page.fill('#batch-count', '3')
    await page.click('#batch')
    await page.locator('#batch-items').waitFor({ timeout: 60_000 })
    expect(await page.locator('#batch-items tr.item.delivered').count()).toBe(3)
    expect(await page.locator('#requests .request-line').allTextContents()).toEqual([expect.stringContaining('/v2/batch/records')])
    expect(await page.textContent('#records')).toContain('grace.thompson+3@globex.com')

    // Save refuses a file that does not parse, and leaves it as it was.
    await page.click('#map-editor .cm-content')
    await page.keyboard.press('Control+End')
    await page.keyboard.type('\naction {')
    await page.locator('#diagnostics li.error').first().waitFor({ timeout: 30_000 })
    await page.click('#format-save')
    await expect.poll(() => page.textContent('#status'), { timeout: 30_000 }).toContain('not saved: the file does not parse')
    expect(readFileSync(join(serve.dir, 'mappings/attio.map'), 'utf8')).toBe(attio)
    // Fixed (and oddly indented): saved, formatted by mapc fmt.
    await pasteAll(page, '#map-editor', attio.replace('  preset "Group Workspace"', '        preset   "Group Workspace"'))
    await expect.poll(() => page.textContent('#diagnostic-count'), { timeout: 30_000 }).toBe('no problems')
    await page.click('#format-save')
    await expect.poll(() => page.textContent('#status'), { timeout: 30_000 }).toContain('saved mappings/attio.map')
    expect(readFileSync(join(serve.dir, 'mappings/attio.map'), 'utf8')).toBe(attio)
    expect(await page.textContent('#file-state')).toBe('as on disk')
    await page.close()
  }, 180_000)
})
