/**
 * `${NAME}` in a configuration's string values → the environment variable NAME, so that secrets
 * live in the environment and never in the file. A variable that is not set is a problem to
 * report, not an empty string: an empty API key would only fail later, at the API, with a 401.
 * `$${NAME}` stands for the text `${NAME}` itself.
 */
import type { PathKey } from '../../runtime/lib/path.js'

export interface MissingVariable {
  name: string
  /** Where in the configuration the reference is. */
  path: PathKey[]
}

export interface Substitution {
  value: unknown
  missing: MissingVariable[]
  /** Every value substituted: treated as secrets wherever the configuration is reported on. */
  substituted: string[]
}

const REFERENCE = /\$(\$?)\{([A-Za-z_][A-Za-z0-9_]*)\}/g

export function substituteEnv(value: unknown, env: Readonly<Record<string, string | undefined>>): Substitution {
  const missing: MissingVariable[] = []
  const substituted: string[] = []
  const walk = (node: unknown, path: PathKey[]): unknown => {
    if (typeof node === 'string') {
      return node.replace(REFERENCE, (whole: string, escape: string, name: string) => {
        if (escape === '$') return whole.slice(1)
        const found = env[name]
        if (found === undefined) {
          missing.push({ name, path })
          return ''
        }
        substituted.push(found)
        return found
      })
    }
    if (Array.isArray(node)) return node.map((item, i) => walk(item, [...path, i]))
    if (node !== null && typeof node === 'object') {
      const out: Record<string, unknown> = {}
      for (const [key, item] of Object.entries(node)) {
        // defineProperty: a key named `__proto__` in the file stays a key, never a prototype.
        Object.defineProperty(out, key, { value: walk(item, [...path, key]), enumerable: true, writable: true, configurable: true })
      }
      return out
    }
    return node
  }
  return { value: walk(value, []), missing, substituted }
}
