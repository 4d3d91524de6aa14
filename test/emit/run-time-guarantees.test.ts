/**
 * Compiled code leaves a run-time check out only where the run time guarantees the value
 * (src/compiler/emit/run-time-guarantees.ts). fixtures/promises.map uses values whose checked type
 * is only a promise: a response that says `flag: "false"` where its schema says boolean, a label
 * that is an object where the schema says string, a list item without the name its schema
 * requires, a text where an object to spread was promised, `iso_datetime` of a name that is no
 * date. The bytes sent must follow the language's semantics, as the interpreter does, both for the
 * IR as checked and for the same IR with every type replaced by the most trusting one (the
 * generator must not depend on how cautious the checker's types are).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { interpretDestination } from '../../src/compiler/interpret/interpret.js'
import type { CompiledDestination } from '../../src/runtime/contract.js'
import { withOptimisticTypes } from './support/optimistic-types.js'
import { comparable, deliverEvents } from './support/deliver-events.js'
import { answersInOrder } from '../../src/conformance/scripted-transport.js'
import { buildAndLoad, compileProjectFile, fileContent, removeBuilds } from '../support/build-destination.js'

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

afterAll(() => removeBuilds(SUITE))

async function sent(destination: CompiledDestination, status: unknown, name: string): Promise<unknown> {
  const responses = [{ status: 200, body: status }]
  const run = await deliverEvents(destination, 'sendItem', [{ type: 'track', event: name }], {
    settings: { apiKey: 'key-1234' },
    script: answersInOrder(responses)
  })
  return { results: run.results.map(comparable), bodies: run.requests.map((r) => r.body) }
}

describe('values typed by promise', () => {
  it.each([
    ['a response that keeps its promises, and a date', { data: { flag: true, label: 'Gold', tags: [{ name: 'vip' }], meta: { tier: 'gold' } } }, '2024-05-01', '{"flagged":"flag set","inverse":false,"dates":["2024-05-01T00:00:00.000Z"],"label":"gold","joined":["2024-05-01Gold"],"fallback":"2024-05-01T00:00:00.000Z","tags":[["vip"]],"meta":{"tier":"gold"},"code":"Gold-2024-05-01"}'],
    ['a text where a boolean and a string were promised', { data: { flag: 'false', label: { tier: 'gold' }, tags: [{ title: 'vip' }], meta: 'gold' } }, 'Order Completed', '{"flagged":"flag clear","inverse":true,"dates":[],"joined":[],"fallback":"no date","tags":[[]],"meta":{},"code":"{\\"tier\\":\\"gold\\"}-Order Completed"}'],
    ['a number where a boolean was promised', { data: { flag: 1, label: 7, tags: [], meta: ['gold'] } }, 'x', '{"flagged":"flag clear","inverse":true,"dates":[],"label":"7","joined":["x7"],"fallback":"no date","tags":[],"meta":{},"code":"7-x"}']
  ])('follow the language, not the type: %s', async (_, status, name, body) => {
    const expected = { results: [expect.objectContaining({ status: 'delivered', requests: 2 })], bodies: [undefined, body] }
    expect(await sent(compiled, status, name)).toEqual(expected)
    expect(await sent(trusting, status, name)).toEqual(expected)
    expect(await sent(compiled, status, name)).toEqual(await sent(interpreted, status, name))
  })

  it.each([
    ['true', true, 'skipped'],
    ['a text', 'yes', 'delivered'],
    ['a number', 1, 'delivered']
  ])('take a condition that is %s at run time for true only if it is `true`', async (_, skip, status) => {
    const event = { type: 'track', event: 'x', properties: { skip } }
    const responses = [{ status: 200, body: { data: { flag: true, label: 'Gold', tags: [], meta: {} } } }]
    for (const destination of [compiled, trusting, interpreted]) {
      const run = await deliverEvents(destination, 'sendItem', [event], { settings: { apiKey: 'key-1234' }, script: answersInOrder(responses) })
      expect(run.results[0]?.status).toBe(status)
    }
  })

  it('checks at run time what the types only promise, and nothing else', () => {
    expect(actionModule).toContain('$.truth($.responseValue(r_status, ["data", "flag"]')
    expect(actionModule).toContain('if ((v$ = $.fn.lower($.responseValue(r_status, ["data", "label"]')
    expect(actionModule).toContain('$.present([$.fn.iso_datetime(p.name)])')
    // An item of a response's list is no validated payload, whatever its schema says.
    expect(actionModule).toContain('(v_tag) => ($.present([$.own(v_tag, "name")]))')
    expect(actionModule).toContain('$.spreadInto(o$, $.responseValue(r_status, ["data", "meta"]')
    expect(actionModule).toContain('($.fn.iso_datetime(p.name) ?? "no date")')
    // A validated required field is used as is.
    expect(actionModule).toContain('$.plus(p.name, $.responseValue(')
  })
})
