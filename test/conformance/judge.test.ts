/**
 * The judge must fail replays that differ from the recording: these tests break the real
 * destinations on purpose (one change each) and check that the cases that exercise the change,
 * and only a plausible number of them, fail — and with what diff.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readCase, type ConformanceCase } from '../../src/conformance/case.js'
import { fieldsNamedBy, judge } from '../../src/conformance/judge.js'
import { replayCase } from '../../src/conformance/replay.js'
import { interpretDestination } from '../../src/compiler/interpret/interpret.js'
import { compileMap } from '../support/build-destination.js'

function casesOf(destination: string): ConformanceCase[] {
  const dir = join('test/conformance/cases', destination)
  return readdirSync(dir)
    .sort()
    .map((f) => readCase(JSON.parse(readFileSync(join(dir, f), 'utf8')), f).case as ConformanceCase)
}

async function failingCases(destination: string, from: string, to: string): Promise<Map<string, string[]>> {
  const file = `mappings/${destination}.map`
  const text = readFileSync(file, 'utf8')
  expect(text).toContain(from)
  const broken = interpretDestination(compileMap(file, text.replace(from, to)))
  const failing = new Map<string, string[]>()
  for (const c of casesOf(destination)) {
    const outcome = await replayCase(c, broken)
    const verdict = judge(c, outcome.action, outcome.requests, outcome.results)
    if (!verdict.pass) failing.set(c.id, verdict.diff.map((d) => d.at))
  }
  return failing
}

describe('the judge catches a broken destination', () => {
  it('a wrong query value fails every single-event Attio case that sends a request', async () => {
    const failing = await failingCases('attio', 'append_to_existing_values: "true"', 'append_to_existing_values: "false"')
    expect(failing.get('attio-identifyUser-003')).toEqual(['requests[0].url', 'requests[1].url'])
    expect(failing.has('attio-identifyUser-029')).toBe(false) // batches use another endpoint
    expect(failing.size).toBe(31)
  })

  it('swapped fallbacks fail exactly the cases that have both emails', async () => {
    const failing = await failingCases('attio', 'default $.traits.email ?? $.email', 'default $.email ?? $.traits.email')
    expect([...failing.keys()].sort()).toEqual(['attio-identifyUser-003', 'attio-identifyUser-029'])
  })

  it('lower-casing instead of snake_casing fails the event-name cases', async () => {
    const failing = await failingCases('schematic', 'event: snake_case(event_name)', 'event: lower(event_name)')
    expect(failing.get('schematic-trackEvent-002')).toEqual(['requests[0].body'])
    expect(failing.has('schematic-trackEvent-020')).toBe(false) // "a" is the same either way
  })

  it('always sending users fails the case whose userId is empty', async () => {
    const failing = await failingCases('attio', 'users: if exists(user_id) then [user_id],', 'users: [user_id],')
    expect([...failing.keys()]).toEqual(['attio-groupWorkspace-006'])
  })
})

describe('reading the reference error messages', () => {
  const action = {
    fields: [
      { name: 'email_address', label: 'Email address' },
      { name: 'received_at', label: 'Received at' }
    ]
  } as never

  it('finds quoted field names', () => {
    expect(
      fieldsNamedBy("The root value is missing the required field 'domain'. The root value is missing the required field 'workspace_id'.", action)
    ).toEqual(['domain', 'workspace_id'])
  })

  it('finds fields by the label that starts a sentence', () => {
    expect(fieldsNamedBy('Email address must be a valid email address string but it was not.', action)).toEqual(['email_address'])
    expect(fieldsNamedBy('Received at must be a valid date-like string but it was not.', action)).toEqual(['received_at'])
  })
})
