/**
 * The generated TypeScript of the real destinations and of the golden fixture compiles under
 * `tsc --noEmit --strict` (and the project's stricter flags), against the runtime's source.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { writeDestination } from '../../src/compiler/emit/mapc/write-output.js'
import { typecheckDirectories } from './support/typecheck.js'
import { compileProjectFile, outputRoot, removeBuilds, TEST_VERSION } from '../support/build-destination.js'
import { ALL_MAP_FILES } from './support/map-files.js'

const SUITE = 'typecheck'
let diagnostics: Map<string, string[]>
const directories = new Map<string, string>()

beforeAll(async () => {
  const builds = []
  for (const [i, file] of ALL_MAP_FILES.entries()) {
    const { directory, files } = await writeDestination(compileProjectFile(file).ir, join(outputRoot(SUITE), String(i)), TEST_VERSION)
    directories.set(file, directory)
    builds.push({ directory, files: files.map((f) => f.path) })
  }
  diagnostics = typecheckDirectories(builds)
})

afterAll(() => removeBuilds(SUITE))

describe('generated TypeScript under tsc --strict', () => {
  it.each(ALL_MAP_FILES)('%s has no type errors', (file) => {
    const messages = diagnostics.get(directories.get(file) as string)
    expect(messages, `${file}:\n${(messages ?? []).join('\n')}`).toEqual([])
  })
})
