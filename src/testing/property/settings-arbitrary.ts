/**
 * Settings and OAuth data of a configured destination instance: every required setting has a
 * value (a required text setting cannot be saved empty), optional ones sometimes do, and choices
 * come from their list. Secrets look like real keys: long enough that redaction recognises them
 * in any message, so a report can never print one.
 */
import fc from 'fast-check'
import type { AuthIR, SettingIR } from '../../compiler/ir.js'
import type { ValueContext } from '../../runtime/contract.js'
import { formatArbitrary, supportedFormats } from '../formats.js'
import { MIN_REDACTABLE_SECRET_LENGTH } from '../../runtime/redaction/redactor.js'

export type Settings = Record<string, unknown>
export type AuthData = ValueContext['auth']

const secretArbitrary = fc.stringMatching(/^[A-Za-z0-9_-]{16,40}$/)

export function settingsArbitrary(settings: readonly SettingIR[]): fc.Arbitrary<Settings> {
  const entries = settings.map((setting) => {
    const value = settingValueArbitrary(setting)
    return setting.required ? value.map((v) => [setting.name, v] as const) : fc.option(value, { nil: undefined }).map((v) => [setting.name, v] as const)
  })
  return fc.tuple(...entries).map((pairs) => Object.fromEntries(pairs.filter(([, v]) => v !== undefined)))
}

function settingValueArbitrary(setting: SettingIR): fc.Arbitrary<unknown> {
  if (setting.choices && setting.choices.length > 0) return fc.constantFrom(...setting.choices)
  if (setting.pattern !== undefined) return patternArbitrary(setting.pattern, setting.secret)
  switch (setting.type) {
    case 'password':
      return secretArbitrary
    case 'string':
      if (setting.secret) return secretArbitrary
      if (setting.format !== undefined && supportedFormats.includes(setting.format)) return formatArbitrary(setting.format)
      return fc.string({ minLength: 1, maxLength: 40 })
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true })
    case 'integer':
      return fc.integer()
    case 'boolean':
      return fc.boolean()
  }
}

/**
 * A `string(pattern "…")` setting: texts the pattern matches (as the runtime checks it at start).
 * A secret one is long enough for redaction to recognise, when the pattern allows that at all.
 */
function patternArbitrary(source: string, secret: boolean): fc.Arbitrary<string> {
  const pattern = new RegExp(source, 'u')
  const matching = fc.stringMatching(pattern).filter((s) => pattern.test(s))
  return secret ? matching.filter((s) => s.length >= MIN_REDACTABLE_SECRET_LENGTH) : matching
}

/** OAuth destinations get a token or none (a connection whose token is missing); others get nothing. */
export function authArbitrary(auth: AuthIR): fc.Arbitrary<AuthData> {
  if (auth.scheme !== 'oauth') return fc.constant({})
  return fc.record({ accessToken: secretArbitrary, refreshToken: secretArbitrary }, { requiredKeys: [] })
}

/** Passwords and settings marked `secret`: redacted everywhere. */
export function isSecretSetting(setting: SettingIR): boolean {
  return setting.secret || setting.type === 'password'
}

/** The values a report and an error must never show. */
export function secretValues(settings: readonly SettingIR[], values: Settings, auth: AuthData): string[] {
  const secrets = settings.filter(isSecretSetting).map((s) => values[s.name])
  return [...secrets, auth.accessToken, auth.refreshToken].filter((v): v is string => typeof v === 'string')
}
