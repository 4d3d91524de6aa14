/**
 * Every request, field, setting, rule, action, batch and response read of a generated module
 * carries its `.map` location, and each location points at the right line and column: the text
 * there is the declaration it names (`field email_address`, `send PUT`, `company.data.id.record_id`).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { emitDestination, type EmittedFile } from '../../src/compiler/emit/mapc/build.js'
import type { DestinationIR } from '../../src/compiler/ir.js'
import { moduleLocations, type LocRole, type ModuleLocations } from './support/location-uses.js'
import { compileProjectFile, TEST_VERSION } from '../support/build-destination.js'
import { ALL_MAP_FILES } from './support/map-files.js'

/** The source text from a 1-based line and column to the end of that line. */
function textAt(source: string, line: number, column: number): string {
  const text = source.split('\n')[line - 1]
  if (text === undefined) throw new Error(`line ${line} is past the end of the source`)
  return text.slice(column - 1)
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** What the source must say where a location of this role points. */
function expectedAt(role: LocRole): RegExp {
  switch (role.kind) {
    case 'field':
    case 'setting':
    case 'action':
      return new RegExp(`^${role.kind}\\s+${escapeRegExp(role.name)}\\b`)
    case 'batch':
      return /^batch\s*\{/
    case 'rule':
      return new RegExp(`^${role.rule}\\s`)
    case 'request':
    case 'url-part':
      return new RegExp(`^(send\\s+)?${role.method}\\s`)
    case 'upsert-call':
      return new RegExp(`^upsert\\s+${escapeRegExp(role.upsert)}\\s`)
    case 'response-read':
      return new RegExp(`^${escapeRegExp(role.written)}(?![A-Za-z0-9_])`)
    case 'batch-results':
      return /^response\b/
    case 'unknown':
      throw new Error(`a location is used where the test does not expect one: ${role.context}`)
  }
}

function stepCount(ir: DestinationIR): number {
  return ir.actions.reduce((n, a) => n + a.perform.length + (a.batch?.steps.length ?? 0), 0)
}

describe.each(ALL_MAP_FILES)('%s', (file) => {
  let source: string
  let ir: DestinationIR
  const modules = new Map<string, ModuleLocations>()

  beforeAll(async () => {
    const compiled = compileProjectFile(file)
    source = compiled.text
    ir = compiled.ir
    const files: EmittedFile[] = await emitDestination(ir, { version: TEST_VERSION })
    for (const f of files) if (f.path.endsWith('.ts') && !f.path.endsWith('.d.ts') && f.path !== 'types.ts') modules.set(f.path, moduleLocations(f.path, f.content))
  })

  it('declares each location constant with the file, line and column its name says', () => {
    for (const [path, m] of modules) {
      for (const c of m.constants) {
        expect(c.file, `${path} ${c.name}`).toBe(file)
        expect(`L${String(c.line)}_${String(c.column)}`, path).toBe(c.name)
      }
    }
  })

  it('uses every constant it declares, and declares every constant it uses', () => {
    for (const [path, m] of modules) {
      const declared = new Set(m.constants.map((c) => c.name))
      const used = new Set(m.uses.map((u) => u.constant))
      expect([...used].filter((n) => !declared.has(n)), `${path}: used but not declared`).toEqual([])
      expect([...declared].filter((n) => !used.has(n)), `${path}: declared but never used`).toEqual([])
      expect(m.constants.length, `${path}: declared twice`).toBe(declared.size)
    }
  })

  it('points every location at the declaration it names', () => {
    for (const [path, m] of modules) {
      for (const use of m.uses) {
        const [, line, column] = /^L(\d+)_(\d+)$/.exec(use.constant) as RegExpExecArray
        const at = textAt(source, Number(line), Number(column))
        expect(at, `${path}: ${use.constant} (${JSON.stringify(use.role)})`).toMatch(expectedAt(use.role))
      }
    }
  })

  it('names the step before each request with a comment pointing at it', () => {
    const comments = [...modules.values()].flatMap((m) => m.stepComments)
    expect(comments).toHaveLength(stepCount(ir))
    for (const c of comments) {
      expect(c.file).toBe(file)
      expect(textAt(source, c.line, c.column), `${c.file}:${c.line}:${c.column}`).toMatch(/^(send|upsert)\s/)
    }
  })

  it('gives every field, setting, action, rule, batch and step a location', () => {
    const roles = [...modules.values()].flatMap((m) => m.uses.map((u) => u.role))
    const named = (kind: string): string[] =>
      roles.flatMap((r) => (r.kind === kind && 'name' in r ? [r.name] : [])).sort()
    expect(named('field')).toEqual(ir.actions.flatMap((a) => a.fields.map((f) => f.name)).sort())
    expect(named('setting')).toEqual(ir.settings.map((s) => s.name).sort())
    expect(named('action')).toEqual(ir.actions.map((a) => a.name).sort())
    expect(roles.filter((r) => r.kind === 'rule')).toHaveLength(ir.actions.reduce((n, a) => n + a.rules.length, 0))
    expect(roles.filter((r) => r.kind === 'batch')).toHaveLength(ir.actions.filter((a) => a.batch).length)
    expect(roles.filter((r) => r.kind === 'batch-results')).toHaveLength(ir.actions.filter((a) => a.batch?.results).length)
    const steps = ir.actions.flatMap((a) => [...a.perform, ...(a.batch?.steps ?? [])])
    // Sends and the auth test build their request objects in place; upserts call the shared
    // declaration with the step's location.
    expect(roles.filter((r) => r.kind === 'request')).toHaveLength(steps.filter((s) => s.kind === 'send').length + (ir.auth.test ? 1 : 0))
    expect(roles.filter((r) => r.kind === 'upsert-call')).toHaveLength(steps.filter((s) => s.kind === 'upsert').length)
  })
})
