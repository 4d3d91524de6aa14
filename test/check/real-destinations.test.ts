/**
 * The three destinations in mappings/ check cleanly against the project's own schemas, and the
 * typed IR carries what the code generator reads from it.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { projectCheckOptions } from '../../src/compiler/check-options.js'
import { checkMapFile } from '../../src/compiler/check/destination.js'
import { display } from '../../src/compiler/check/types.js'
import type { ActionIR, DestinationIR, ExprIR, StepIR } from '../../src/compiler/ir.js'
import { parseMap } from '../../src/compiler/syntax/parse.js'
import { describeDiagnostic } from './support/check-text.js'

function checkDestination(name: string): { ir: DestinationIR | undefined; diagnostics: string[] } {
  const file = `mappings/${name}.map`
  const parsed = parseMap(readFileSync(file, 'utf8'), file)
  const checked = checkMapFile(parsed.ast, projectCheckOptions(file))
  return { ir: checked.ir, diagnostics: [...parsed.diagnostics, ...checked.diagnostics].map(describeDiagnostic) }
}

function destination(name: string): DestinationIR {
  const { ir } = checkDestination(name)
  if (!ir) throw new Error(`${name} produced no IR`)
  return ir
}

function action(ir: DestinationIR, name: string): ActionIR {
  const found = ir.actions.find((a) => a.name === name)
  if (!found) throw new Error(`${ir.name} has no action ${name}`)
  return found
}

function fieldTypes(a: ActionIR): Record<string, string> {
  return Object.fromEntries(
    a.fields.map((f) => [
      f.name,
      [f.type + (f.format ? `(${f.format})` : ''), f.required && 'required', f.hidden && 'hidden', f.keyvalue && 'keyvalue'].filter(Boolean).join(' ')
    ])
  )
}

function upsertStep(step: StepIR | undefined): Extract<StepIR, { kind: 'upsert' }> {
  if (step?.kind !== 'upsert') throw new Error(`expected an upsert step, got ${step?.kind}`)
  return step
}

function property(expr: ExprIR | undefined, key: string): ExprIR {
  if (expr?.kind !== 'object') throw new Error(`expected an object, got ${expr?.kind}`)
  const entry = expr.entries.find((e) => e.kind === 'property' && e.key === key)
  if (!entry) throw new Error(`no property ${key}`)
  return entry.value
}

describe('the real destinations', () => {
  it.each(['attio', 'matilda', 'schematic'])('%s checks without a diagnostic', (name) => {
    const { ir, diagnostics } = checkDestination(name)
    expect(diagnostics).toEqual([])
    expect(ir?.name).toBe(name)
  })
})

describe('attio IR', () => {
  const ir = destination('attio')

  it('types every field of identifyUser as declared', () => {
    expect(fieldTypes(action(ir, 'identifyUser'))).toEqual({
      email_address: 'string(email) required',
      user_id: 'string required',
      user_attributes: 'object keyvalue',
      person_attributes: 'object keyvalue',
      enable_batching: 'boolean hidden',
      batch_size: 'number hidden',
      received_at: 'datetime'
    })
  })

  it('types the default of email_address as a ?? of two event paths', () => {
    const value = action(ir, 'identifyUser').fields.find((f) => f.name === 'email_address')?.default
    if (value?.kind !== 'binary') throw new Error(`expected a binary default, got ${value?.kind}`)
    expect(value.operator).toBe('??')
    expect(value.left).toMatchObject({ kind: 'event', keys: ['traits', 'email'] })
    expect(value.right).toMatchObject({ kind: 'event', keys: ['email'] })
    expect(display(value.left.type)).toBe('string(email) | null | absent')
    expect(display(value.right.type)).toBe('any | absent')
    expect(value.source.start).toMatchObject({ line: 47, column: 15 })
  })

  it('keeps the fallback of an event path the Spec requires, since events arrive unvalidated', () => {
    const value = action(ir, 'groupWorkspace').fields.find((f) => f.name === 'workspace_id')?.default
    if (value?.kind !== 'binary') throw new Error('expected a binary default')
    expect(display(value.left.type)).toBe('string | absent')
  })

  it('types company.data.id.record_id from the upsert response schema', () => {
    const [first, second] = action(ir, 'groupWorkspace').perform
    expect(upsertStep(first).bind).toBe('company')
    const company = property(upsertStep(second).args[2], 'company')
    expect(company).toMatchObject({ kind: 'member', key: 'record_id', object: { kind: 'member', key: 'id' } })
    expect(display(company.type)).toBe('string')
  })

  it('narrows user_id inside `if exists(user_id) then [user_id]`', () => {
    const users = property(upsertStep(action(ir, 'groupWorkspace').perform[1]).args[2], 'users')
    if (users.kind !== 'if') throw new Error('expected an if')
    expect(display(users.then.type)).toBe('array of string')
    expect(display(users.type)).toBe('array of string | absent')
  })

  it('narrows each action to the events of its trigger', () => {
    expect(action(ir, 'identifyUser').eventTypes).toEqual(['identify'])
    expect(action(ir, 'groupWorkspace').eventTypes).toEqual(['group'])
    expect(action(ir, 'assertRecord').eventTypes).toEqual(ir.accepts)
    expect(action(ir, 'assertRecord').fql).toBeUndefined()
  })

  it('resolves the batch block: enabled and size fields, one request', () => {
    const batch = action(ir, 'identifyUser').batch
    expect(batch?.enabledField).toBe('enable_batching')
    expect(batch?.size).toEqual({ kind: 'field', name: 'batch_size', fallback: 1000 })
    expect(batch?.steps.map((s) => (s.kind === 'send' ? s.request.endpoint : s.upsert))).toEqual(['PUT https://api.attio.com/v2/batch/records'])
  })

  it('matches the key-matching declaration and the auth test to endpoints', () => {
    expect(ir.upserts.map((u) => [u.name, u.params, u.request.endpoint])).toEqual([
      ['record', ['object', 'key', 'values'], 'PUT https://api.attio.com/v2/objects/{object}/records/simple']
    ])
    expect(ir.auth.scheme).toBe('oauth')
    expect(ir.auth.test?.endpoint).toBe('GET https://api.attio.com/v1/token')
    expect(ir.presets.map((p) => [p.title, p.fql, p.action])).toEqual([
      ['Identify User', 'type = "identify"', 'identifyUser'],
      ['Group Workspace', 'type = "group"', 'groupWorkspace']
    ])
  })

  it('lists required fields in the payload schema', () => {
    expect(action(ir, 'assertRecord').payloadSchema).toMatchObject({
      required: ['object', 'matching_attribute', 'received_at'],
      additionalProperties: false
    })
  })
})

describe('matilda IR', () => {
  const ir = destination('matilda')

  it('points batch results at the per-item array of the batch response', () => {
    const batch = action(ir, 'track').batch
    expect(batch?.results).toMatchObject({ kind: 'member', key: 'results', object: { kind: 'ref', target: 'response' } })
    expect(display(batch?.results?.type ?? { kind: 'never' })).toMatch(/^array of \{ status: integer, message: string \| absent/)
  })

  it('keeps the API key a secret setting and sends it as a header', () => {
    expect(ir.settings.map((s) => [s.name, s.type, s.required, s.secret])).toEqual([['apiKey', 'string', true, true]])
    expect(ir.auth.headers.map((h) => [h.name, h.value.kind])).toEqual([['x-api-key', 'ref']])
  })

  it('passes an absent secondary key for a one-key upsert use', () => {
    const people = upsertStep(action(ir, 'identify').perform[0])
    expect(people.args.map((a) => a.kind)).toEqual(['literal', 'literal', 'literal', 'object'])
    expect(people.args[2]).toMatchObject({ kind: 'literal', value: undefined, type: { kind: 'absent' } })
  })

  it('keeps rules with their fields', () => {
    expect(action(ir, 'track').rules.map((r) => [r.kind, r.field, display(r.when.type)])).toEqual([
      ['reject', 'event_name', 'boolean'],
      ['reject', 'user_id', 'boolean']
    ])
    expect(action(ir, 'group').rules.map((r) => r.kind)).toEqual(['skip'])
  })
})

describe('schematic IR', () => {
  const ir = destination('schematic')

  it('marks the password setting secret and describes it in the settings schema', () => {
    expect(ir.settings.map((s) => [s.name, s.type, s.secret])).toEqual([['apiKey', 'password', true]])
    expect(ir.settingsSchema).toMatchObject({ properties: { apiKey: { type: 'string', format: 'password' } }, required: ['apiKey'] })
  })

  it('types the request body that sends the timestamp as an ISO datetime', () => {
    const step = action(ir, 'trackEvent').perform[0]
    if (step?.kind !== 'send' || !step.request.body) throw new Error('expected a send with a body')
    expect(display(property(step.request.body.value, 'sent_at').type)).toBe('string(date-time)')
  })
})
