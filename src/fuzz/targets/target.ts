/**
 * What the fuzz loop drives: a target generates a case from a seeded generator, runs it through
 * the real code under test, and says which oracles failed. It also shrinks a failing case and
 * writes it as text for the findings file.
 */
import type { Failure } from '../finding.js'
import type { Random } from '../random.js'

export const TARGET_NAMES = ['map', 'runtime', 'url'] as const
export type TargetName = (typeof TARGET_NAMES)[number]

export interface FuzzTarget<Case = unknown> {
  readonly name: TargetName
  /** Builds what every case shares (compiled destinations, a loopback server); once per run. */
  setup(): Promise<void>
  generate(random: Random): Case
  /** The oracles that failed for this case; [] when all held. Never rejects for a failing oracle. */
  run(input: Case): Promise<Failure[]>
  /** A smaller case for which `stillFails` holds (delta debugging over the case's parts); `oracle` is the one that failed. */
  minimise(input: Case, stillFails: (candidate: Case) => Promise<boolean>, oracle: string): Promise<Case>
  serialise(input: Case): string
  /** The case back from `serialise`'s text: what `--replay` runs. */
  deserialise(text: string): Case
  /** Counters for the run's summary: how many cases reached each stage (a fuzzer that never gets past the parser proves little). */
  readonly stats: Readonly<Record<string, number>>
  /** Stops servers and removes builds. */
  close(): Promise<void>
}
