/**
 * The docs `mapc docs` writes must say what Segment's docs for the seed destinations say: wherever
 * a seed has a table (Schematic's settings, presets and the fields of both actions; Matilda's
 * settings), every row — name, description, required, type — must match. An intended difference
 * must be listed below with its reason, or the test fails.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { apiSchemaOf } from '../../src/compiler/compile.js'
import { destinationDocs } from '../../src/compiler/emit/docs.js'
import { compileMap } from '../support/build-destination.js'
import { tableAfter, type Table } from '../support/markdown-tables.js'

/** Differences between the seeds' tables and mapc's docs that are intended, with why. */
const intendedDifferences: { destination: string; table: string; row: string; column: string; seed: string; mapc: string; why: string }[] = []

function docsOf(name: string): string {
  const file = `mappings/${name}.map`
  return destinationDocs(compileMap(file), apiSchemaOf(file, name))
}

function seed(name: string): string {
  return readFileSync(`test/fixtures/seeds/${name}-actions-destination.md`, 'utf8')
}

function compare(destination: string, table: string, seedTable: Table | undefined, ours: Table | undefined, key: string): string[] {
  expect(seedTable, `the seed has a ${table} table`).toBeDefined()
  expect(ours, `mapc's docs have a ${table} table`).toBeDefined()
  const problems: string[] = []
  const theirs = seedTable as Table
  const mine = ours as Table
  const names = (t: Table): string[] => t.map((r) => r[key] ?? '')
  if (JSON.stringify(names(theirs)) !== JSON.stringify(names(mine))) {
    problems.push(`${table}: rows ${JSON.stringify(names(theirs))} in the seed, ${JSON.stringify(names(mine))} in mapc`)
  }
  for (const row of theirs) {
    const other = mine.find((r) => r[key] === row[key])
    if (!other) continue
    for (const [column, value] of Object.entries(row)) {
      if (other[column] === value) continue
      const intended = intendedDifferences.some(
        (d) => d.destination === destination && d.table === table && d.row === row[key] && d.column === column && d.seed === value && d.mapc === other[column]
      )
      if (!intended) problems.push(`${table} / ${row[key]} / ${column}: seed ${JSON.stringify(value)}, mapc ${JSON.stringify(other[column])}`)
    }
  }
  return problems
}

describe('Schematic docs match the seed', () => {
  const docs = docsOf('schematic')
  const theirs = seed('schematic')

  it('has the settings table of "Destination Settings"', () => {
    expect(compare('schematic', 'settings', tableAfter(theirs, '## Destination Settings'), tableAfter(docs, '## Destination Settings'), 'Field')).toEqual([])
  })

  it('has the presets table of "Available Presets"', () => {
    expect(compare('schematic', 'presets', tableAfter(theirs, '## Available Presets'), tableAfter(docs, '## Available Presets'), 'Preset Name')).toEqual([])
  })

  it.each(['Track Event', 'Identify User'])('has the fields table of %s', (action) => {
    expect(compare('schematic', action, tableAfter(theirs, `### ${action}`), tableAfter(docs, `### ${action}`), 'Field')).toEqual([])
  })

  it('states each default trigger as the seed does', () => {
    expect(docs).toContain('Track Event is a **Cloud** action. The default Trigger is `type = "track"`')
    expect(docs).toContain('Identify User is a **Cloud** action. The default Trigger is `type = "identify"`')
  })
})

describe('Matilda docs match the seed', () => {
  it('has the settings table of "Destination Settings"', () => {
    expect(
      compare('matilda', 'settings', tableAfter(seed('matilda'), '## Destination Settings'), tableAfter(docsOf('matilda'), '## Destination Settings'), 'Field')
    ).toEqual([])
  })
})

describe("the seeds' prose is reflected", () => {
  it('Attio: key matching, defaults, batching caveats and attribute formats', () => {
    const docs = docsOf('attio')
    expect(docs).toContain('Creates or updates a `"people"` record matched on `"email_addresses"`')
    expect(docs).toContain('Creates or updates a `"users"` record matched on `"user_id"`')
    expect(docs).toMatch(/\| `email_address` +\| `\$\.traits\.email \?\? \$\.email` +\|/)
    expect(docs).toMatch(/#### Batching[\s\S]*switched on by `enable_batching`[\s\S]*up to `batch_size` \(default 1000\)/)
    expect(docs).toContain('asynchronously')
    for (const format of ['personal-name: "Last name(s), First name(s)"', 'phone-number: E.164', 'rating: an integer from 0 to 5', 'null unsets an attribute']) {
      expect(docs).toContain(format)
    }
  })

  it("Matilda: matching keys, the secondary key, the skip without a domain, and the API it assumes", () => {
    const docs = docsOf('matilda')
    expect(docs).toContain('Creates or updates a `"people"` record matched on `"email"`')
    expect(docs).toContain('matched on `"domain"`, then `"external_id"`')
    expect(docs).toContain('**Skipped** when `not exists(domain)`: no domain: Matilda ignores workspace and company updates for Group calls without a domain.')
    expect(docs).toContain('`PUT https://api.matilda.io/v1/objects/{object}/records`')
    expect(docs).toContain("Matilda's HTTP API is not public.")
  })
})
