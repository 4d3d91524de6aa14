/**
 * Payload preparation: resolve (mapping or default), clean, coerce, validate, rules — on the test
 * destination's real compiled actions, so every assertion is about what users' events become.
 */
import { describe, expect, it } from 'vitest'
import type { Payload, SegmentEvent, ValueContext } from '../../../src/runtime/contract.js'
import { defaultMapping, preparePayload, resolvePayload, type FieldMapping, type FieldResolver } from '../../../src/runtime/delivery/payload.js'
import { PayloadValidationError } from '../../../src/runtime/errors/index.js'
import { createRedactor } from '../../../src/runtime/redaction/index.js'
import { CRM_MAP_PATH, crmAction, lineOf } from './support/crm-destination.js'
import { identifyEvent, trackEvent } from './support/events.js'

const ctx: ValueContext = { settings: { apiKey: 'sk_test_0123456789' }, auth: {} }
const redactor = createRedactor([])
const identify = crmAction('identifyContact')
const track = crmAction('trackEvent')

function mapping(overrides: Record<string, FieldResolver>, useDefaults = true): FieldMapping {
  return { overrides: new Map(Object.entries(overrides)), useDefaults }
}

function prepare(event: SegmentEvent, options: { mapping?: FieldMapping; mode?: 'single' | 'batch' } = {}) {
  return preparePayload(identify, event, options.mapping ?? defaultMapping, ctx, options.mode ?? 'single', redactor)
}

function readyPayload(event: SegmentEvent, options: { mapping?: FieldMapping; mode?: 'single' | 'batch' } = {}): Payload {
  const outcome = prepare(event, options)
  if (outcome.kind !== 'ready') throw new Error(`expected a ready payload, got ${outcome.kind}: ${JSON.stringify(outcome)}`)
  return outcome.payload
}

function validationError(event: SegmentEvent, options: { mapping?: FieldMapping; mode?: 'single' | 'batch' } = {}): PayloadValidationError {
  const outcome = prepare(event, options)
  if (outcome.kind !== 'invalid') throw new Error(`expected an invalid payload, got ${outcome.kind}`)
  return outcome.error
}

const at = (text: string, column = 5) => ({ file: CRM_MAP_PATH, line: lineOf(text), column })

describe('resolve', () => {
  it('takes every default from the event when the subscription maps nothing', () => {
    expect(resolvePayload(identify, identifyEvent({ traits: { age: 36, plan: 'pro' } }), defaultMapping, ctx)).toEqual({
      email: 'ada@example.com',
      user_id: 'user-1',
      name: 'Ada Lovelace',
      age: 36,
      plan: 'pro',
      seen_at: '2024-03-01T10:00:00.000Z'
    })
  })

  it('uses a mapping for the fields it names and the defaults for the rest', () => {
    const payload = resolvePayload(identify, identifyEvent(), mapping({ email: () => 'mapped@example.com', plan: () => 'free' }), ctx)
    expect(payload).toEqual({
      email: 'mapped@example.com',
      user_id: 'user-1',
      name: 'Ada Lovelace',
      plan: 'free',
      seen_at: '2024-03-01T10:00:00.000Z'
    })
  })

  it('takes no default at all when useDefaults is false', () => {
    expect(resolvePayload(identify, identifyEvent(), mapping({ email: () => 'only@example.com' }, false), ctx)).toEqual({ email: 'only@example.com' })
    expect(resolvePayload(identify, identifyEvent(), mapping({}, false), ctx)).toEqual({})
  })

  it('leaves out a field whose mapping is absent, even when it has a default', () => {
    const payload = resolvePayload(identify, identifyEvent(), mapping({ name: () => undefined }), ctx)
    expect(Object.keys(payload)).not.toContain('name')
  })

  it('passes the settings and OAuth data to the resolvers', () => {
    const seen: ValueContext[] = []
    resolvePayload(identify, identifyEvent(), mapping({ name: (_e, c) => (seen.push(c), 'x') }), ctx)
    expect(seen).toEqual([ctx])
  })

  it('keeps a field named like an Object.prototype member as an own value', () => {
    const payload = resolvePayload(identify, identifyEvent({ traits: { attributes: { constructor: 'c', __proto__: 'p' } } }), defaultMapping, ctx)
    expect(Object.getPrototypeOf(payload.attributes)).toBe(Object.prototype)
    expect(Object.keys(payload.attributes as object)).toEqual(['constructor'])
  })
})

