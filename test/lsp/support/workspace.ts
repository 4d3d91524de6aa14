/** Test documents on disk: a `.map` file and its API schema in a fresh directory. */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { Position } from 'vscode-languageserver-types'
import { marked } from './client.js'

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url))

export interface Workspace {
  dir: string
  path: string
  uri: string
  text: string
  positions: Record<string, Position>
  offsets: Record<string, number>
  schemaPath: string
}

/** The CRM destination (fixtures/crm.map.marked, markers removed) with its API schema. */
export function crmWorkspace(): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'mapc-lsp-'))
  mkdirSync(join(dir, 'apis'))
  const schemaPath = join(dir, 'apis', 'crm.schema.json')
  copyFileSync(join(FIXTURES, 'apis', 'crm.schema.json'), schemaPath)
  const { text, positions, offsets } = marked(readFileSync(join(FIXTURES, 'crm.map.marked'), 'utf8'))
  const path = join(dir, 'crm.map')
  writeFileSync(path, text)
  return { dir, path, uri: pathToFileURL(path).href, text, positions, offsets, schemaPath }
}

export function fixtureSchema(): string {
  return readFileSync(join(FIXTURES, 'apis', 'crm.schema.json'), 'utf8')
}
