/**
 * The interpreter's observation hook (`interpretDestination(ir, { observe })`): what it reports,
 * in which phase, and that observing changes nothing.
 */
import { describe, expect, it } from 'vitest'
import { interpretDestination, type Observation } from '../../../src/compiler/interpret/interpret.js'
import { event, runOne } from '../../support/harness.js'
import { observedRun } from './observed-run.js'
import { compileWithApi, permissiveApi } from './support.js'

const text = `destination observed {
  title "Observed"
  accepts track
  auth none { header "x-name" = lower("ABC") }
  upsert record(object, key, values) PUT \`https://api.observed.test/{object}\` {
    json { key: key, values: values }
  }
  action track {
    title "Track"
    trigger type = "track"
    field name: string required { label "Name"  default lower($.event) }
    reject name "is blank" when trim(name) == ""
    perform {
      let person = upsert record "people" by "name" with { name: snake_case(name) }
      send POST "https://api.observed.test/events" { json { id: person.id } }
    }
  }
}
`
const ir = compileWithApi(
  text,
  permissiveApi({
    'PUT https://api.observed.test/{object}': { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
    'POST https://api.observed.test/events': undefined
  })
)

const builtins = (observations: Observation[]) =>
  observations.flatMap((o) => (o.kind === 'builtin' ? [[o.phase, o.name, o.args, o.result]] : []))

describe('the observation hook', () => {
  it('reports built-in calls with their arguments, results and phase, in evaluation order', async () => {
    const { observations } = await observedRun(ir, 'track', event('track', { event: 'Order Completed' }), [{ status: 200, body: { id: 'p1' } }])
    expect(builtins(observations)).toEqual([
      ['default', 'lower', ['Order Completed'], 'order completed'],
      ['rule', 'trim', ['order completed'], 'order completed'],
      ['auth', 'lower', ['ABC'], 'abc'],
      ['request', 'snake_case', ['order completed'], 'order_completed']
    ])
  })

  it('reports each upsert with its arguments by parameter name, before its request', async () => {
    const { observations } = await observedRun(ir, 'track', event('track', { event: 'Order Completed' }), [{ status: 200, body: { id: 'p1' } }])
    const upserts = observations.filter((o): o is Extract<Observation, { kind: 'upsert' }> => o.kind === 'upsert')
    expect(upserts).toHaveLength(1)
    expect(upserts[0]?.declaration.name).toBe('record')
    expect([...(upserts[0]?.args ?? [])]).toEqual([
      ['object', 'people'],
      ['key', 'name'],
      ['values', { name: 'order_completed' }]
    ])
    expect(upserts[0]?.step.source.start.line).toBe(14)
  })

  it('reports every evaluated expression with its value, a call after its arguments', async () => {
    const { observations } = await observedRun(ir, 'track', event('track', { event: 'Order Completed' }), [{ status: 200, body: { id: 'p1' } }])
    const values = observations.filter((o): o is Extract<Observation, { kind: 'value' }> => o.kind === 'value')
    const snake = values.findIndex((o) => o.expr.kind === 'call' && o.expr.builtin === 'snake_case')
    expect(values[snake]?.value).toBe('order_completed')
    expect(values[snake - 1]).toMatchObject({ expr: { kind: 'ref', name: 'name' }, value: 'order completed', phase: 'request' })
    expect(values.some((o) => o.phase === 'request' && o.value === 'p1')).toBe(true)
  })

  it('changes nothing: the same requests and result with and without an observer', async () => {
    const e = event('track', { event: 'Order Completed' })
    const responses = [{ status: 200, body: { id: 'p1' } }]
    const plain = await runOne(interpretDestination(ir), 'track', e, { responses })
    const observed = await observedRun(ir, 'track', e, responses)
    expect(observed.requests).toEqual(plain.requests)
    expect(observed.result).toEqual(plain.result)
    expect(plain.requests.map((r) => r.url)).toEqual(['https://api.observed.test/people', 'https://api.observed.test/events'])
  })
})