describe('clean', () => {
  it('drops top-level null and "" of a single event, so an empty required field counts as missing', () => {
    const error = validationError(identifyEvent({ traits: { email: '', name: null } }))
    expect(error.issues).toEqual([
      { field: 'email', label: 'Email address', message: 'is required but missing (absent, null or empty)', location: at('field email:') }
    ])
  })

  it('drops an empty optional field instead of failing it', () => {
    const payload = readyPayload(identifyEvent({ traits: { name: '', plan: null } }))
    expect(payload).not.toHaveProperty('name')
    expect(payload).not.toHaveProperty('plan')
  })

  it('keeps null and "" inside object fields', () => {
    const payload = readyPayload(identifyEvent({ traits: { attributes: { nickname: '', company: null } } }))
    expect(payload.attributes).toEqual({ nickname: '', company: null })
  })

  it('keeps "" in a batch, where it is validated as the value it is', () => {
    const payload = readyPayload(identifyEvent({ traits: { name: '' } }), { mode: 'batch' })
    expect(payload.name).toBe('')
    const error = validationError(identifyEvent({ traits: { email: '' } }), { mode: 'batch' })
    expect(error.issues.map((i) => [i.field, i.message])).toEqual([['email', 'must be a valid email address']])
  })
})

describe('coerce', () => {
  const cases: { field: string; given: unknown; becomes: unknown }[] = [
    { field: 'user_id', given: 12345, becomes: '12345' },
    { field: 'user_id', given: true, becomes: 'true' },
    { field: 'user_id', given: 1.5, becomes: '1.5' },
    { field: 'age', given: '42', becomes: 42 },
    { field: 'age', given: ' 7 ', becomes: 7 },
    { field: 'score', given: '1.5e2', becomes: 150 },
    { field: 'score', given: '-0.25', becomes: -0.25 },
    { field: 'vip', given: 'true', becomes: true },
    { field: 'vip', given: 'false', becomes: false }
  ]
  for (const { field, given, becomes } of cases) {
    it(`turns ${JSON.stringify(given)} in the ${field} field into ${JSON.stringify(becomes)}`, () => {
      const payload = readyPayload(identifyEvent(), { mapping: mapping({ [field]: () => given }) })
      expect(payload[field]).toStrictEqual(becomes)
    })
  }

  const refused: { field: string; given: unknown; message: string }[] = [
    { field: 'age', given: 'forty', message: 'must be an integer' },
    { field: 'age', given: '4.5', message: 'must be an integer' },
    { field: 'score', given: 'Infinity', message: 'must be a number' },
    { field: 'vip', given: 'yes', message: 'must be a boolean' },
    { field: 'vip', given: 1, message: 'must be a boolean' },
    { field: 'name', given: { first: 'Ada' }, message: 'must be a string' },
    { field: 'attributes', given: 'a=1', message: 'must be an object' }
  ]
  for (const { field, given, message } of refused) {
    it(`leaves ${JSON.stringify(given)} in the ${field} field alone, and validation names it`, () => {
      const error = validationError(identifyEvent(), { mapping: mapping({ [field]: () => given }) })
      expect(error.issues.map((i) => [i.field, i.message])).toEqual([[field, message]])
    })
  }

  it('converts nothing inside object and array fields', () => {
    const payload = readyPayload(identifyEvent({ traits: { attributes: { n: '1', b: 'true' } } }))
    expect(payload.attributes).toEqual({ n: '1', b: 'true' })
    const error = validationError(identifyEvent({ traits: { tags: ['vip', 2] } }))
    expect(error.issues).toEqual([{ field: 'tags', label: 'Tags', message: 'must be a string at [1]', location: at('field tags:') }])
  })
})

