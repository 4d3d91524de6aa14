/**
 * Reading a YAML configuration: parsed, `${NAME}` references replaced by environment variables
 * (so secrets live in the environment, not in the file), and validated. Every problem is a
 * ConfigError that names the key.
 */
import { Ajv } from 'ajv'
import { parseDocument } from 'yaml'
import { ConfigError } from '../errors/index.js'
import { configSchema } from './config-schema.js'
import type { RuntimeConfig } from './config-types.js'

const validateConfig = new Ajv({ allErrors: true, strict: true }).compile(configSchema)

export function parseConfig(text: string, env: Readonly<Record<string, string | undefined>>, file = 'config'): RuntimeConfig {
  const document = parseDocument(text, { prettyErrors: false })
  if (document.errors.length > 0) {
    const first = document.errors[0]
    const where = first?.linePos?.[0] ? `${file}:${first.linePos[0].line}:${first.linePos[0].col}` : file
    throw new ConfigError({ reason: `${where}: not valid YAML: ${first?.message.split('\n')[0] ?? 'parse error'}` })
  }
  const value = substituteEnv(document.toJS() as unknown, env, [])
  if (!validateConfig(value)) {
    const error = validateConfig.errors?.[0]
    const path = (error?.instancePath ?? '').split('/').slice(1).map((k) => (/^\d+$/.test(k) ? Number(k) : k))
    const extra = error?.keyword === 'additionalProperties' ? ` (${String(error.params.additionalProperty)})` : ''
    throw new ConfigError({ reason: `${file}: ${error?.message ?? 'invalid'}${extra}`, path })
  }
  return value as RuntimeConfig
}

/** `"${ATTIO_TOKEN}"` → the variable's value; a variable that is not set is an error, not "". */
function substituteEnv(value: unknown, env: Readonly<Record<string, string | undefined>>, path: (string | number)[]): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
      const found = env[name]
      if (found === undefined) throw new ConfigError({ reason: `the environment variable ${name} is not set`, path })
      return found
    })
  }
  if (Array.isArray(value)) return value.map((v, i) => substituteEnv(v, env, [...path, i]))
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) {
      Object.defineProperty(out, k, { value: substituteEnv(v, env, [...path, k]), enumerable: true, writable: true, configurable: true })
    }
    return out
  }
  return value
}
