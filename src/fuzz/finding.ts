/**
 * A finding: an input that broke an oracle, with what is needed to see it again (target, seed,
 * iteration) and the input itself, minimised. Findings are written one JSON file each to the
 * findings directory (gitignored), named by what broke so that the same defect found twice is
 * one file.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** What an oracle says when it does not hold: which property, and how it broke. */
export interface Failure {
  /** A short stable name: `check-throws`, `fmt-idempotent`, `secret-leak`, `path-segments`. */
  oracle: string
  message: string
}

export interface Finding extends Failure {
  target: string
  seed: string
  iteration: number
  /** The input as the target serialises it (a `.map` text, a JSON case), minimised when it could be. */
  input: string
  /** The input before minimising, when minimising shrank it. */
  originalLength?: number
}

/** The first line of a message, with numbers and quoted text taken out: what "the same defect" means. */
export function findingKey(finding: Pick<Finding, 'target' | 'oracle' | 'message'>): string {
  const first = finding.message.split('\n')[0] ?? ''
  const shape = first.replace(/"(?:[^"\\]|\\.)*"/g, '"…"').replace(/\d+/g, 'N')
  return createHash('sha256').update(`${finding.target}\0${finding.oracle}\0${shape}`).digest('hex').slice(0, 12)
}

/** Writes `<dir>/<target>-<oracle>-<key>.json` (and the `.map` itself for map findings); returns the JSON file's path. */
export function writeFinding(directory: string, finding: Finding): string {
  mkdirSync(directory, { recursive: true })
  const base = `${finding.target}-${finding.oracle}-${findingKey(finding)}`
  const path = join(directory, `${base}.json`)
  writeFileSync(path, `${JSON.stringify(finding, null, 2)}\n`)
  if (finding.target === 'map') writeFileSync(join(directory, `${base}.map`), finding.input)
  return path
}
