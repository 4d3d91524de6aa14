/**
 * The recorded conformance cases (test/conformance/cases/<destination>/*.json), read and checked
 * as `mapc replay` reads them, in path order. Every suite that replays them (mapc's compiled and
 * interpreted targets, the Segment target) starts from this one list.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { readCase, type ConformanceCase } from '../../src/conformance/case.js'

export const CASES_ROOT = 'test/conformance/cases'

export function loadConformanceCases(root: string = CASES_ROOT): ConformanceCase[] {
  return readdirSync(root)
    .flatMap((dir) => readdirSync(join(root, dir)).map((f) => join(root, dir, f)))
    .sort()
    .map((file) => {
      const { case: c, problems } = readCase(JSON.parse(readFileSync(file, 'utf8')), file)
      if (!c) throw new Error(problems.join('\n'))
      return c
    })
}
