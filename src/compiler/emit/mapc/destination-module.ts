/**
 * `index.ts`: the destination as a `CompiledDestination`: metadata, settings, the auth headers
 * every request carries, presets with compiled triggers, and the actions.
 */
import { StructureKind, VariableDeclarationKind, type SourceFile } from 'ts-morph'
import type { DestinationIR } from '../../ir.js'
import { TRIGGER_JS_HELPER, triggerToJs } from '../../triggers/index.js'
import { emitExpr, moduleScope } from '../expressions.js'
import { commentText, printable, propertyKey, stringLiteral, valueLiteral } from '../literals.js'
import { LocationTable } from '../locations.js'
import { settingMeta } from '../metadata.js'
import { emitRequest } from '../request.js'
import { MAPC_MODULES, type ModuleStyle } from '../module-style.js'

export function emitDestinationModule(file: SourceFile, destination: DestinationIR, header: string, style: ModuleStyle = MAPC_MODULES): void {
  const locations = new LocationTable(destination.sourceFile)
  const scope = moduleScope(destination, locations)
  const headers = destination.auth.headers.map((h) => `${stringLiteral(h.name)}: ${emitExpr(h.value, scope)}`)
  const authHeaders = `(ctx: $.ValueContext): Record<string, unknown> => ${headers.length === 0 ? '(void ctx, {})' : `({ ${headers.join(', ')} })`}`
  const test = destination.auth.test
  const properties = [
    `name: ${stringLiteral(destination.name)}`,
    `title: ${stringLiteral(destination.title)}`,
    `slug: ${stringLiteral(destination.slug)}`,
    ...(destination.description !== undefined ? [`description: ${stringLiteral(destination.description)}`] : []),
    `source: ${stringLiteral(destination.sourceFile)}`,
    `accepts: ${valueLiteral(destination.accepts)}`,
    `settings: [${destination.settings.map((s) => settingMeta(s, locations)).join(',\n')}]`,
    'validateSettings: validators.validate_settings',
    `authScheme: ${stringLiteral(destination.auth.scheme)}`,
    `authHeaders: ${authHeaders}`,
    ...(test ? [`testRequest: (ctx: $.ValueContext): $.RequestSpec => (${testRequestBody(emitRequest(test, scope, locations.name(test.source)), style)})`] : []),
    `presets: [${destination.presets
      .map(
        (p) =>
          `{ title: ${stringLiteral(p.title)}, fql: ${stringLiteral(p.fql)}, action: ${stringLiteral(p.action)}, trigger: (event: unknown): boolean => ${printable(triggerToJs(p.trigger, 'event'))} }`
      )
      .join(',\n')}]`,
    `actions: { ${destination.actions.map((a) => `${propertyKey(a.name)}: ${actionImportName(a.name)}`).join(', ')} }`
  ]
  file.addStatements([
    header,
    `import * as $ from ${stringLiteral(style.runtime(0))}`,
    `import * as validators from ${stringLiteral(style.relative('./validators'))}`,
    ...destination.actions.map((a) => `import { action as ${actionImportName(a.name)} } from ${stringLiteral(style.relative(`./actions/${a.name}`))}`),
    ...(destination.presets.length > 0 ? [`const ${TRIGGER_JS_HELPER} = $.readPath`] : []),
    ...locations.statements(),
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [`${commentText(destination.title)}, compiled from ${commentText(destination.sourceFile)}.`],
      declarations: [{ name: 'destination', type: '$.CompiledDestination', initializer: `{\n${properties.join(',\n')}\n}` }]
    },
    'export default destination'
  ])
}

/** Under `noUnused`, a test request that reads no setting still uses its context. */
function testRequestBody(request: string, style: ModuleStyle): string {
  return !style.noUnused || /\bctx\b/.test(request) ? request : `void ctx, ${request}`
}

function actionImportName(name: string): string {
  return `action_${name}`
}
