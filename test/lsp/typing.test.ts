/**
 * A whole destination typed character by character, as an editor sends it: one incremental
 * didChange per keystroke, with completion and hover asked along the way. The server must answer
 * everything, log no failure, and end with the diagnostics of the final text (none left over
 * from an earlier version).
 */
import { describe, expect, test } from 'vitest'
import type { CompletionItem, Diagnostic } from 'vscode-languageserver/node'
import { TestClient } from './support/client.js'
import { crmWorkspace } from './support/workspace.js'

describe('typing a destination', () => {
  test('every keystroke is analysed; the last diagnostics are the final text’s', async () => {
    const w = crmWorkspace()
    const client = TestClient.inProcess()
    await client.initialize()
    await client.open(w.uri, '')
    let line = 0
    let character = 0
    let version = 1
    const answers: Promise<unknown>[] = []
    for (const [i, ch] of [...w.text].entries()) {
      version = await client.change(w.uri, [{ range: { start: { line, character }, end: { line, character } }, text: ch }])
      if (ch === '\n') {
        line++
        character = 0
      } else {
        character += ch.length
      }
      if (i % 40 === 0) {
        answers.push(client.request<CompletionItem[]>('textDocument/completion', w.uri, { line, character }))
        answers.push(client.request('textDocument/hover', w.uri, { line, character: Math.max(0, character - 1) }))
        answers.push(client.request('textDocument/semanticTokens/full', w.uri))
      }
    }
    // Every request was answered (an error answer would reject).
    await Promise.all(answers)
    const final = await client.diagnostics(w.uri, version)
    expect(final).toEqual([])
    expect(client.published.at(-1)?.version).toBe(version)
    const versions = client.published.filter((p) => p.uri === w.uri).map((p) => p.version as number)
    expect(versions).toEqual([...versions].sort((a, b) => a - b))
    expect(client.logs.filter((l) => l.includes('failed') || l.includes('uncaught'))).toEqual([])

    // A fresh server opening the same text agrees with what the typing ended with.
    const fresh = TestClient.inProcess()
    await fresh.initialize()
    const text = w.text.replace('"identify"', '"identity"')
    await fresh.open(w.uri, text)
    const expected: Diagnostic[] = await fresh.diagnostics(w.uri, 1)
    fresh.dispose()
    const typo = await client.change(w.uri, [{ range: { start: { line: 21, character: 39 }, end: { line: 21, character: 41 } }, text: 'ty' }])
    expect(await client.diagnostics(w.uri, typo)).toEqual(expected)
    expect(expected.map((d) => d.code)).toEqual(['MAPC3017'])
    client.dispose()
  })
})
