import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { allEventTypes, possibleEventTypes, typeLiterals } from '../../src/compiler/check/trigger-types.js'
import type { EventType } from '../../src/compiler/ir.js'
import type { Trigger } from '../../src/compiler/syntax/ast.js'
import { parseTrigger } from '../../src/compiler/syntax/parse.js'
import { compileTrigger, triggerProblems } from '../../src/compiler/triggers/index.js'

function trigger(text: string): Trigger {
  const { trigger: parsed, diagnostics } = parseTrigger(text)
  if (!parsed || diagnostics.length > 0) throw new Error(`${text}: ${diagnostics.map((d) => d.message).join('; ')}`)
  return parsed
}

const possible = (text: string, among?: readonly EventType[]): EventType[] => possibleEventTypes(trigger(text), among)

describe('possibleEventTypes', () => {
  it('narrows to the type a trigger compares with', () => {
    expect(possible('type = "identify"')).toEqual(['identify'])
    expect(possible('type = "track" or type = "page"')).toEqual(['track', 'page'])
    expect(possible('type != "identify"')).toEqual(['track', 'group', 'page', 'screen', 'alias'])
  })

  it('keeps every type when the trigger does not mention type', () => {
    expect(possible('event = "Order Completed"')).toEqual([...allEventTypes])
    expect(possible('properties.total > 10 and userId != null')).toEqual([...allEventTypes])
  })

  it('negates with not and !', () => {
    expect(possible('not type = "identify"')).toEqual(['track', 'group', 'page', 'screen', 'alias'])
    expect(possible('!(type = "track" or type = "page")')).toEqual(['identify', 'group', 'screen', 'alias'])
  })

  it('treats other conditions as unknown: and narrows, or widens, not keeps unknown', () => {
    expect(possible('type = "track" and event = "Order"')).toEqual(['track'])
    expect(possible('type = "track" or event = "Order"')).toEqual([...allEventTypes])
    // Unknown for a track event stays unknown when negated: the trigger may still match it.
    expect(possible('not (type = "track" and event = "Order")')).toEqual([...allEventTypes])
    expect(possible('not (type = "track" or event = "Order")')).toEqual(['identify', 'group', 'page', 'screen', 'alias'])
  })

  it('is empty when no single type satisfies the trigger', () => {
    expect(possible('type = "identify" and type = "track"')).toEqual([])
    expect(possible('type = "identfy"')).toEqual([])
  })

  it('compares type as text whatever the literal, as Segment does', () => {
    expect(possible('type = null')).toEqual([])
    expect(possible('type = 3')).toEqual([])
    expect(possible('type != null')).toEqual([...allEventTypes])
    expect(possible('type < 3')).toEqual([])
  })

  it('evaluates contains(type, …) and negated contains', () => {
    expect(possible('contains(type, "i")')).toEqual(['identify', 'alias'])
    expect(possible('!contains(type, "i")')).toEqual(['track', 'group', 'page', 'screen'])
  })

  it('leaves match(type, …) and deeper type paths unknown', () => {
    expect(possible('match(type, "tr*")')).toEqual([...allEventTypes])
    expect(possible('type.name = "x"')).toEqual([...allEventTypes])
  })

  it('only answers among the types it is given', () => {
    expect(possible('type != "identify"', ['identify', 'track'])).toEqual(['track'])
    expect(possible('event = "x"', ['group'])).toEqual(['group'])
  })
})

describe('typeLiterals', () => {
  it('collects the strings compared with type, wherever they sit', () => {
    const literals = typeLiterals(trigger('type = "track" or (event = "x" and not type != "pgae")'))
    expect(literals.map((l) => l.value)).toEqual(['track', 'pgae'])
    expect(literals.map((l) => l.span.start.column)).toEqual([8, 48])
  })

  it('ignores other paths, non-string literals and calls', () => {
    expect(typeLiterals(trigger('event = "identify" and type = null and contains(type, "x") and traits.type = "y"'))).toEqual([])
  })
})

// -- property: the narrowing never rules out a type the trigger can actually match ------------

const typeValues = ['identify', 'track', 'group', 'page', 'screen', 'alias', 'Track', 'ident', '']
const fragments = ['i', 'tr', 'ack', 'a', 'x', 'en', 'y']

const typeAtom = fc.oneof(
  fc.tuple(fc.constantFrom('=', '!='), fc.constantFrom(...typeValues)).map(([op, v]) => `type ${op} ${JSON.stringify(v)}`),
  fc.tuple(fc.constantFrom('=', '!=', '<', '>='), fc.constantFrom('null', '3', 'true')).map(([op, v]) => `type ${op} ${v}`),
  fc.constantFrom(...fragments).map((f) => `contains(type, ${JSON.stringify(f)})`),
  fc.constantFrom('tr*', '*ify', 'gr*', '*e').map((p) => `match(type, ${JSON.stringify(p)})`)
)
const otherAtom = fc.constantFrom(
  'event = "Order Completed"',
  'event != "Signed Up"',
  'contains(event, "Order")',
  'properties.total > 10',
  'properties.total = 3',
  'userId != null',
  'traits.email = null',
  'name = "Home"'
)
const triggerText: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    typeAtom,
    otherAtom,
    fc.tuple(tie('node'), fc.constantFrom('and', 'or'), tie('node')).map(([l, op, r]) => `(${l}) ${op} (${r})`),
    tie('node').map((t) => `not (${t})`),
    tie('node').map((t) => `!(${t})`)
  )
})).node

const event = fc.record(
  {
    type: fc.constantFrom(...allEventTypes),
    event: fc.constantFrom('Order Completed', 'Signed Up', 'Order Refunded'),
    name: fc.constantFrom('Home', 'Pricing'),
    userId: fc.constantFrom('u1', null),
    properties: fc.record({ total: fc.constantFrom(3, 10, 25) }, { requiredKeys: [] }),
    traits: fc.record({ email: fc.constantFrom('a@b.co', null) }, { requiredKeys: [] })
  },
  { requiredKeys: ['type'] }
)

describe('possibleEventTypes (property)', () => {
  it('includes the type of every event the compiled trigger matches', () => {
    fc.assert(
      fc.property(triggerText, event, (text, e) => {
        const t = trigger(text)
        fc.pre(triggerProblems(t).every((p) => p.kind !== 'unsupported'))
        if (compileTrigger(t)(e)) expect(possibleEventTypes(t)).toContain(e.type)
      }),
      { numRuns: 1000, seed: 20240611 }
    )
  })

  it('rules a type out only when no event of that type can match', () => {
    // The converse, for triggers on `type` alone: there the narrowing must be exact.
    const typeOnly: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        typeAtom.filter((a) => !a.startsWith('match')),
        fc.tuple(tie('node'), fc.constantFrom('and', 'or'), tie('node')).map(([l, op, r]) => `(${l}) ${op} (${r})`),
        tie('node').map((t) => `not (${t})`)
      )
    })).node
    fc.assert(
      fc.property(typeOnly, (text) => {
        const t = trigger(text)
        const matches = compileTrigger(t)
        expect(possibleEventTypes(t)).toEqual(allEventTypes.filter((type) => matches({ type })))
      }),
      { numRuns: 1000, seed: 20240611 }
    )
  })
})
