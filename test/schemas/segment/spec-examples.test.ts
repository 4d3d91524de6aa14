/**
 * Hand-picked events, valid and invalid, checked against the Spec schemas. Each invalid event
 * lists the exact errors it must get, so a schema that rejects it for the wrong reason fails.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { isEventType, type EventType } from '../../../src/schemas/segment/index.js'
import { describeErrors, documentValidators } from './segment-ajv.js'

interface ValidExample {
  description: string
  event: { type: EventType }
}

interface InvalidExample {
  description: string
  schema: EventType
  event: unknown
  errors: string[]
}

function fixture<T>(name: string): T[] {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8')) as T[]
}

const validators = documentValidators()

describe('valid events', () => {
  const examples = fixture<ValidExample>('valid-events.json')

  it('cover every call type', () => {
    expect(new Set(examples.map(({ event }) => event.type))).toEqual(
      new Set(['identify', 'track', 'group', 'page', 'screen', 'alias'])
    )
  })

  it.each(examples.map((example) => [example.description, example] as const))('%s', (_, { event }) => {
    expect(isEventType(event.type)).toBe(true)
    const validate = validators[event.type]
    validate(event)
    expect(describeErrors(validate.errors)).toEqual([])
  })
})

describe('invalid events', () => {
  const examples = fixture<InvalidExample>('invalid-events.json')

  it.each(examples.map((example) => [`${example.schema}: ${example.description}`, example] as const))(
    '%s',
    (_, example) => {
      const validate = validators[example.schema]
      expect(validate(example.event)).toBe(false)
      expect(describeErrors(validate.errors)).toEqual(example.errors)
    }
  )
})
