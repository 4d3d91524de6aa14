/**
 * Runs every fixture in fixtures/*.json. A fixture file holds cases of one kind:
 *
 *   { "name": "…", "mapping": <mapping-kit JSON>, "event": {…}, "expected": <value> }
 *   { "name": "…", "mapping": …, "event": {…}, "absent": true }
 *   { "name": "…", "mapping": …, "error": { "at": "mapping.field[\"@if\"].then", "reason": "…" } }
 *   { "name": "…", "mapping": …, "event": {…}, "eventError": { "at": …, "reason": … } }
 *
 * Each mapping is compiled for the field `mapping.field`. `error` is a compile-time MappingError,
 * `eventError` one raised while resolving that event; `at` is the error's path and `reason` the
 * exact text after it. Files are parsed with JSON.parse, so `__proto__` keys are plain keys.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { formatValuePath, MappingError } from '../../../src/runtime/errors/index.js'
import { compileMapping } from '../../../src/configuration/mapping-kit/index.js'

interface ExpectedError {
  at: string
  reason: string
}

interface Fixture {
  name: string
  mapping: unknown
  event?: Record<string, unknown>
  expected?: unknown
  absent?: true
  error?: ExpectedError
  eventError?: ExpectedError
}

const directory = new URL('./fixtures/', import.meta.url)
const files = readdirSync(directory).filter((file) => file.endsWith('.json')).sort()

function expectMappingError(attempt: () => unknown, expected: ExpectedError): void {
  let thrown: unknown
  try {
    attempt()
  } catch (error) {
    thrown = error
  }
  expect(thrown).toBeInstanceOf(MappingError)
  const error = thrown as MappingError
  expect(formatValuePath(error.path)).toBe(expected.at)
  expect(error.message).toBe(`mapping ${expected.at}: ${expected.reason}`)
}

function checkFixture(fixture: Fixture): void {
  const kinds = ['expected' in fixture, fixture.absent === true, fixture.error !== undefined, fixture.eventError !== undefined]
  expect(kinds.filter(Boolean), `${fixture.name}: exactly one of expected, absent, error, eventError`).toHaveLength(1)
  if (fixture.error !== undefined) {
    expectMappingError(() => compileMapping(fixture.mapping, 'mapping.field'), fixture.error)
    return
  }
  const resolve = compileMapping(fixture.mapping, 'mapping.field')
  const event = fixture.event ?? {}
  if (fixture.eventError !== undefined) {
    expectMappingError(() => resolve(event), fixture.eventError)
    return
  }
  const value = resolve(event)
  if (fixture.absent) expect(value).toBeUndefined()
  else expectJson(value, fixture.expected)
  // Resolving gives the same answer twice.
  expect(JSON.stringify(resolve(event))).toBe(JSON.stringify(value))
}

/**
 * The same JSON text, key order included, from plain data: no `undefined` anywhere (JSON would
 * hide it as null or drop it) and no object with an unusual prototype. (Vitest's toStrictEqual
 * cannot be used: it reads an own `constructor` key as the object's class.)
 */
function expectJson(value: unknown, expected: unknown): void {
  expect(JSON.stringify(value)).toBe(JSON.stringify(expected))
  const visit = (node: unknown, at: string): void => {
    expect(node, `${at} is undefined`).not.toBeUndefined()
    if (Array.isArray(node)) node.forEach((item, index) => visit(item, `${at}[${index}]`))
    else if (typeof node === 'object' && node !== null) {
      expect(Object.getPrototypeOf(node), `${at} has an unusual prototype`).toBe(Object.prototype)
      for (const key of Object.keys(node)) visit((node as Record<string, unknown>)[key], `${at}.${key}`)
    }
  }
  visit(value, '(value)')
}

it('there are fixture files', () => {
  expect(files.length).toBeGreaterThanOrEqual(12)
})

for (const file of files) {
  const fixtures = JSON.parse(readFileSync(new URL(file, directory), 'utf8')) as Fixture[]
  describe(file, () => {
    it.each(fixtures.map((fixture) => [fixture.name, fixture] as const))('%s', (_name, fixture) => {
      const before = JSON.stringify(fixture.event)
      checkFixture(fixture)
      expect(JSON.stringify(fixture.event)).toBe(before)
    })
  })
}
