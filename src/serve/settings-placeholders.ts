/**
 * Settings for a destination under test. The emulators accept any non-empty credential, so a
 * setting with no default gets a placeholder of its type; it is treated as a secret like the
 * real one would be, so the page shows it redacted. Values given with `--settings` win.
 */
import type { CompiledDestination, SettingMeta } from '../runtime/contract.js'

export interface TestCredentials {
  settings: Record<string, unknown>
  auth: { accessToken?: string; refreshToken?: string }
}

export function testCredentials(destination: CompiledDestination, given: Partial<TestCredentials> = {}): TestCredentials {
  const settings: Record<string, unknown> = {}
  for (const setting of destination.settings) {
    const value = placeholder(setting)
    if (value !== undefined) settings[setting.name] = value
  }
  Object.assign(settings, given.settings ?? {})
  const auth = destination.authScheme === 'oauth' ? { accessToken: 'mapc-serve-access-token', ...(given.auth ?? {}) } : { ...(given.auth ?? {}) }
  return { settings, auth }
}

function placeholder(setting: SettingMeta): unknown {
  if (setting.default !== undefined) return setting.default
  if (!setting.required) return undefined
  if (setting.choices && setting.choices.length > 0) return setting.choices[0]
  switch (setting.type) {
    case 'string':
    case 'password':
      return `mapc-serve-${setting.name}`
    case 'number':
    case 'integer':
      return 1
    case 'boolean':
      return false
  }
}
