/**
 * What is wrong with a configuration, phrased for the person editing the YAML file: the key,
 * where it is written, and what it should be. Values are never quoted; after `${ENV}`
 * substitution they may be secrets.
 */
import { didYouMean } from '../../compiler/diagnostics/suggest.js'
import { ConfigError, formatLocation, formatValuePath, type SourceLocation } from '../../runtime/errors/index.js'
import { instancePathKeys, typeWords } from '../../runtime/lib/ajv-errors.js'
import type { PathKey } from '../../runtime/lib/path.js'
import type { Redactor } from '../../runtime/redaction/index.js'

export interface ConfigProblem {
  path: PathKey[]
  reason: string
  /** Where it is written, for a configuration read from a file. */
  location?: SourceLocation
}

/** Where the value at `path` (or its key `keyOf`) is written; undefined for configuration given in code. */
export type ProblemLocator = (path: readonly PathKey[], keyOf?: string) => SourceLocation | undefined

/** The subset of ajv's error objects (with `verbose: true`) this file reads. */
export interface SchemaError {
  instancePath: string
  keyword: string
  params: Record<string, unknown>
  message?: string
  parentSchema?: unknown
}

/** @param base where the validated value sits: its errors' paths are relative to it. */
export function problemsFromSchemaErrors(errors: readonly SchemaError[], locate: ProblemLocator = () => undefined, base: readonly PathKey[] = []): ConfigProblem[] {
  const problems: ConfigProblem[] = []
  const seen = new Set<string>()
  for (const error of errors) {
    const path = [...base, ...instancePathKeys(error.instancePath)]
    const problem = describe(error, path, locate)
    const key = `${formatValuePath(problem.path)}|${problem.reason}`
    if (seen.has(key)) continue
    seen.add(key)
    problems.push(problem)
  }
  return problems
}

/** One error for all the problems: the first names its key and location, the rest follow a line each. */
export function configErrorOf(problems: readonly ConfigProblem[], redactor: Redactor): ConfigError {
  // In the order they are written, as a reader goes through the file (a stable sort: ajv's order otherwise).
  const [first, ...rest] = [...problems].sort((a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.column ?? 0) - (b.location?.column ?? 0))
  if (first === undefined) return new ConfigError({ reason: 'the configuration is invalid' }, { redactor })
  const more = rest.map((p) => `\n${p.location ? `${formatLocation(p.location)} ` : ''}${formatValuePath(p.path)}: ${p.reason}`).join('')
  return new ConfigError({ reason: `${first.reason}${more}`, path: first.path }, { redactor, ...(first.location ? { location: first.location } : {}) })
}

function describe(error: SchemaError, path: PathKey[], locate: ProblemLocator): ConfigProblem {
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty)
      const known = Object.keys(propertiesOf(error.parentSchema))
      const hint = didYouMean(key, known, (k) => JSON.stringify(k))
      const reason = `unknown key ${JSON.stringify(key)}${hint ? ` (${hint})` : known.length > 0 ? ` (known keys: ${known.join(', ')})` : ''}`
      return { path, reason, location: locate(path, key) }
    }
    case 'required': {
      const key = String(error.params.missingProperty)
      return { path, reason: `the key ${JSON.stringify(key)} is required`, location: locate(path) }
    }
    case 'type':
      return { path, reason: `must be ${typeWords(String(error.params.type))}`, location: locate(path) }
    case 'minLength':
      return { path, reason: 'must not be empty', location: locate(path) }
    case 'minItems':
      return { path, reason: `must list at least ${String(error.params.limit)} item${error.params.limit === 1 ? '' : 's'}`, location: locate(path) }
    case 'minimum':
    case 'maximum': {
      const word = error.keyword === 'minimum' ? 'at least' : 'at most'
      return { path, reason: `must be ${word} ${String(error.params.limit)}`, location: locate(path) }
    }
    default:
      return { path, reason: error.message ?? 'is invalid', location: locate(path) }
  }
}

function propertiesOf(schema: unknown): Record<string, unknown> {
  if (schema === null || typeof schema !== 'object') return {}
  const properties = (schema as { properties?: unknown }).properties
  return properties !== null && typeof properties === 'object' ? (properties as Record<string, unknown>) : {}
}
