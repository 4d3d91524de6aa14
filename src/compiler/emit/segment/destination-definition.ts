/**
 * `index.ts`: the actions-core DestinationDefinition: name, slug, mode, description, the
 * authentication scheme with the `.map`'s settings as its fields, `testAuthentication` from the
 * `.map`'s auth test, `extendRequest` adding the `.map`'s auth headers (compiled by the mapc
 * target, so the same expressions make the same values, from the settings with the `.map`'s
 * defaults filled in as `mapc run` fills them), presets with their FQL subscriptions,
 * and the actions. Default export, as action-destinations registers destinations.
 */
import type { DestinationIR, SettingIR } from '../../ir.js'
import { commentText, propertyKey, stringLiteral, valueLiteral } from '../literals.js'
import type { ModuleText } from './module-text.js'
import { sourceComment } from './source-comment.js'
import { SUPPORT_DIRECTORY } from './support-files.js'

export function destinationDefinitionModule(destination: DestinationIR, name: string, header: string): ModuleText {
  const scheme = destination.auth.scheme === 'oauth' ? 'oauth2' : 'custom'
  const settings = destination.settings.map((s) => `${sourceComment(s.source)}\n${settingDefinition(s)}`)
  const authentication = [
    `scheme: ${stringLiteral(scheme)}`,
    `fields: {\n${settings.join(',\n')}\n}`,
    ...(destination.auth.test ? ['testAuthentication: (request, data) => testAuthentication(compiledDestination, request, data)'] : [])
  ]
  const presets = destination.presets.map(
    (p) =>
      `${sourceComment(p.source)}\n{ name: ${stringLiteral(p.title)}, subscribe: ${stringLiteral(p.fql)}, partnerAction: ${stringLiteral(p.action)}, mapping: defaultValues(${actionName(p.action)}.fields), type: "automatic" }`
  )
  const properties = [
    `name: ${stringLiteral(name)}`,
    `slug: ${stringLiteral(destination.slug)}`,
    'mode: "cloud"',
    ...(destination.description !== undefined ? [`description: ${stringLiteral(destination.description)}`] : []),
    `authentication: {\n${authentication.join(',\n')}\n}`,
    'extendRequest: ({ settings, auth }) => ({ headers: authHeaderValues(compiledDestination.authHeaders({ settings: withSettingDefaults(compiledDestination.settings, settings), auth: auth ?? {} })) })',
    `presets: [\n${presets.join(',\n')}\n]`,
    `actions: {\n${destination.actions.map((a) => `${propertyKey(a.name)}: ${actionName(a.name)}`).join(',\n')}\n}`
  ]
  return {
    preamble: [header, `// ${commentText(`${destination.title}, from ${destination.sourceFile}.`)}`],
    coreTypes: ['DestinationDefinition'],
    actionsCore: destination.presets.length > 0 ? ['defaultValues'] : [],
    imports: [
      { types: ['Settings'], typeOnly: true, from: './generated-types' },
      { named: ['authHeaderValues', 'withSettingDefaults', ...(destination.auth.test ? ['testAuthentication'] : [])], from: `./${SUPPORT_DIRECTORY}/segment/index` },
      { named: ['destination as compiledDestination'], from: './mapc/index' },
      ...destination.actions.map((a) => ({ default: actionName(a.name), from: `./${a.name}/index` }))
    ],
    body: [`const destination: DestinationDefinition<Settings> = {\n${properties.join(',\n')}\n}`, '', 'export default destination', ''].join('\n')
  }
}

/** actions-core settings: a secret string is a password (masked in Segment's UI). */
function settingDefinition(setting: SettingIR): string {
  const type = setting.secret ? 'password' : setting.type
  const props = [`label: ${stringLiteral(setting.label)}`, `description: ${stringLiteral(setting.description ?? setting.label)}`, `type: ${stringLiteral(type)}`]
  if (setting.format !== undefined) props.push(`format: ${stringLiteral(setting.format)}`)
  if (setting.required) props.push('required: true')
  if (setting.choices) props.push(`choices: [${setting.choices.map((c) => `{ label: ${stringLiteral(String(c))}, value: ${valueLiteral(c)} }`).join(', ')}]`)
  if (setting.default !== undefined) props.push(`default: ${valueLiteral(setting.default)}`)
  return `${propertyKey(setting.name)}: {\n${props.join(',\n')}\n}`
}

function actionName(name: string): string {
  return `action_${name}`
}
