/**
 * A YAML configuration for `createRuntimeFromConfig` in which one value comes from the
 * environment (`${FUZZ_SECRET}`), in a place where it may make the file fail: the instance or
 * subscription name, the trigger (inside a string that does not parse, or not), the action, the
 * module path, the endpoint, a setting. Configuration errors must never show what the
 * environment supplied (docs/runtime.md).
 */
import type { Random } from './random.js'

export const SECRET_VARIABLE = 'FUZZ_SECRET'

export const CONFIG_PLACES = ['name', 'subscription-name', 'trigger', 'trigger-unclosed', 'action', 'module', 'endpoint', 'batch-size', 'mapping'] as const
export type ConfigPlace = (typeof CONFIG_PLACES)[number]

export interface ConfigFileCase {
  place: ConfigPlace
  /** Whether the file is also broken elsewhere (an unknown key), so that errors are about something else too. */
  alsoBroken: boolean
}

export function configFileCase(random: Random): ConfigFileCase {
  return { place: random.pick(CONFIG_PLACES), alsoBroken: random.chance(0.3) }
}

const VAR = `\${${SECRET_VARIABLE}}`
const quoted = (text: string): string => JSON.stringify(text)

/** The YAML text; `module` is the built destination's directory, `action` one of its actions. */
export function configFileText(input: ConfigFileCase, site: { module: string; action: string; endpoint: string; secretSetting?: string }): string {
  const at = (place: ConfigPlace, normal: string, withSecret: string): string => quoted(input.place === place ? withSecret : normal)
  const lines = [
    'destinations:',
    `  - name: ${at('name', 'fuzz', `fuzz ${VAR}`)}`,
    `    module: ${at('module', site.module, `${site.module}/${VAR}`)}`,
    `    endpoint: ${at('endpoint', site.endpoint, `http://${VAR}:1`)}`,
    ...(site.secretSetting ? ['    settings:', `      ${site.secretSetting}: ${quoted(VAR)}`] : []),
    `    auth: { accessToken: ${quoted(VAR)} }`,
    '    subscriptions:',
    `      - name: ${at('subscription-name', 'Fuzz', `Fuzz ${VAR}`)}`,
    `        trigger: ${input.place === 'trigger' ? quoted(`type = "${VAR}" and`) : input.place === 'trigger-unclosed' ? quoted(`event = "${VAR}`) : quoted('type = "track"')}`,
    `        action: ${at('action', site.action, `${site.action}${VAR}`)}`
  ]
  if (input.place === 'batch-size') lines.push(`        batch: { size: ${quoted(VAR)} }`)
  if (input.place === 'mapping') lines.push(`        mapping: { nope: ${quoted(`$.${VAR}(`)} }`)
  if (input.alsoBroken) lines.push('    unknownKey: 1')
  return `${lines.join('\n')}\n`
}
