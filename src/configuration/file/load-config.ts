/**
 * Reading a YAML configuration: parsed, `${NAME}` references replaced by environment variables
 * (so secrets live in the environment, not in the file), and validated. Every problem is a
 * ConfigError that names the key and where it is written (`runtime.yaml:12:7`); values that came
 * from the environment are redacted from it.
 */
import { Ajv } from 'ajv'
import { LineCounter, parseDocument } from 'yaml'
import { ConfigError } from '../../runtime/errors/index.js'
import { createRedactor } from '../../runtime/redaction/index.js'
import { configLocator, type ConfigLocator } from './config-locations.js'
import { configErrorOf, problemsFromSchemaErrors } from './config-problems.js'
import { configSchema } from './config-schema.js'
import type { RuntimeConfig } from '../../runtime/config-types.js'
import { substituteEnv } from './env-substitution.js'

const validateConfig = new Ajv({ allErrors: true, strict: true, verbose: true }).compile(configSchema)

/** Bounds what an alias bomb (`&a [*b, *b, …]` nested) can expand to. */
const MAX_ALIAS_COUNT = 100

export interface LoadedConfig {
  config: RuntimeConfig
  /** Where a key of the configuration is written, for errors found after loading (a bad trigger). */
  locate: ConfigLocator
  /** Every value taken from the environment: redacted from every error about the configuration, found now or later. */
  fromEnvironment: readonly string[]
}

export function parseConfig(text: string, env: Readonly<Record<string, string | undefined>>, file = 'config'): RuntimeConfig {
  return loadConfig(text, env, file).config
}

export function loadConfig(text: string, env: Readonly<Record<string, string | undefined>>, file = 'config'): LoadedConfig {
  const lines = new LineCounter()
  const document = parseDocument(text, { prettyErrors: false, lineCounter: lines, uniqueKeys: true })
  const locate = configLocator(document, lines, file)
  const syntax = document.errors[0]
  if (syntax !== undefined) {
    // The message alone: yaml's pretty form quotes the offending line, which may hold a secret.
    const { line, col } = lines.linePos(syntax.pos[0])
    throw new ConfigError({ reason: `not valid YAML: ${syntax.message}` }, { location: { file, line, column: col } })
  }
  let raw: unknown
  try {
    raw = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT })
  } catch (error) {
    throw new ConfigError({ reason: `not valid YAML: ${(error as Error).message}` }, { location: locate([]) })
  }
  const { value, missing, substituted } = substituteEnv(raw, env)
  const redactor = createRedactor(substituted)
  if (missing.length > 0) {
    const problems = missing.map((m) => ({ path: m.path, reason: `the environment variable ${m.name} is not set`, location: locate(m.path) }))
    throw configErrorOf(problems, redactor)
  }
  if (!validateConfig(value)) {
    throw configErrorOf(problemsFromSchemaErrors(validateConfig.errors ?? [], locate), redactor)
  }
  return { config: value as RuntimeConfig, locate, fromEnvironment: substituted }
}
