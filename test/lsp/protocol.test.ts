/**
 * The language server driven as an editor drives it: JSON-RPC over streams, initialize, didOpen,
 * didChange with incremental edits, and requests at the cursor markers of
 * fixtures/crm.map.marked. Ranges and items are asserted exactly.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import type { CompletionItem, Diagnostic, DocumentSymbol, FoldingRange, Hover, Location, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver/node'
import { formatSource } from '../../src/compiler/format/format.js'
import { TestClient } from './support/client.js'
import { crmWorkspace, type Workspace } from './support/workspace.js'

const range = (line: number, start: number, endLine: number, end: number): Range => ({ start: { line, character: start }, end: { line: endLine, character: end } })
const labels = (items: CompletionItem[]): string[] => items.map((i) => i.label)

let client: TestClient
let w: Workspace

beforeEach(async () => {
  w = crmWorkspace()
  client = TestClient.inProcess()
  await client.initialize()
  await client.open(w.uri, w.text)
})
afterEach(() => client.dispose())

describe('initialize', () => {
  test('announces incremental sync and every feature', async () => {
    const other = TestClient.inProcess()
    const result = await other.initialize()
    other.dispose()
    expect(result.serverInfo?.name).toBe('mapc')
    expect(result.capabilities).toMatchObject({
      textDocumentSync: 2,
      completionProvider: { triggerCharacters: ['.', '"', '$'] },
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: { prepareProvider: true },
      documentFormattingProvider: true,
      documentSymbolProvider: true,
      foldingRangeProvider: true
    })
    expect(result.capabilities.semanticTokensProvider?.legend.tokenTypes).toContain('property')
  })
})

describe('diagnostics', () => {
  test('a clean document publishes none, for its version', async () => {
    expect(await client.diagnostics(w.uri, 1)).toEqual([])
    expect(client.published.at(-1)).toEqual({ uri: w.uri, version: 1, diagnostics: [] })
  })

  test('an incremental edit publishes the checker’s diagnostic with code, link, hint and related place', async () => {
    // `default $.traits.plan` → `default $.properties.plan`: identify events have no properties.
    const version = await client.change(w.uri, [{ range: range(34, 16, 34, 22), text: 'properties' }])
    const [d, ...rest] = await client.diagnostics(w.uri, version)
    expect(rest).toEqual([])
    expect(d).toEqual({
      range: range(34, 16, 34, 26),
      severity: 1,
      code: 'MAPC3001',
      codeDescription: { href: expect.stringMatching(/\/docs\/diagnostics\.md#L\d+$/) },
      source: 'mapc',
      message: 'identify events have no `$.properties`\nhint: `properties` belongs to track, page and screen events; did you mean `$.traits…`?',
      relatedInformation: [{ location: { uri: w.uri, range: range(25, 12, 25, 29) }, message: 'the trigger matches only identify events' }]
    } satisfies Diagnostic)
  })

  test('the link points at the code’s heading in docs/diagnostics.md', async () => {
    const version = await client.change(w.uri, [{ range: range(13, 34, 13, 40), text: 'apiKye' }])
    const [d] = await client.diagnostics(w.uri, version)
    expect(d?.code).toBe('MAPC2024')
    const { readFileSync } = await import('node:fs')
    const { fileURLToPath } = await import('node:url')
    const href = d?.codeDescription?.href as string
    const [file, line] = href.split('#L') as [string, string]
    expect(readFileSync(fileURLToPath(file), 'utf8').split('\n')[Number(line) - 1]).toMatch(/^### MAPC2024: /)
  })

  test('a syntax error replaces the type errors until it is fixed', async () => {
    let version = await client.change(w.uri, [{ range: range(34, 16, 34, 22), text: 'properties' }])
    expect((await client.diagnostics(w.uri, version)).map((d) => d.code)).toEqual(['MAPC3001'])
    version = await client.change(w.uri, [{ range: range(37, 25, 37, 28), text: 'nott(' }])
    const codes = (await client.diagnostics(w.uri, version)).map((d) => d.code)
    expect(codes.every((c) => String(c).startsWith('MAPC1'))).toBe(true)
    version = await client.change(w.uri, [{ range: range(37, 25, 37, 30), text: 'not' }])
    expect((await client.diagnostics(w.uri, version)).map((d) => d.code)).toEqual(['MAPC3001'])
  })

  test('closing a document clears its diagnostics', async () => {
    const version = await client.change(w.uri, [{ range: range(13, 34, 13, 40), text: 'apiKye' }])
    expect(await client.diagnostics(w.uri, version)).toHaveLength(1)
    const cleared = client.nextDiagnostics(w.uri)
    await client.close(w.uri)
    expect(await cleared).toEqual([])
  })
})

describe('completion', () => {
  test('`$.traits.` offers the Segment Spec’s traits of identify events, with their types', async () => {
    const items = await client.request<CompletionItem[]>('textDocument/completion', w.uri, w.positions.traitsEmail)
    expect(labels(items)).toEqual([
      'address', 'age', 'avatar', 'birthday', 'company', 'createdAt', 'created_at', 'description', 'email', 'firstName',
      'first_name', 'gender', 'id', 'lastName', 'last_name', 'name', 'phone', 'title', 'username', 'website'
    ])
    expect(items.find((i) => i.label === 'email')).toMatchObject({ kind: 10, detail: 'string(email) | null | absent', documentation: 'On identify events.' })
  })

  test('`$.` in a track action offers properties and event, not traits', async () => {
    const text = w.text.replace('trigger type = "identify"', 'trigger type = "track"').replace('$.traits.plan', '$.pro')
    const version = await client.change(w.uri, [{ text }])
    await client.diagnostics(w.uri, version)
    const line = text.split('\n').findIndex((l) => l.includes('default $.pro'))
    const items = await client.request<CompletionItem[]>('textDocument/completion', w.uri, { line, character: text.split('\n')[line]!.indexOf('$.pro') + 2 })
    expect(labels(items)).toContain('properties')
    expect(labels(items)).toContain('event')
    expect(labels(items)).not.toContain('traits')
  })

  test('`settings.` offers the settings', async () => {
    const items = await client.request<CompletionItem[]>('textDocument/completion', w.uri, w.positions.settingUse)
    expect(items.map((i) => [i.label, i.detail])).toEqual([['apiKey', 'password required'], ['region', 'string']])
  })

  test('names in a rule and a request: the fields in scope, settings, functions and keywords', async () => {
    for (const at of [w.positions.emailInRule, w.positions.emailUse]) {
      const items = await client.request<CompletionItem[]>('textDocument/completion', w.uri, at)
      expect(labels(items).slice(0, 3)).toEqual(['email', 'plan', 'settings'])
      expect(items[0]).toMatchObject({ kind: 5, detail: 'a field `email`: string(email) required' })
      expect(labels(items)).toContain('lower')
      expect(items.find((i) => i.label === 'replace')).toMatchObject({ insertText: 'replace(${1:value}, ${2:pattern}, ${3:replacement})', insertTextFormat: 2 })
    }
  })

  test('a `let` binding is in scope after its step, with its response’s members', async () => {
    const items = await client.request<CompletionItem[]>('textDocument/completion', w.uri, w.positions.createdUse)
    expect(items.map((i) => [i.label, i.detail])).toEqual([['id', 'string'], ['created', 'boolean | absent']])
  })

  test('object keys in a request offer what the API schema allows there, minus those given', async () => {
    expect(labels(await client.request<CompletionItem[]>('textDocument/completion', w.uri, w.positions.matchKey))).toEqual(['match'])
    expect(labels(await client.request<CompletionItem[]>('textDocument/completion', w.uri, w.positions.dataKey))).toEqual(['data'])
    // The values of an upsert go to `body.data` of the endpoint its declaration sends to.
    const items = await client.request<CompletionItem[]>('textDocument/completion', w.uri, w.positions.planKey)
    expect(items.map((i) => [i.label, i.detail, i.documentation])).toEqual([
      ['plan', 'body.data.plan', 'The plan the contact is on.'],
      ['company', 'body.data.company', 'The contact’s company.'.replace('’', "'")]
    ])
  })

  test('upsert and preset targets, and function names', async () => {
    expect(labels(await client.request<CompletionItem[]>('textDocument/completion', w.uri, w.positions.upsertUse))).toEqual(['contact'])
    expect(labels(await client.request<CompletionItem[]>('textDocument/completion', w.uri, w.positions.presetAction))).toEqual(['syncContact'])
    const functions = labels(await client.request<CompletionItem[]>('textDocument/completion', w.uri, w.positions.lowerCall))
    expect(functions).toEqual(['exists', 'blank', 'snake_case', 'lower', 'upper', 'trim', 'iso_datetime', 'iso_datetime_at', 'iso_date', 'unix_seconds', 'unix_millis', 'base64', 'base64url', 'replace', 'matches', 'to_json', 'from_json', 'string', 'number'])
  })

  test('`type = "` in a trigger offers the event types the destination accepts', async () => {
    const version = await client.change(w.uri, [{ range: range(25, 20, 25, 28), text: '' }])
    await client.diagnostics(w.uri, version)
    const items = await client.request<CompletionItem[]>('textDocument/completion', w.uri, { line: 25, character: 20 })
    expect(items.map((i) => [i.label, i.kind])).toEqual([['identify', 20], ['track', 20]])
  })

  test('a new member of an action: snippets for the declarations an action has', async () => {
    const version = await client.change(w.uri, [{ range: range(26, 0, 26, 0), text: '    fi\n' }])
    await client.diagnostics(w.uri, version)
    const items = await client.request<CompletionItem[]>('textDocument/completion', w.uri, { line: 26, character: 6 })
    expect(labels(items)).toEqual(['title', 'description', 'trigger', 'field', 'skip', 'reject', 'perform', 'batch'])
    expect(items.find((i) => i.label === 'field')).toMatchObject({ kind: 15, insertTextFormat: 2, insertText: 'field ${1:name}: ${2:string} {\n\tlabel "${3:Label}"\n\tdefault \\$.${4}\n}' })
  })

  test('a new member of the destination and a field type', async () => {
    let version = await client.change(w.uri, [{ range: range(22, 0, 22, 0), text: '  sh\n' }])
    await client.diagnostics(w.uri, version)
    expect(labels(await client.request<CompletionItem[]>('textDocument/completion', w.uri, { line: 22, character: 4 }))).toEqual([
      'title', 'description', 'slug', 'accepts', 'setting', 'auth', 'preset', 'shape', 'upsert', 'action'
    ])
    version = await client.change(w.uri, [{ range: range(33, 20, 33, 26), text: 'str' }])
    await client.diagnostics(w.uri, version)
    expect(labels(await client.request<CompletionItem[]>('textDocument/completion', w.uri, { line: 33, character: 23 }))).toEqual([
      'string', 'number', 'integer', 'boolean', 'datetime', 'object', 'array'
    ])
  })
})

describe('hover', () => {
  const hover = (at: keyof Workspace['positions'] | string): Promise<Hover> => client.request<Hover>('textDocument/hover', w.uri, w.positions[at as string])
  const text = (h: Hover): string => (h.contents as { value: string }).value

  test('a `$.` path: its type, and the event types it exists on', async () => {
    const h = await hover('traitsEmail')
    expect(h.range).toEqual(range(30, 14, 30, 28))
    expect(text(h)).toBe('```mapc\n$.traits.email: string(email) | null | absent\n```\n\nOn identify events.')
  })

  test('a field, where declared and where used', async () => {
    const expected = '```mapc\nfield email: string(email) required\n```\n\n**Email**\n\nThe contact\'s email\n\nIn the action `syncContact`.'
    expect(text(await hover('emailDecl'))).toBe(expected)
    const use = await hover('emailUse')
    expect(use.range).toEqual(range(41, 15, 41, 20))
    expect(text(use)).toBe(expected)
  })

  test('a setting, an upsert declaration with its endpoint, an action', async () => {
    expect(text(await hover('settingUse'))).toBe('```mapc\nsetting apiKey: password required\n```\n\n**API key**')
    expect(text(await hover('upsertUse'))).toBe(
      '```mapc\nupsert contact(object, key, values) PUT https://api.crm.test/v1/{object}/records\n```\n\nCreates or updates a record matched on one attribute.'
    )
    expect(text(await hover('presetAction'))).toBe('```mapc\naction syncContact\n```\n\n**Sync Contact**\n\nMatches identify events.')
  })

  test('a `let` binding with its response type; a member with its type', async () => {
    expect(text(await hover('createdDecl'))).toBe('```mapc\nlet created: { id: string, created: boolean | absent, … }\n```\n\nThe response of the request, for the steps after it.')
    const member = await hover('createdUse')
    expect(member.range).toEqual(range(45, 24, 45, 34))
    expect(text(member)).toBe('```mapc\ncreated.id: string\n```')
  })

  test('a built-in function’s signature and summary', async () => {
    expect(text(await hover('lowerCall'))).toBe('```mapc\nlower(value: scalar)\n```\n\nBuilt-in function: lower case.')
  })

  test('a request property: the API schema’s description', async () => {
    const h = await hover('matchKey')
    expect(h.range).toEqual(range(17, 12, 17, 17))
    expect(text(h)).toBe('```mapc\nquery.match: string\n```\n\nThe attribute records are matched on.\n\n*PUT https://api.crm.test/v1/{object}/records*')
    expect(text(await hover('planKey'))).toBe('```mapc\nbody.data.plan: string\n```\n\nThe plan the contact is on.\n\n*PUT https://api.crm.test/v1/{object}/records*')
  })

  test('a diagnostic’s code, explained', async () => {
    const version = await client.change(w.uri, [{ range: range(13, 34, 13, 40), text: 'apiKye' }])
    await client.diagnostics(w.uri, version)
    const h = await client.request<Hover>('textDocument/hover', w.uri, { line: 13, character: 36 })
    expect(text(h)).toMatch(/\*\*MAPC2024\*\*: unknown setting \(error\)\n\n/)
  })
})

describe('definition and references', () => {
  test('a field used in a rule and a request goes to its declaration; its references are exact', async () => {
    for (const at of ['emailInRule', 'emailUse', 'emailDecl']) {
      expect(await client.request<Location>('textDocument/definition', w.uri, w.positions[at])).toEqual({ uri: w.uri, range: range(27, 10, 27, 15) })
    }
    const refs = await client.request<Location[]>('textDocument/references', w.uri, w.positions.emailUse, { context: { includeDeclaration: true } })
    expect(refs.map((r) => r.range)).toEqual([range(27, 10, 27, 15), range(37, 36, 37, 41), range(41, 15, 41, 20)])
    const withoutDeclaration = await client.request<Location[]>('textDocument/references', w.uri, w.positions.emailUse, { context: { includeDeclaration: false } })
    expect(withoutDeclaration.map((r) => r.range)).toEqual([range(37, 36, 37, 41), range(41, 15, 41, 20)])
  })

  test('settings, upserts, actions and `let` bindings', async () => {
    const def = (at: string): Promise<Location> => client.request<Location>('textDocument/definition', w.uri, w.positions[at])
    expect((await def('settingUse')).range).toEqual(range(4, 10, 4, 16))
    expect((await def('upsertUse')).range).toEqual(range(16, 9, 16, 16))
    expect((await def('presetAction')).range).toEqual(range(23, 9, 23, 20))
    const refs = await client.request<Location[]>('textDocument/references', w.uri, w.positions.createdDecl, { context: { includeDeclaration: true } })
    expect(refs.map((r) => r.range)).toEqual([range(40, 10, 40, 17), range(45, 24, 45, 31)])
  })

  test('nothing to go to on a keyword or a path', async () => {
    expect(await client.request('textDocument/definition', w.uri, w.positions.traitsEmail)).toBeNull()
    expect(await client.request('textDocument/references', w.uri, { line: 0, character: 2 }, { context: { includeDeclaration: true } })).toEqual([])
  })
})

describe('rename', () => {
  const rename = (at: string, newName: string): Promise<WorkspaceEdit> => client.request<WorkspaceEdit>('textDocument/rename', w.uri, w.positions[at], { newName })

  test('a field: its declaration and every use', async () => {
    expect(await client.request('textDocument/prepareRename', w.uri, w.positions.emailUse)).toEqual({ range: range(41, 15, 41, 20), placeholder: 'email' })
    const edit = await rename('emailUse', 'contact_email')
    expect(edit.changes?.[w.uri]).toEqual([
      { range: range(27, 10, 27, 15), newText: 'contact_email' },
      { range: range(37, 36, 37, 41), newText: 'contact_email' },
      { range: range(41, 15, 41, 20), newText: 'contact_email' }
    ] satisfies TextEdit[])
  })

  test('an upsert declaration and an action', async () => {
    expect((await rename('upsertUse', 'record')).changes?.[w.uri]?.map((e) => e.range)).toEqual([range(16, 9, 16, 16), range(40, 27, 40, 34)])
    expect((await rename('actionDecl', 'sync')).changes?.[w.uri]?.map((e) => e.range)).toEqual([range(21, 46, 21, 57), range(23, 9, 23, 20)])
  })

  test('refused: a collision with another field, a keyword, a built-in name', async () => {
    await expect(rename('emailDecl', 'plan')).rejects.toThrow('there is already a field `plan` (line 33)')
    await expect(rename('planDecl', 'created')).rejects.toThrow('there is already a `let` binding `created` (line 41)')
    await expect(rename('emailDecl', 'perform')).rejects.toThrow('`perform` is not a name')
    await expect(rename('emailDecl', 'settings')).rejects.toThrow('`settings` is a built-in name')
    await expect(rename('apiKeyDecl', 'region')).rejects.toThrow('there is already a setting `region` (line 8)')
  })

  test('prepareRename refuses where there is nothing to rename', async () => {
    await expect(client.request('textDocument/prepareRename', w.uri, w.positions.traitsEmail)).rejects.toThrow('nothing to rename here')
  })
})

describe('formatting', () => {
  test('one edit turns the document into what `mapc fmt` writes', async () => {
    const edits = await client.request<TextEdit[]>('textDocument/formatting', w.uri, undefined, { options: { tabSize: 2, insertSpaces: true } })
    expect(edits).toHaveLength(1)
    const formatted = formatSource(w.text, w.path)
    if (!('text' in formatted)) throw new Error('the fixture must parse')
    expect(applyEdits(w.text, edits)).toBe(formatted.text)
    // The edit starts where the texts first differ, not at the top of the file.
    expect(edits[0]?.range.start.line).toBe(7)
  })

  test('a formatted document needs no edit; one with syntax errors is refused with the reason', async () => {
    const formatted = formatSource(w.text, w.path) as { text: string }
    let version = await client.change(w.uri, [{ text: formatted.text }])
    await client.diagnostics(w.uri, version)
    expect(await client.request('textDocument/formatting', w.uri, undefined, { options: { tabSize: 2, insertSpaces: true } })).toEqual([])
    version = await client.change(w.uri, [{ range: range(0, 0, 0, 0), text: '}' }])
    await client.diagnostics(w.uri, version)
    await expect(client.request('textDocument/formatting', w.uri, undefined, { options: { tabSize: 2, insertSpaces: true } })).rejects.toThrow(
      /^not formatted: the file has syntax errors \(line 1: /
    )
  })
})

describe('outline, folding and semantic tokens', () => {
  test('document symbols: the destination’s members and each action’s fields and steps', async () => {
    const [dest] = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', w.uri)
    const names = (s: DocumentSymbol | undefined): unknown => s && [s.name, s.detail, ...(s.children ? [s.children.map(names)] : [])]
    expect(names(dest)).toEqual([
      'crm',
      'destination',
      [
        ['apiKey', 'setting: password'],
        ['region', 'setting: string'],
        ['auth api_key', 'authentication'],
        ['contact', 'upsert PUT'],
        ['Identify', 'preset → syncContact'],
        [
          'syncContact',
          'action',
          [['trigger', 'type = "identify"'], ['email', 'field: string(email)'], ['plan', 'field: string'], ['skip "no email"', 'rule'], ['perform', '2 steps', [['created', 'let: upsert contact'], ['POST request', 'step']]]]
        ]
      ]
    ])
    expect(dest?.range).toEqual(range(0, 0, 49, 1))
    expect(dest?.selectionRange).toEqual(range(0, 12, 0, 15))
  })

  test('folding ranges: blocks that span lines keep their closing line visible', async () => {
    const folds = await client.request<FoldingRange[]>('textDocument/foldingRange', w.uri)
    expect(folds.slice(0, 6)).toEqual([
      { startLine: 0, endLine: 48 },
      { startLine: 4, endLine: 5 },
      { startLine: 7, endLine: 9 },
      { startLine: 12, endLine: 13 },
      { startLine: 16, endLine: 18 },
      { startLine: 23, endLine: 47 }
    ])
  })

  test('semantic tokens classify names by what they refer to', async () => {
    const result = await client.request<{ data: number[] }>('textDocument/semanticTokens/full', w.uri)
    const other = TestClient.inProcess()
    const legend = (await other.initialize()).capabilities.semanticTokensProvider!.legend
    other.dispose()
    const decoded = decode(result.data, legend.tokenTypes, legend.tokenModifiers)
    const at = (line: number, character: number): string | undefined => decoded.find((t) => t.line === line && t.character === character)?.what
    expect(at(0, 0)).toBe('keyword')
    expect(at(4, 10)).toBe('property declaration readonly')
    expect(at(13, 34)).toBe('property readonly')
    expect(at(13, 25)).toBe('variable readonly defaultLibrary')
    expect(at(16, 9)).toBe('method declaration')
    expect(at(27, 17)).toBe('type')
    expect(at(27, 31)).toBe('modifier')
    expect(at(30, 14)).toBe('variable readonly defaultLibrary')
    expect(at(30, 16)).toBe('property')
    expect(at(37, 29)).toBe('function defaultLibrary')
    expect(at(40, 10)).toBe('variable declaration readonly')
    expect(at(45, 24)).toBe('variable readonly')
    expect(at(1, 8)).toBe('string')
  })
})

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = text.split('\n')
  const offset = (p: { line: number; character: number }): number => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character
  let out = text
  for (const e of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) {
    out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end))
  }
  return out
}

function decode(data: readonly number[], types: readonly string[], modifiers: readonly string[]): { line: number; character: number; what: string }[] {
  const out: { line: number; character: number; what: string }[] = []
  let line = 0
  let character = 0
  for (let i = 0; i < data.length; i += 5) {
    const [dl, dc, , type, mods] = data.slice(i, i + 5) as [number, number, number, number, number]
    line += dl
    character = dl === 0 ? character + dc : dc
    const names = modifiers.filter((_, bit) => (mods & (1 << bit)) !== 0)
    out.push({ line, character, what: [types[type], ...names].join(' ') })
  }
  return out
}
