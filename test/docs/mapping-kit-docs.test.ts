/**
 * docs/mapping-kit.md shows the deviations from actions-core 3.170.0 that the differential test
 * knows (src/configuration/mapping-kit/deviations.ts): the same rows, in the same order, and a
 * row for every directive mapc compiles.
 */
import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { MAPPING_KIT_DEVIATIONS } from '../../src/configuration/mapping-kit/deviations.js'
import { directives } from '../../src/configuration/mapping-kit/directives/index.js'
import { tableAfter } from '../support/markdown-tables.js'

const markdown = readFileSync(new URL('../../docs/mapping-kit.md', import.meta.url), 'utf8')
const plain = (text: string): string => text.replace(/`/g, '').replace(/\s+/g, ' ').trim()

it('lists every deviation the differential test knows, as deviations.ts words it', () => {
  const rows = tableAfter(markdown, '## Deviations from actions-core 3.170.0') ?? []
  expect(rows.map((row) => plain(row.Id ?? ''))).toEqual(MAPPING_KIT_DEVIATIONS.map((d) => d.id))
  rows.forEach((row, index) => {
    const deviation = MAPPING_KIT_DEVIATIONS[index]!
    expect([plain(row.Segment ?? ''), plain(row.mapc ?? ''), plain(row.Why ?? '')]).toEqual([plain(deviation.segment), plain(deviation.mapc), plain(deviation.why)])
  })
})

it('has a row for every directive, and the root directive', () => {
  const rows = tableAfter(markdown, '## Directives') ?? []
  const named = rows.map((row) => plain(row.Directive ?? ''))
  expect(named).toHaveLength(directives.size + 1)
  expect(new Set(named)).toEqual(new Set([...directives.keys(), 'root (__segment_internal_directive)']))
})
