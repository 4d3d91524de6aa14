/**
 * docs/api-schema.md: its complete small example checks clean as written, and the two mistakes
 * it describes are reported with the codes it names.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { compileText } from '../../src/compiler/compile.js'

const page = readFileSync('docs/api-schema.md', 'utf8')
const blocks = [...page.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], text: m[2] as string }))
const mapText = blocks.find((b) => b.text.startsWith('destination notes'))?.text ?? ''
const schemaText = blocks.find((b) => b.lang === 'json')?.text ?? ''

mkdirSync(resolve('.tmp'), { recursive: true })
const root = mkdtempSync(resolve('.tmp', 'api-schema-doc-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

function check(map: string, schema: string): string[] {
  const dir = mkdtempSync(join(root, 'case-'))
  mkdirSync(join(dir, 'apis'))
  writeFileSync(join(dir, 'apis', 'notes.schema.json'), schema)
  const file = relative(process.cwd(), join(dir, 'notes.map'))
  writeFileSync(file, map)
  return compileText(map, file).diagnostics.map((d) => `${d.code} ${d.message}${d.hint ? ` | ${d.hint}` : ''}`)
}

describe('docs/api-schema.md', () => {
  it('has the example .map and its schema', () => {
    expect(mapText).toContain('destination notes')
    expect(JSON.parse(schemaText)).toHaveProperty('oneOf')
  })

  it('checks clean as written', () => {
    expect(check(mapText, schemaText)).toEqual([])
  })

  it('reports a misspelt body key with the closest one, and a host the schema does not list', () => {
    const misspelt = check(mapText.replace('json { text: text }', 'json { txt: text }'), schemaText)
    expect(misspelt).toEqual(['MAPC4002 `body.text` is required by the API but not sent | did you mean `text`? `txt` is sent instead'])
    const oneHost = check(mapText, schemaText.replaceAll('"x-mapc-hosts": ["api.notes.example", "api-eu.notes.example"],', '"x-mapc-hosts": ["api.notes.example"],'))
    expect(oneHost.filter((d) => d.startsWith('MAPC4001'))).toHaveLength(2)
    expect(oneHost[0]).toContain('api-eu.notes.example')
  })
})
