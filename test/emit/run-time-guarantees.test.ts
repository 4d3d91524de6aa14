/**
 * Compiled code leaves a run-time check out only where the run time guarantees the value
 * (src/compiler/emit/run-time-guarantees.ts). fixtures/promises.map uses values whose checked type
 * is only a promise: a response that says `flag: "false"` where its schema says boolean, a label
 * that is an object where the schema says string, `iso_datetime` of a name that is no date. The
 * bytes sent must follow the language's semantics, as the interpreter does, both for the IR as
 * checked and for the same IR with every type replaced by the most trusting one (the generator
 * must not depend on how cautious the checker's types are).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { interpretDestination } from '../../src/compiler/interpret/interpret.js'
import type { CompiledDestination } from '../../src/runtime/contract.js'
import { compileProjectFile } from './support/compile-map.js'
import { withOptimisticTypes } from './support/optimistic-types.js'
import { comparable, deliverEvents } from './support/deliver-events.js'
import { buildAndLoad, fileContent, removeOutputRoot } from './support/generated-module.js'
import type { ScriptedResponse } from './support/recording-transport.js'

const SUITE = 'guarantees'
const FIXTURE = 'test/emit/fixtures/promises.map'
let compiled: CompiledDestination
let trusting: CompiledDestination
let interpreted: CompiledDestination
let actionModule: string

beforeAll(async () => {
  const { ir } = compileProjectFile(FIXTURE)
  const built = await buildAndLoad(ir, SUITE)
  compiled = built.destination
  actionModule = fileContent(built.files, 'actions/sendItem.ts')
  trusting = (await buildAndLoad(withOptimisticTypes(ir), SUITE)).destination
  interpreted = interpretDestination(ir)
})

afterAll(() => removeOutputRoot(SUITE))

async function sent(destination: CompiledDestination, status: unknown, name: string): Promise<unknown> {
  const responses: ScriptedResponse[] = [{ status: 200, body: status }]
  const run = await deliverEvents(destination, 'sendItem', [{ type: 'track', event: name }], {
    settings: { apiKey: 'key-1234' },
    script: (_, i) => responses[i] ?? { status: 200, body: {} }
  })
  return { results: run.results.map(comparable), bodies: run.requests.map((r) => r.body) }
}

describe('values typed by promise', () => {
  it.each([
    ['a response that keeps its promises, and a date', { data: { flag: true, label: 'Gold' } }, '2024-05-01', '{"flagged":"flag set","inverse":false,"dates":["2024-05-01T00:00:00.000Z"],"label":"gold","joined":["2024-05-01Gold"],"fallback":"2024-05-01T00:00:00.000Z"}'],
    ['a text where a boolean and a string were promised', { data: { flag: 'false', label: { tier: 'gold' } } }, 'Order Completed', '{"flagged":"flag clear","inverse":true,"dates":[],"joined":[],"fallback":"no date"}'],
    ['a number where a boolean was promised', { data: { flag: 1, label: 7 } }, 'x', '{"flagged":"flag clear","inverse":true,"dates":[],"label":"7","joined":["x7"],"fallback":"no date"}']
  ])('follow the language, not the type: %s', async (_, status, name, body) => {
    const expected = { results: [expect.objectContaining({ status: 'delivered', requests: 2 })], bodies: [undefined, body] }
    expect(await sent(compiled, status, name)).toEqual(expected)
    expect(await sent(trusting, status, name)).toEqual(expected)
    expect(await sent(compiled, status, name)).toEqual(await sent(interpreted, status, name))
  })

  it('checks at run time what the types only promise, and nothing else', () => {
    expect(actionModule).toContain('$.truth($.responseValue(r_status, ["data", "flag"]')
    expect(actionModule).toContain('...$.opt("label", $.fn.lower(')
    expect(actionModule).toContain('$.present([$.fn.iso_datetime(p.name)])')
    expect(actionModule).toContain('($.fn.iso_datetime(p.name) ?? "no date")')
    // A validated required field is used as is.
    expect(actionModule).toContain('$.plus(p.name, $.responseValue(')
  })
})
