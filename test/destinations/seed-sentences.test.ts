/**
 * Seed sentences (test/fixtures/seeds/*.md) no other test proved; docs/seed-coverage.md maps
 * every behavioural sentence of the three seeds to its test.
 */
import { describe, expect, it } from 'vitest'
import { interpretDestination } from '../../src/compiler/interpret/interpret.js'
import { compileMap } from '../support/build-destination.js'

const attio = interpretDestination(compileMap('mappings/attio.map'))
const matilda = interpretDestination(compileMap('mappings/matilda.map'))

describe('Attio "Destination Info"', () => {
  it('"Accepts Page, Alias, Group, Identify, Track calls"', () => {
    expect([...attio.accepts].sort()).toEqual(['alias', 'group', 'identify', 'page', 'track'])
  })
})

describe('Matilda "Identify", "Group" and "Track support"', () => {
  it('accepts the Identify, Group and Track calls its mappings use', () => {
    expect([...matilda.accepts].sort()).toEqual(['group', 'identify', 'track'])
  })
})