describe('validate', () => {
  it('names every failing field at once, with its label and its .map location', () => {
    const error = validationError(identifyEvent({ userId: undefined, traits: { email: 'not-an-email', age: 'old', plan: 'gold', name: 'Ada' } }))
    expect(error.code).toBe('PAYLOAD_VALIDATION')
    expect(error.issues).toEqual([
      { field: 'user_id', label: 'User ID', message: 'is required but missing (absent, null or empty)', location: at('field user_id:') },
      { field: 'email', label: 'Email address', message: 'must be a valid email address', location: at('field email:') },
      { field: 'age', label: 'Age', message: 'must be an integer', location: at('field age:') },
      { field: 'plan', label: 'Plan', message: 'must be one of "free", "pro"', location: at('field plan:') }
    ])
    expect(error.message).toBe(
      [
        `${CRM_MAP_PATH}:${lineOf('field user_id:')}:5 field user_id (User ID): is required but missing (absent, null or empty)`,
        `${CRM_MAP_PATH}:${lineOf('field email:')}:5 field email (Email address): must be a valid email address`,
        `${CRM_MAP_PATH}:${lineOf('field age:')}:5 field age (Age): must be an integer`,
        `${CRM_MAP_PATH}:${lineOf('field plan:')}:5 field plan (Plan): must be one of "free", "pro"`
      ].join('\n')
    )
  })

  it('explains a datetime field in its own words', () => {
    const notADate = validationError(identifyEvent({ timestamp: 'last tuesday' }))
    expect(notADate.issues.map((i) => i.message)).toEqual(['must be a date or datetime (ISO-8601, a zone-less time is UTC) or epoch milliseconds'])
    const notAScalar = validationError(identifyEvent({ timestamp: { at: 1 } }))
    expect(notAScalar.issues.map((i) => i.message)).toEqual(['must be a datetime'])
  })

  it('accepts epoch milliseconds and zone-less times in a datetime field', () => {
    expect(readyPayload(identifyEvent({ timestamp: 1709287200000 })).seen_at).toBe(1709287200000)
    expect(readyPayload(identifyEvent({ timestamp: '2024-03-01T10:00:00' })).seen_at).toBe('2024-03-01T10:00:00')
  })

  it('never quotes the value that failed', () => {
    const error = validationError(identifyEvent({ traits: { email: 'private.person@@example.com', plan: 'secret-plan' } }))
    expect(JSON.stringify(error.toJSON())).not.toContain('private.person')
    expect(JSON.stringify(error.toJSON())).not.toContain('secret-plan')
  })
})

describe('rules', () => {
  it('skips with the rule\'s reason and location', () => {
    const outcome = prepare(identifyEvent({ traits: { plan: 'free', vip: false } }))
    expect(outcome).toEqual({ kind: 'skip', reason: 'the contact asked not to be tracked', location: at('skip "the contact', 5) })
  })

  it('does not skip when the rule\'s condition is false', () => {
    expect(prepare(identifyEvent({ traits: { plan: 'free', vip: true } })).kind).toBe('ready')
    expect(prepare(identifyEvent({ traits: { plan: 'free' } })).kind).toBe('ready')
  })

  it('rejects as a validation error on the rule\'s field, at the rule', () => {
    const error = validationError(identifyEvent({ traits: { age: -1 } }))
    expect(error.issues).toEqual([{ field: 'age', label: 'Age', message: 'must not be negative', location: at('reject age') }])
    expect(error.location).toEqual(at('reject age'))
    expect(error.message).toBe(`${CRM_MAP_PATH}:${lineOf('reject age')}:5 field age (Age): must not be negative`)
  })

  it('runs rules on the coerced payload', () => {
    expect(validationError(identifyEvent({ traits: { age: '-1' } })).issues.map((i) => i.message)).toEqual(['must not be negative'])
  })

  it('runs rules only on a valid payload', () => {
    const error = validationError(identifyEvent({ traits: { age: -1, email: 'nope' } }))
    expect(error.issues.map((i) => i.field)).toEqual(['email'])
  })

  it('reads several fields in a rule (track: a user id or an email)', () => {
    const outcome = preparePayload(track, trackEvent({ userId: undefined }), defaultMapping, ctx, 'single', redactor)
    expect(outcome.kind).toBe('invalid')
    if (outcome.kind !== 'invalid') return
    expect(outcome.error.issues).toEqual([
      { field: 'user_id', label: 'User ID', message: 'or an email address is needed to attribute the event', location: at('reject user_id') }
    ])
    const withEmail = preparePayload(track, trackEvent({ userId: undefined, context: { traits: { email: 'a@example.com' } } }), defaultMapping, ctx, 'single', redactor)
    expect(withEmail.kind).toBe('ready')
  })
})
