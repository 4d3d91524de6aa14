/**
 * For each documented deviation (src/configuration/mapping-kit/deviations.ts), whether it can
 * apply to a case: the differential test excuses a difference between actions-core and mapc only
 * when one of these says so, and counts how often each did.
 */
import { actionsCore } from './actions-core.js'

const { transform } = actionsCore
import { bracketedKeysDeviate } from '../../../../src/configuration/mapping-kit/index.js'

export interface Case {
  mapping: unknown
  event: Record<string, unknown>
  /** Where mapc refused the mapping: the path inside it (without `mapping.field`). */
  refusedAt?: readonly (string | number)[]
}

type Detector = (c: Case) => boolean

const isObject = (value: unknown): value is Record<string, unknown> => Object.prototype.toString.call(value) === '[object Object]'

/** Every value in a JSON tree, depth first. */
function* walk(value: unknown): Generator<{ value: unknown }> {
  yield { value }
  if (Array.isArray(value)) for (const item of value) yield* walk(item)
  else if (isObject(value)) for (const key of Object.keys(value)) yield* walk(value[key])
}

function directivesIn(mapping: unknown): Record<string, unknown>[] {
  return [...walk(mapping)].map((n) => n.value).filter((v): v is Record<string, unknown> => isObject(v) && Object.keys(v).some((k) => k.startsWith('@')))
}

const PLACEHOLDER = /\{\{\{([^}]+)\}\}\}|\{\{([^}]+)\}\}/g

/** The path strings a mapping reads: `@path` and `@arrayPath` strings, template placeholders. */
function pathsIn(mapping: unknown): { paths: string[]; dynamic: boolean } {
  const paths: string[] = []
  let dynamic = false
  for (const d of directivesIn(mapping)) {
    const path = d['@path']
    if (typeof path === 'string') paths.push(path.replace('$.', ''))
    else if (path !== undefined) dynamic = true
    const list = d['@arrayPath']
    if (Array.isArray(list) && typeof list[0] === 'string') paths.push(list[0].replace('$.', ''))
    const template = d['@template']
    if (typeof template === 'string') for (const m of template.matchAll(PLACEHOLDER)) paths.push((m[1] ?? m[2] ?? '').trim())
    else if (template !== undefined) dynamic = true
  }
  return { paths, dynamic }
}

function eventStrings(event: unknown): string[] {
  return [...walk(event)].map((n) => n.value).filter((v): v is string => typeof v === 'string')
}

const PROTOTYPE_WORDS = /__proto__|constructor|prototype|toString|valueOf|hasOwnProperty/

/** The subtree of `mapping` at `keys`. */
function at(mapping: unknown, keys: readonly (string | number)[]): unknown {
  let current = mapping
  for (const key of keys) current = current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined
  return current
}

const SEGMENT_IF_OPTIONS = ['exists', 'blank', 'then', 'else']

export const DETECTORS: Record<string, Detector> = {
  'bracketed-key': ({ mapping, event }) => {
    const { paths, dynamic } = pathsIn(mapping)
    if (paths.some(bracketedKeysDeviate)) return true
    return dynamic && eventStrings(event).some((s) => /\[["']/.test(s))
  },
  prototype: ({ mapping, event }) => PROTOTYPE_WORDS.test(JSON.stringify(mapping) + JSON.stringify(event)) || Object.keys(event).some((k) => PROTOTYPE_WORDS.test(k)),
  'template-reread': ({ mapping, event }) => {
    const rereadable = directivesIn(mapping).some((d) => typeof d['@template'] !== 'string' ? d['@template'] !== undefined : d['@template'].includes('{{{'))
    return rereadable && eventStrings(event).some((s) => /[{}]/.test(s))
  },
  // mapc refused the mapping where actions-core fails too: the directive holding the refused place
  // throws in actions-core when applied to this event on its own.
  'load-time': ({ mapping, refusedAt, event }) => refusedAt !== undefined && enclosingDirectiveThrows(mapping, refusedAt, event),
  'unknown-options': ({ mapping }) => directivesIn(mapping).some((d) => isObject(d['@if']) && Object.keys(d['@if']).some((k) => !SEGMENT_IF_OPTIONS.includes(k) && k !== '==' && k !== '!=')),
  'if-comparison': ({ mapping }) => directivesIn(mapping).some((d) => isObject(d['@if']) && ('==' in d['@if'] || '!=' in d['@if']))
}

function enclosingDirectiveThrows(mapping: unknown, keys: readonly (string | number)[], event: Record<string, unknown>): boolean {
  for (let length = keys.length; length >= 0; length--) {
    const subtree = at(mapping, keys.slice(0, length))
    if (!isObject(subtree) || !Object.keys(subtree).some((k) => k.startsWith('@'))) continue
    try {
      transform({ field: subtree }, structuredClone(event))
      return false
    } catch {
      return true
    }
  }
  return false
}

/** The ids of the deviations that may apply to a case. */
export function applicableDeviations(c: Case): string[] {
  return Object.entries(DETECTORS)
    .filter(([, detect]) => detect(c))
    .map(([id]) => id)
}
