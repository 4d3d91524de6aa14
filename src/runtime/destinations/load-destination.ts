/**
 * Loading a destination compiled by `mapc build` from its output directory. The module is
 * checked to export a CompiledDestination before it is trusted, so a wrong path, a module that
 * fails to load or a stale build is a ConfigError that says what was found instead.
 */
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { CompiledDestination } from '../contract.js'
import { ConfigError, type MapcErrorOptions } from '../errors/index.js'

/** @param options `location`: where the directory is named (a configuration file's `module:` key). */
export async function loadDestination(directory: string, options: Pick<MapcErrorOptions, 'location'> = {}): Promise<CompiledDestination> {
  const entry = resolve(directory, 'index.js')
  if (!existsSync(entry)) {
    throw new ConfigError({ reason: `${join(directory, 'index.js')} does not exist: build the destination with \`mapc build\`` }, options)
  }
  let module: { default?: unknown }
  try {
    module = (await import(pathToFileURL(entry).href)) as { default?: unknown }
  } catch (error) {
    throw new ConfigError({ reason: `${entry} cannot be loaded: ${error instanceof Error ? error.message : String(error)}` }, options)
  }
  const destination = module.default
  if (!isCompiledDestination(destination)) {
    throw new ConfigError({ reason: `${entry} does not export a compiled destination` }, options)
  }
  return destination
}

export function isCompiledDestination(value: unknown): value is CompiledDestination {
  if (value === null || typeof value !== 'object') return false
  const d = value as Partial<CompiledDestination>
  return (
    typeof d.name === 'string' &&
    typeof d.actions === 'object' &&
    d.actions !== null &&
    typeof d.authHeaders === 'function' &&
    typeof d.validateSettings === 'function' &&
    Array.isArray(d.settings) &&
    Array.isArray(d.accepts) &&
    Array.isArray(d.presets)
  )
}
