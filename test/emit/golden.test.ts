/**
 * Golden files: the complete output of `mapc build` for test/emit/fixtures/tiny.map, byte for
 * byte, under test/emit/golden/tiny/ (each file with a `.golden` suffix, so neither tsc nor
 * vitest mistakes the expected TypeScript for project sources).
 *
 * When a change to the generator is intended, rewrite the expected files with
 *
 *     UPDATE_GOLDEN=1 npx vitest run test/emit/golden.test.ts
 *
 * and review the diff of test/emit/golden/ like any other code change.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { emitDestination, type EmittedFile } from '../../src/compiler/emit/mapc/build.js'
import { lineDiff } from './support/line-diff.js'
import { compileProjectFile, TEST_VERSION } from '../support/build-destination.js'
import { TINY_FIXTURE } from './support/map-files.js'

const GOLDEN_DIR = 'test/emit/golden/tiny'
const SUFFIX = '.golden'
const updating = process.env.UPDATE_GOLDEN === '1'

function goldenFiles(directory: string): string[] {
  if (!existsSync(directory)) return []
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(SUFFIX))
    .map((entry) => relative(GOLDEN_DIR, join(entry.parentPath, entry.name)).slice(0, -SUFFIX.length))
    .sort()
}

function rewriteGolden(files: readonly EmittedFile[]): void {
  rmSync(GOLDEN_DIR, { recursive: true, force: true })
  for (const file of files) {
    const path = join(GOLDEN_DIR, file.path + SUFFIX)
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, file.content)
  }
}

describe(`golden output of ${TINY_FIXTURE}`, async () => {
  const { ir } = compileProjectFile(TINY_FIXTURE)
  const files = await emitDestination(ir, { version: TEST_VERSION })
  if (updating) rewriteGolden(files)

  it('emits exactly the files of the golden directory', () => {
    expect(files.map((f) => f.path).sort()).toEqual(goldenFiles(GOLDEN_DIR))
  })

  it.each(files.map((f) => [f.path, f] as const))('%s matches its golden file byte for byte', (path, file) => {
    const goldenPath = join(GOLDEN_DIR, path + SUFFIX)
    expect(existsSync(goldenPath), `${goldenPath} is missing; run with UPDATE_GOLDEN=1 to create it`).toBe(true)
    const expected = readFileSync(goldenPath, 'utf8')
    if (expected !== file.content) {
      expect.fail(`${path} differs from ${goldenPath} (run with UPDATE_GOLDEN=1 if the change is intended):\n${lineDiff(expected, file.content)}`)
    }
  })
})
