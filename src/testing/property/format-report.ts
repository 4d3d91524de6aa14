/**
 * `mapc test`'s output: one line per property (`ok` with its run count, or the failure with
 * its counter-example and replay command), then a summary line.
 */
import type { PropertyTally } from './properties.js'
import { propertyKey } from './property-id.js'
import type { PropertyResult, PropertyTestReport, SetupFailure } from './run-property-tests.js'

/** `1 run`, `100 runs`: a replayed counter-example runs once. */
function runs(count: number): string {
  return `${count} run${count === 1 ? '' : 's'}`
}

/** The lines of one result, each ending in a newline. */
export function formatPropertyResult(result: PropertyResult): string {
  const key = propertyKey(result.id)
  switch (result.status) {
    case 'passed':
      return `ok     ${key} (${runs(result.runs)}${result.skipped > 0 ? `, ${result.skipped} skipped` : ''}${tallyNote(result.id.property, result.tally)})\n`
    case 'gave-up':
      return `FAIL   ${key}: gave up after ${runs(result.runs)}: ${result.reason}\n`
    case 'failed':
      return [
        `FAIL   ${key} (failed after ${runs(result.runs)}, shrunk ${result.shrinks} time${result.shrinks === 1 ? '' : 's'})`,
        `  why:     ${indentContinuation(result.reason)}`,
        `  events:  ${JSON.stringify(result.counterexample.events)}`,
        ...(Object.keys(result.counterexample.settings).length > 0 ? [`  settings: ${JSON.stringify(result.counterexample.settings)}`] : []),
        ...(Object.keys(result.counterexample.auth).length > 0 ? [`  auth:    ${JSON.stringify(result.counterexample.auth)}`] : []),
        `  replay:  mapc test ${shellWord(result.file)} --seed ${result.seed} --path ${shellWord(result.path)}`,
        ''
      ].join('\n')
  }
}

export function formatSetupFailure(failure: SetupFailure): string {
  return `FAIL   ${failure.destination} (${failure.file}): cannot be tested: ${failure.reason}\n`
}

/** `48 properties: 47 ok, 1 failed (seed 42, 100 runs each, adversarial events)` */
export function formatSummary(report: PropertyTestReport): string {
  const ok = report.results.filter((r) => r.status === 'passed').length
  const failed = report.results.length - ok + report.setupFailures.length
  const events = report.adversarial ? 'adversarial events' : 'valid events only'
  const properties = report.results.length === 1 ? 'property' : 'properties'
  return `${report.results.length} ${properties}: ${ok} ok, ${failed} failed (seed ${report.seed}, ${report.runs} run${report.runs === 1 ? '' : 's'} each, ${events})\n`
}

/** Says when an invariant had nothing to check, so that an `ok` is never mistaken for coverage. */
function tallyNote(property: string, tally: PropertyTally): string {
  if (property === 'invariants') {
    if (tally.snakeCaseNames + tally.upsertKeys === 0) return '; nothing to check: no snake_case name or literal-key upsert was sent'
    return `; ${tally.snakeCaseNames} snake_case names, ${tally.upsertKeys} upsert keys checked`
  }
  if (property === 'fits-api') {
    const { delivered, skipped, failed } = tally.outcomes
    return `; ${tally.requests} requests validated; events ${delivered} delivered, ${skipped} skipped, ${failed} refused`
  }
  return ''
}

function indentContinuation(text: string): string {
  return text.split('\n').join('\n           ')
}

/** A word as a POSIX shell reads it back: quoted only when it must be. */
function shellWord(text: string): string {
  return /^[A-Za-z0-9_./:@%+=-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`
}
