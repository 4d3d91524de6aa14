/**
 * An optional `.map` setting's `default`: what an instance runs with when its configuration
 * leaves the setting out. The checker types a defaulted setting as always present, so every path
 * that builds a `ValueContext` from a configuration fills the defaults in first, then validates.
 * A `required` setting is not filled in: it must be configured (its default only pre-fills the
 * places it is edited), and leaving it out stays a configuration error.
 */
import type { SettingMeta } from './contract.js'

/**
 * The configured settings with each left-out (absent or `undefined`) optional defaulted setting
 * set to its default; a new object, the caller's is never changed. Values given, `null` included, are kept
 * as they are, for validation to judge.
 */
export function withSettingDefaults(
  declared: readonly Pick<SettingMeta, 'name' | 'required' | 'default'>[],
  settings: object
): Record<string, unknown> {
  // `object`: the Segment target passes its generated `Settings` interface, which has no index signature.
  const filled: Record<string, unknown> = { ...settings }
  for (const setting of declared) {
    if (!setting.required && setting.default !== undefined && filled[setting.name] === undefined) filled[setting.name] = setting.default
  }
  return filled
}
