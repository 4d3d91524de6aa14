/**
 * The events recorded from Segment's reference implementation, checked against the Spec schemas.
 * Every rejection is listed, with the reason, in fixtures/conformance-rejections.json: a new
 * rejection, or one that disappears, fails here and has to be looked at.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { isEventType } from '../../../src/schemas/segment/index.js'
import { describeErrors, documentValidators } from './segment-ajv.js'

const casesDirectory = fileURLToPath(new URL('../../conformance/cases/', import.meta.url))
const rejectionsFile = fileURLToPath(new URL('./fixtures/conformance-rejections.json', import.meta.url))

interface Rejection {
  why: string
  errors: string[]
  events: string[]
}

interface RecordedEvent {
  /** `<case id>#<index in events>` */
  id: string
  event: { type?: unknown }
}

function recordedEvents(): RecordedEvent[] {
  return readdirSync(casesDirectory)
    .sort()
    .flatMap((destination) =>
      readdirSync(join(casesDirectory, destination))
        .filter((file) => file.endsWith('.json'))
        .sort()
        .flatMap((file) => {
          const testCase = JSON.parse(readFileSync(join(casesDirectory, destination, file), 'utf8')) as {
            id: string
            events: unknown[]
          }
          return testCase.events.map((event, index) => ({
            id: `${testCase.id}#${index}`,
            event: event as { type?: unknown }
          }))
        })
    )
}

function expectedErrors(rejections: readonly Rejection[]): Map<string, string[]> {
  const expected = new Map<string, Set<string>>()
  for (const rejection of rejections) {
    for (const id of rejection.events) {
      const errors = expected.get(id) ?? new Set<string>()
      rejection.errors.forEach((error) => errors.add(error))
      expected.set(id, errors)
    }
  }
  return new Map([...expected].map(([id, errors]) => [id, [...errors].sort()]))
}

describe('conformance events against the Spec schemas', () => {
  const events = recordedEvents()
  const { rejections } = JSON.parse(readFileSync(rejectionsFile, 'utf8')) as { rejections: Rejection[] }
  const validators = documentValidators()

  it('are all of a known call type', () => {
    expect(events.length).toBeGreaterThan(100)
    expect(events.filter(({ event }) => !isEventType(event.type)).map(({ id }) => id)).toEqual([])
  })

  it('are rejected exactly where, and for exactly the errors, the rejection list says', () => {
    const actual = new Map<string, string[]>()
    for (const { id, event } of events) {
      if (!isEventType(event.type)) continue
      const validate = validators[event.type]
      if (validate(event) !== true) actual.set(id, describeErrors(validate.errors))
    }
    expect(Object.fromEntries([...actual].sort())).toEqual(Object.fromEntries([...expectedErrors(rejections)].sort()))
  })

  it('list only events that exist, each reason with its why', () => {
    const ids = new Set(events.map(({ id }) => id))
    for (const rejection of rejections) {
      expect(rejection.why.length, JSON.stringify(rejection.errors)).toBeGreaterThan(20)
      expect(rejection.events.filter((id) => !ids.has(id))).toEqual([])
    }
  })
})
