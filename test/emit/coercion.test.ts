/**
 * Payload step 3 (docs/language.md): before validation each scalar field's value is converted to
 * the field's declared type; the items of a `multiple` field and the values inside an object
 * field are not. Compiled and interpreted destinations take the conversions from one definition,
 * so comparing them cannot catch a wrong one: this pins what each type gets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { interpretDestination } from '../../src/compiler/interpret/interpret.js'
import type { CompiledDestination } from '../../src/runtime/contract.js'
import { buildAndLoad, compileOrThrow, removeBuilds, withInlineApi } from '../support/build-destination.js'

const SUITE = 'coercion'

const source = `destination kinds {
  title "Kinds"
  accepts track
  action track {
    title "Track"
    trigger type = "track"
    field s: string { label "S" }
    field n: number { label "N" }
    field i: integer { label "I" }
    field b: boolean { label "B" }
    field d: datetime { label "D" }
    field o: object { label "O" }
    field m: string multiple { label "M" }
    perform { send POST "https://api.kinds.test/v1/e" { json { s: s, n: n, i: i, b: b, d: d, o: o, m: m } } }
  }
}
`

const api = { oneOf: [{ 'x-mapc-endpoint': 'POST https://api.kinds.test/v1/e', type: 'object' }] }

let destinations: [string, CompiledDestination][]

beforeAll(async () => {
  const ir = compileOrThrow(source, 'kinds.map', withInlineApi('kinds.map', api))
  destinations = [
    ['compiled', (await buildAndLoad(ir, SUITE)).destination],
    ['interpreted', interpretDestination(ir)]
  ]
})

afterAll(() => removeBuilds(SUITE))

describe('coerce', () => {
  it.each([
    ['scalars to the declared types', { s: 12, n: '3.5', i: ' 7 ', b: 'true', d: '2024-05-01' }, { s: '12', n: 3.5, i: 7, b: true, d: '2024-05-01' }],
    ['booleans and false to text, "false" to false', { s: false, b: 'false' }, { s: 'false', b: false }],
    ['nothing that is not a clean conversion', { n: 'three', i: '', b: 'yes', s: null }, { n: 'three', i: '', b: 'yes', s: null }],
    ['nothing inside objects or multiple fields', { o: { x: 1, y: 'true' }, m: [1, true] }, { o: { x: 1, y: 'true' }, m: [1, true] }]
  ])('converts %s', (_, payload, expected) => {
    for (const [kind, destination] of destinations) {
      const copy = structuredClone(payload) as Record<string, unknown>
      destination.actions.track?.coerce(copy)
      expect(copy, kind).toEqual(expected)
    }
  })
})
