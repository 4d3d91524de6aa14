/**
 * The server never dies of its input: a request that throws inside the service is logged and
 * answered with an error, and the next request is answered as usual; hostile documents (binary
 * junk, deep nesting, every prefix of a real file) get diagnostics, not a dead server.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import type { Hover } from 'vscode-languageserver/node'
import { LanguageService } from '../../src/language-service/index.js'
import { TestClient } from './support/client.js'
import { crmWorkspace } from './support/workspace.js'

/** A real service whose hover throws for one document, as a bug in it would. */
class HoverBug extends LanguageService {
  override hover(file: string, position: { line: number; character: number }): Hover | undefined {
    if (file.endsWith('bug.map')) throw new Error('hover exploded')
    return super.hover(file, position)
  }
}

describe('a failing request', () => {
  test('is logged and answered with an error; the server goes on', async () => {
    const w = crmWorkspace()
    const client = TestClient.inProcess({
      service: (names) => new HoverBug({ files: { readText: (p) => readFileSync(p, 'utf8') }, docsUrl: 'file:///docs/diagnostics.md', uriOf: (f) => names.uriOf(f) })
    })
    await client.initialize()
    const bug = w.uri.replace('crm.map', 'bug.map')
    await client.open(bug, w.text)
    await client.open(w.uri, w.text)
    await expect(client.request('textDocument/hover', bug, w.positions.emailUse)).rejects.toThrow('mapc: hover failed: hover exploded')
    expect(client.logs.some((l) => l.startsWith('mapc lsp: hover failed: Error: hover exploded'))).toBe(true)
    const h = await client.request<Hover>('textDocument/hover', w.uri, w.positions.emailUse)
    expect(h.range).toEqual({ start: { line: 41, character: 15 }, end: { line: 41, character: 20 } })
    client.dispose()
  })
})

describe('hostile documents', () => {
  const junk = [
    '\u0000\u0001\u0002garbage\uffff',
    '{'.repeat(5000),
    'destination d { ' + 'not '.repeat(20000) + '}',
    'destination d { action a { field f: string { default ' + '['.repeat(300) + ' } } }',
    '\ud800 lone surrogate destination',
    '/* never closed',
    'destination d { title "unterminated\n action',
    'destination d {\n  action a {\n    perform {\n      send POST `https://x.test/{$.}` { json { ...$. } }\n    }\n  }\n}'
  ]

  test('each gets diagnostics, and every request on it is answered', async () => {
    const client = TestClient.inProcess()
    await client.initialize()
    for (const [i, text] of junk.entries()) {
      const uri = `file:///tmp/mapc-hostile-${i}.map`
      await client.open(uri, text)
      const diagnostics = await client.diagnostics(uri, 1)
      expect(diagnostics.length).toBeGreaterThan(0)
      const end = { line: text.split('\n').length - 1, character: 3 }
      await client.request('textDocument/completion', uri, end)
      await client.request('textDocument/hover', uri, end)
      await client.request('textDocument/documentSymbol', uri)
      await client.request('textDocument/foldingRange', uri)
      await client.request('textDocument/semanticTokens/full', uri)
      await client.request('textDocument/references', uri, end, { context: { includeDeclaration: true } })
      await client.close(uri)
    }
    expect(client.logs.filter((l) => l.includes('failed'))).toEqual([])
    client.dispose()
  })

  test('every prefix of a real destination', async () => {
    const w = crmWorkspace()
    const client = TestClient.inProcess()
    await client.initialize()
    await client.open(w.uri, '')
    const lines = w.text.split('\n')
    for (let n = 1; n <= lines.length; n += 3) {
      const version = await client.change(w.uri, [{ text: lines.slice(0, n).join('\n') }])
      await client.diagnostics(w.uri, version)
      await client.request('textDocument/completion', w.uri, { line: n - 1, character: lines[n - 1]!.length })
    }
    expect(client.logs.filter((l) => l.includes('failed'))).toEqual([])
    client.dispose()
  })
})
