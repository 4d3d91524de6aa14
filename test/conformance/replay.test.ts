/**
 * Replaying a case (src/conformance/replay.ts): a case that does not fit the destination is
 * refused with a message naming what does not fit, and sent requests are recorded as the cases
 * record them.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { interpretDestination } from '../../src/compiler/interpret/interpret.js'
import { readCase, type ConformanceCase } from '../../src/conformance/case.js'
import { recordedRequest, replayCase } from '../../src/conformance/replay.js'
import { compileMap } from '../support/build-destination.js'

const attio = interpretDestination(compileMap('mappings/attio.map'))
const recorded = readCase(JSON.parse(readFileSync('test/conformance/cases/attio/attio-identifyUser-003.json', 'utf8')), 'case').case as ConformanceCase

describe('replayCase', () => {
  it('replays a recorded case as it was recorded', async () => {
    const outcome = await replayCase(recorded, attio)
    expect(outcome.requests).toEqual(recorded.expect.requests)
    expect(outcome.results.map((r) => r.status)).toEqual(['delivered'])
  })

  it('refuses a case for an action the destination does not have', async () => {
    await expect(replayCase({ ...recorded, action: 'deleteUser' }, attio)).rejects.toThrow('attio has no action deleteUser')
  })

  it('refuses a mapping of a field the action does not have', async () => {
    await expect(replayCase({ ...recorded, mapping: { nickname: { '@path': '$.traits.nickname' } } }, attio)).rejects.toThrow(
      'the mapping names "nickname", which is not a field of identifyUser'
    )
  })
})

describe('recordedRequest', () => {
  const sent = { method: 'POST', url: 'https://api.example.test/e' }

  it('parses a JSON body, and records a request without one with a null body', () => {
    expect(recordedRequest({ ...sent, headers: { 'content-type': 'application/json' }, body: '{"a":[1]}' }).body).toEqual({ a: [1] })
    expect(recordedRequest({ ...sent, headers: {}, body: undefined }).body).toBeNull()
  })

  it('keeps a body that is not JSON as its text instead of failing the replay', () => {
    expect(recordedRequest({ ...sent, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1&b=x%20y' }).body).toBe('a=1&b=x%20y')
    expect(recordedRequest({ ...sent, headers: { 'content-type': 'application/json' }, body: '{oops' }).body).toBe('{oops')
    expect(recordedRequest({ ...sent, headers: { 'content-type': 'text/plain' }, body: '42' }).body).toBe('42')
  })

  it('keeps every header', () => {
    const headers = { authorization: 'Bearer t', 'content-type': 'application/json', 'x-trace': 'on' }
    expect(recordedRequest({ ...sent, headers, body: '{}' }).headers).toEqual(headers)
  })
})
