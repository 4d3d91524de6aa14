/**
 * Loading a destination compiled by `mapc build` from its output directory. The module is
 * checked to export a CompiledDestination before it is trusted, so a wrong path or a stale build
 * is a ConfigError that says what was found instead.
 */
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { CompiledDestination } from '../contract.js'
import { ConfigError } from '../errors/index.js'

export async function loadDestination(directory: string): Promise<CompiledDestination> {
  const entry = resolve(directory, 'index.js')
  if (!existsSync(entry)) {
    throw new ConfigError({ reason: `${join(directory, 'index.js')} does not exist: build the destination with \`mapc build\`` })
  }
  const module = (await import(pathToFileURL(entry).href)) as { default?: unknown }
  const destination = module.default
  if (!isCompiledDestination(destination)) {
    throw new ConfigError({ reason: `${entry} does not export a compiled destination` })
  }
  return destination
}

export function isCompiledDestination(value: unknown): value is CompiledDestination {
  if (value === null || typeof value !== 'object') return false
  const d = value as Partial<CompiledDestination>
  return typeof d.name === 'string' && typeof d.actions === 'object' && d.actions !== null && typeof d.authHeaders === 'function' && Array.isArray(d.settings)
}
