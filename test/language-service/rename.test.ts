/**
 * Rename in the language service: every use is changed, and a rename that would change what some
 * name means (a collision, a capture by an inner binding, a built-in) is refused with the reason.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { LanguageService } from '../../src/language-service/index.js'
import { marked } from '../lsp/support/client.js'

function service(source: string, file = '/virtual/d.map'): { s: LanguageService; positions: ReturnType<typeof marked>['positions']; text: string } {
  const { text, positions } = marked(source)
  const s = new LanguageService({ files: { readText: () => undefined }, docsUrl: 'file:///docs/diagnostics.md', uriOf: (f) => `file://${f}` })
  s.setDocument(file, text)
  return { s, positions, text }
}

const DOC = `destination d {
  title "D"
  setting key: string { label "Key" }
  action a {
    title "A"
    field ⟨email⟩email: string { label "E" default $.traits.email }
    field items: array { label "I" default $.traits.list }
    perform {
      let ⟨company⟩company = send POST "https://x.test/c" { json { email } }
      send POST "https://x.test/d" { json { ids: [for ⟨c⟩c in items: company.id], key: settings.key } }
    }
  }
}
`

describe('rename', () => {
  test('a shorthand property keeps its key', () => {
    const { s, positions } = service(DOC)
    const answer = s.rename('/virtual/d.map', positions.email!, 'address')
    expect(answer).toEqual({
      edits: [
        { range: { start: { line: 5, character: 10 }, end: { line: 5, character: 15 } }, newText: 'address' },
        { range: { start: { line: 8, character: 58 }, end: { line: 8, character: 63 } }, newText: 'email: address' }
      ]
    })
  })

  test('refused when an inner binding would capture a use', () => {
    const { s, positions } = service(DOC)
    expect(s.rename('/virtual/d.map', positions.company!, 'c')).toEqual({ refused: 'at line 10, `c` would mean a loop variable `c` (line 10)' })
  })

  test('refused when the renamed binding would capture another’s use', () => {
    const { s, positions } = service(DOC)
    expect(s.rename('/virtual/d.map', positions.c!, 'company')).toEqual({
      refused: 'a `let` binding `company` (line 9) is used at line 10, where `company` would then mean a loop variable `c`'
    })
  })

  test('a loop variable may take a name no use inside it needs', () => {
    const { s, positions } = service(DOC)
    const answer = s.rename('/virtual/d.map', positions.c!, 'item')
    expect('edits' in answer && answer.edits.map((e) => e.newText)).toEqual(['item'])
  })

  test('fields of batched payloads are renamed through the loop variable', () => {
    const text = readFileSync('mappings/attio.map', 'utf8')
    const s = new LanguageService({ files: { readText: (p) => readFileSync(p, 'utf8') }, docsUrl: 'file:///d.md', uriOf: (f) => f })
    s.setDocument('mappings/attio.map', text)
    const lines = text.split('\n')
    const line = lines.findIndex((l) => l.includes('field received_at: datetime {'))
    const answer = s.rename('mappings/attio.map', { line, character: 12 }, 'received')
    if (!('edits' in answer)) throw new Error(answer.refused)
    // The declaration, the two `user.received_at` reads in the batch (the rest are other actions').
    expect(answer.edits.map((e) => [e.range.start.line + 1, lines[e.range.start.line]!.slice(e.range.start.character - 5, e.range.end.character)])).toEqual([
      [line + 1, 'ield received_at'],
      [105, 'user.received_at'],
      [107, 'user.received_at']
    ])
    expect(s.rename('mappings/attio.map', { line, character: 12 }, 'user_id')).toEqual({ refused: 'there is already a field `user_id` (line 49)' })
  })
})
