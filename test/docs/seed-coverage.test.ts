/**
 * docs/seed-coverage.md maps seed sentences to tests: every row must name a test that exists, as
 * an `it` or `describe` title, in the file it names (the suite then shows that it passes).
 */
import { existsSync, readFileSync } from 'node:fs'
import { expect, it } from 'vitest'

const markdown = readFileSync(new URL('../../docs/seed-coverage.md', import.meta.url), 'utf8')
const ROW = /^\| (.+?) \| `([^`]+)` › (.+) \|$/

const rows = markdown.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Seed sentence') && !line.startsWith('|---'))

it('has a row for each seed, every one naming a file and a test', () => {
  expect(rows.length).toBeGreaterThanOrEqual(45)
  for (const heading of ['## Schematic', '## Matilda', '## Attio']) expect(markdown).toContain(heading)
  for (const row of rows) expect(row, row).toMatch(ROW)
})

it.each(rows.map((row) => [row.match(ROW)?.[3] ?? row, row] as const))('names a test that exists: %s', (_name, row) => {
  const [, , file, name] = row.match(ROW) ?? []
  expect(file !== undefined && existsSync(file), `${file} exists`).toBe(true)
  // Titles are written in quotes in the test files; an escaped quote reads as the quote itself.
  const source = readFileSync(file as string, 'utf8').replace(/\\'/g, "'")
  expect(source, `${file} has a test named ${name}`).toContain(name as string)
})
