/**
 * Objects without some keys: `...o without (k, "l m")`, a later `k: absent`, and a later key
 * over a spread's null, through the generated module and the interpreter: the bytes sent are
 * the same, and exactly what docs/language.md says. The checker's type of such an object knows
 * the keys are gone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { interpretDestination } from '../../src/compiler/interpret/interpret.js'
import type { CompiledDestination } from '../../src/runtime/contract.js'
import { answersInOrder } from '../../src/conformance/scripted-transport.js'
import { buildAndLoad, compileOrThrow, removeBuilds, withInlineApi } from '../support/build-destination.js'
import { deliverEvents } from './support/deliver-events.js'
import { typedExpression } from '../check/support/typed-expression.js'
import { display, nullType, objectType, stringType, union } from '../../src/compiler/check/types.js'

const SUITE = 'omitted-keys'
const FILE = 'test/emit/omitted-keys.map'
const TEXT = `destination omit {
  title "Omit"
  accepts identify
  setting apiKey: password required { label "API key" }
  auth api_key { header authorization = "Bearer " + settings.apiKey }
  action post {
    title "Send"
    trigger type = "identify"
    field traits: object required { label "Traits"  default $.traits }
    field email: string { label "Email"  default $.traits.email }
    perform {
      send POST "https://api.omit.test/v1/people" {
        json {
          without: { ...traits without (email, "phone number"), id: 1 },
          removed: { ...traits, email: absent, ...{ re: "added" } },
          over_null: { ...traits, phone: "+1 555" },
          kept: { ...traits, email: email },
          list: [absent, 1, if exists(email) then absent else 2],
          fallback: absent ?? "default",
          nothing: absent
        }
      }
    }
  }
}
`
const API = {
  oneOf: [{ $ref: '#/definitions/people' }],
  definitions: {
    people: {
      'x-mapc-endpoint': 'POST https://api.omit.test/v1/people',
      type: 'object',
      properties: { method: { const: 'POST' }, body: { type: 'object' } }
    }
  }
}

const loaded: { compiled?: CompiledDestination; interpreted?: CompiledDestination } = {}

beforeAll(async () => {
  const ir = compileOrThrow(TEXT, FILE, withInlineApi(FILE, API))
  loaded.compiled = (await buildAndLoad(ir, SUITE)).destination
  loaded.interpreted = interpretDestination(ir)
})
afterAll(() => removeBuilds(SUITE))

describe('objects without some keys', () => {
  it('send the same bytes compiled and interpreted, with the keys left out as written', async () => {
    const event = { type: 'identify', messageId: 'm1', userId: 'u1', traits: { email: null, 'phone number': '1', phone: null, plan: 'pro', id: 'x' } }
    const bodies: string[] = []
    for (const destination of [loaded.compiled, loaded.interpreted] as CompiledDestination[]) {
      const run = await deliverEvents(destination, 'post', [event], { settings: { apiKey: 'sk_0123456789' }, script: answersInOrder([{ status: 200, body: {} }]) })
      expect(run.results.map((r) => r.status)).toEqual(['delivered'])
      bodies.push(run.requests.map((r) => r.body ?? '').join(''))
    }
    expect(bodies[0]).toBe(bodies[1])
    expect(JSON.parse(bodies[0] as string)).toEqual({
      without: { phone: null, plan: 'pro', id: 1 },
      removed: { 'phone number': '1', phone: null, plan: 'pro', id: 'x', re: 'added' },
      over_null: { email: null, 'phone number': '1', phone: '+1 555', plan: 'pro', id: 'x' },
      // A value absent at run time (the null email was cleaned away) leaves the spread's key.
      kept: { email: null, 'phone number': '1', phone: null, plan: 'pro', id: 'x' },
      list: [1, 2],
      fallback: 'default'
    })
  })

  it('are typed without the keys they leave out', () => {
    const o = objectType({ email: union(stringType, nullType), name: stringType })
    expect(display(typedExpression('{ ...o without email }', { params: { o } }).type)).toBe('{ name: string, email: absent }')
    expect(display(typedExpression('{ ...o, email: absent }.email', { params: { o } }).type)).toBe('absent')
  })
})
