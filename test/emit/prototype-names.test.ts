/**
 * Settings, fields and an action named like Object.prototype members (`constructor`, `toString`,
 * `valueOf`, `hasOwnProperty`): generated code reads and writes them as own properties, and the
 * validators look for them on the payload itself, not on its prototype. The oracle is ajv with the
 * generator's own options (AJV_OPTIONS), compiling the same schemas at run time.
 */
import { Ajv } from 'ajv'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AJV_OPTIONS } from '../../src/compiler/emit/ajv-options.js'
import { registerFormats } from '../../src/compiler/emit/ajv-formats.js'
import type { DestinationIR } from '../../src/compiler/ir.js'
import { interpretDestination } from '../../src/compiler/interpret/interpret.js'
import type { CompiledAction, CompiledDestination, Validator } from '../../src/runtime/contract.js'
import { isDateLike } from '../../src/runtime/lib/datetime.js'
import { comparable, deliverEvents } from './support/deliver-events.js'
import { payloadArbitrary } from './support/payload-arbitrary.js'
import { buildAndLoad, compileProjectFile, removeBuilds } from '../support/build-destination.js'

const SUITE = 'prototype-names'
let ir: DestinationIR
let destination: CompiledDestination

beforeAll(async () => {
  ir = compileProjectFile('test/emit/fixtures/prototype-names.map').ir
  destination = (await buildAndLoad(ir, SUITE)).destination
})

afterAll(() => removeBuilds(SUITE))

function oracle(schema: unknown): Validator {
  const ajv = new Ajv(AJV_OPTIONS)
  registerFormats(ajv, isDateLike)
  return ajv.compile(schema as object) as unknown as Validator
}

/** The action named `constructor`, which must be an own property of `actions`, not Object's constructor. */
function constructorAction(): CompiledAction {
  const action = Object.getOwnPropertyDescriptor(destination.actions, 'constructor')?.value as CompiledAction | undefined
  if (!action) throw new Error('the action `constructor` is not an own property of `actions`')
  return action
}

const errorsOf = (v: Validator, data: unknown): [boolean, unknown[]] => [v(data), [...(v.errors ?? [])].map((e) => [e.keyword, e.instancePath])]

describe('validators', () => {
  it('accept a payload that leaves out an optional `constructor` field', () => {
    expect(errorsOf(constructorAction().validate, { toString: 'x' })).toEqual([true, []])
  })

  it('report a missing required `toString` field as missing', () => {
    expect(errorsOf(constructorAction().validate, { constructor: 'c' })).toEqual([false, [['required', '']]])
  })

  it('accept settings without the optional `toString` setting, and reject them without `valueOf`', () => {
    expect(errorsOf(destination.validateSettings, { valueOf: 'key-1' })).toEqual([true, []])
    expect(errorsOf(destination.validateSettings, {})).toEqual([false, [['required', '']]])
  })

  it('are the interpreter\'s too', () => {
    const interpreted = Object.getOwnPropertyDescriptor(interpretDestination(ir).actions, 'constructor')?.value as CompiledAction
    expect(errorsOf(interpreted.validate, { toString: 'x' })).toEqual([true, []])
    expect(errorsOf(interpreted.validate, { constructor: 'c' })).toEqual([false, [['required', '']]])
  })

  it('agree with ajv on generated payloads and settings', () => {
    const action = ir.actions[0]
    const payloads = oracle(action?.payloadSchema)
    const settings = oracle(ir.settingsSchema)
    fc.assert(
      fc.property(payloadArbitrary(action?.payloadSchema), payloadArbitrary(ir.settingsSchema), (payload, config) => {
        expect(errorsOf(constructorAction().validate, payload)).toEqual(errorsOf(payloads, payload))
        expect(errorsOf(destination.validateSettings, config)).toEqual(errorsOf(settings, config))
      }),
      { numRuns: 300 }
    )
  })
})

describe('deliveries', () => {
  const settings = { valueOf: 'key-1234' }
  const script = (): { status: number; body: unknown } => ({ status: 200, body: {} })

  it('read and send the fields as own properties', async () => {
    const run = await deliverEvents(destination, 'constructor', [{ type: 'track', event: 'Signed Up', properties: { name: 'Ada', plan: 'pro' } }], { settings, script })
    expect(run.results.map(comparable)).toEqual([expect.objectContaining({ status: 'delivered', requests: 1 })])
    expect(run.requests).toEqual([
      {
        method: 'POST',
        url: 'https://api.prototypes.test/v1/items',
        headers: { authorization: 'key-1234', 'content-type': 'application/json' },
        body: '{"constructor":"Signed Up","toString":"Ada","name":"Ada","plan":"pro"}'
      }
    ])
  })

  it('leave out a field the event does not have, without reading Object.prototype', async () => {
    const run = await deliverEvents(destination, 'constructor', [{ type: 'track', properties: { name: 'Ada' } }], { settings: { ...settings, toString: 'eu' }, script })
    expect(run.requests.map((r) => [r.headers['x-to-string'], r.body])).toEqual([['eu', '{"toString":"Ada","name":"Ada"}']])
  })
})
