/**
 * The runtime's door to the configuration compiler (configure/): loaded on demand with
 * `import()`, because it brings the parser, the type checker, chevrotain, liquidjs and ajv's
 * compiler, which a runtime over a generated destination's presets never needs (their triggers
 * are compiled into the generated module).
 */
import type { RuntimeConfig } from './config-types.js'
import { ConfigError } from './errors/index.js'

export type ConfigurationCompiler = typeof import('./configure/subscriptions.js')

let loaded: ConfigurationCompiler | undefined

/**
 * Loads the compiler of subscriptions given in code (`createRuntime`'s `subscriptions` with
 * their own triggers and mappings). `createRuntimeFromConfig` calls it itself when the file has
 * subscriptions; calling it again returns the module already loaded.
 */
export async function loadConfigurationCompiler(): Promise<ConfigurationCompiler> {
  loaded ??= await import('./configure/subscriptions.js')
  return loaded
}

/** The compiler, when a caller has loaded it; a ConfigError that says how otherwise. */
export function configurationCompiler(owner: string): ConfigurationCompiler {
  if (loaded !== undefined) return loaded
  throw new ConfigError({
    reason:
      `${owner}: subscriptions given in code are compiled by mapc's configuration compiler, which is loaded on demand: ` +
      '`await loadConfigurationCompiler()` before `createRuntime`, or use `createRuntimeFromConfig`'
  })
}

/** Parses a YAML configuration (as `createRuntimeFromConfig` reads it) without starting anything. */
export async function parseConfig(text: string, env: Readonly<Record<string, string | undefined>>, file = 'config'): Promise<RuntimeConfig> {
  return (await import('./configure/config-file.js')).parseConfig(text, env, file)
}
