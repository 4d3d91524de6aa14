/**
 * The runtime tests' destination (fixtures/crm.map), compiled from source and interpreted: the
 * same CompiledDestination contract generated modules export, without a code-generation step, so
 * unit tests stay fast. The round-trip tests generate and import the same file instead.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { relative } from 'node:path'
import { compileText } from '../../../../src/compiler/compile.js'
import { interpretDestination } from '../../../../src/compiler/interpret/interpret.js'
import type { CompiledAction, CompiledDestination } from '../../../../src/runtime/contract.js'

export const CRM_MAP_PATH = relative(process.cwd(), fileURLToPath(new URL('../fixtures/crm.map', import.meta.url)))
export const CRM_SCHEMA_PATH = relative(process.cwd(), fileURLToPath(new URL('../fixtures/apis/crm.schema.json', import.meta.url)))
/** The origin every request of crm.map is written with. */
export const CRM_ORIGIN = 'https://api.crm.test'

let cached: CompiledDestination | undefined

export function crmDestination(): CompiledDestination {
  if (cached) return cached
  const compiled = compileText(readFileSync(CRM_MAP_PATH, 'utf8'), CRM_MAP_PATH)
  if (!compiled.ir) {
    const problems = compiled.diagnostics.map((d) => `${d.code} ${d.span.start.line}:${d.span.start.column} ${d.message}`)
    throw new Error(`${CRM_MAP_PATH} does not compile:\n${problems.join('\n')}`)
  }
  cached = interpretDestination(compiled.ir)
  return cached
}

export function crmAction(name: 'identifyContact' | 'trackEvent' | 'groupAccount'): CompiledAction {
  const action = crmDestination().actions[name]
  if (!action) throw new Error(`crm.map has no action ${name}`)
  return action
}

/** The line of the first line of crm.map that contains `text`: what error locations must point at. */
export function lineOf(text: string): number {
  const index = readFileSync(CRM_MAP_PATH, 'utf8').split('\n').findIndex((line) => line.includes(text))
  if (index === -1) throw new Error(`crm.map has no line containing ${JSON.stringify(text)}`)
  return index + 1
}
