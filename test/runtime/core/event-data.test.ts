import { describe, expect, it } from 'vitest'
import { EVENT_LIMITS, eventDataProblem } from '../../../src/runtime/delivery/event-data.js'

describe('eventDataProblem: the quick walk and the careful one agree at the limits', () => {
  it('counts every value, the event itself included, up to exactly the limit', () => {
    // The event, `type`, the array: three values besides the items.
    const room = EVENT_LIMITS.values - 3
    expect(eventDataProblem({ type: 'track', many: new Array(room).fill(0) })).toBeUndefined()
    expect(eventDataProblem({ type: 'track', many: new Array(room + 1).fill(0) })).toBe(`it holds more than ${EVENT_LIMITS.values} values`)
    const wide = Object.fromEntries(Array.from({ length: room }, (_, i) => [`k${i}`, i]))
    expect(eventDataProblem({ type: 'track', wide })).toBeUndefined()
    expect(eventDataProblem({ type: 'track', wide: { ...wide, one: 'more' } })).toBe(`it holds more than ${EVENT_LIMITS.values} values`)
  })

  it('allows objects exactly at the depth limit, not one level more', () => {
    const nested = (levels: number, innermost: Record<string, unknown> = {}): Record<string, unknown> => {
      let inner = innermost
      for (let i = 1; i < levels; i++) inner = { a: inner }
      return inner
    }
    // `a` of the event is at depth 1: an object chain of 128 reaches depth 128.
    expect(eventDataProblem({ type: 'track', a: nested(EVENT_LIMITS.depth) })).toBeUndefined()
    expect(eventDataProblem({ type: 'track', a: nested(EVENT_LIMITS.depth + 1) })).toMatch(/is nested deeper than 128 levels$/)
    // A scalar below the deepest object is fine: only objects and arrays are levels.
    expect(eventDataProblem({ type: 'track', a: nested(EVENT_LIMITS.depth, { s: 'text', n: 1 }) })).toBeUndefined()
    expect(eventDataProblem({ type: 'track', a: nested(EVENT_LIMITS.depth, { s: [] }) })).toMatch(/is nested deeper than 128 levels$/)
  })

  it('names a cycle through an array, a symbol, and what is not own data', () => {
    const list: unknown[] = [1]
    list.push({ back: list })
    expect(eventDataProblem({ type: 'track', list })).toBe('`list[1].back` refers back to an object that contains it (a cycle)')
    expect(eventDataProblem({ type: 'track', s: Symbol('x') })).toBe('`s` is a symbol, not JSON data')
    // Inherited enumerable keys are not the event's data, on either walk.
    const inherited = Object.create({ f: () => 1 }) as Record<string, unknown>
    inherited.type = 'track'
    expect(eventDataProblem(inherited)).toBeUndefined()
    // Holes in an array read as undefined, which is no problem.
    expect(eventDataProblem({ type: 'track', holes: new Array(5) })).toBeUndefined()
  })
})
