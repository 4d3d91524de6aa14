/**
 * A module of the Segment target written twice: as TypeScript the way action-destinations has it
 * (extensionless relative imports, values imported from `@segment/actions-core`), and as the ES
 * module Node runs as it is. Node cannot import actions-core's ES build (it imports
 * directories), so the JavaScript takes actions-core's values from its CommonJS build with
 * `createRequire`, the copy a `Destination` built by the same application uses too.
 */
import { ts } from 'ts-morph'

export interface ModuleText {
  /** The first lines: the provenance header and what the module is. */
  preamble: string[]
  /** Type-only imports: in the TypeScript only. */
  typeImports: string[]
  /** Values from `@segment/actions-core`. */
  actionsCore: string[]
  /** Other imports, written with `.js` extensions for Node; the TypeScript drops them where action-destinations does. */
  imports: ModuleImport[]
  body: string
}

export interface ModuleImport {
  default?: string
  named?: string[]
  /** Named type imports, kept in the TypeScript only. */
  types?: string[]
  from: string
}

function importLine(i: ModuleImport, withTypes: boolean, from: string): string[] {
  const named = [...(i.named ?? []), ...(withTypes ? (i.types ?? []).map((t) => `type ${t}`) : [])]
  const parts = [...(i.default !== undefined ? [i.default] : []), ...(named.length > 0 ? [`{ ${named.join(', ')} }`] : [])]
  return parts.length === 0 ? [] : [`import ${parts.join(', ')} from ${JSON.stringify(from)}`]
}

export function typeScriptText(module: ModuleText): string {
  return [
    ...module.preamble,
    ...module.typeImports,
    ...(module.actionsCore.length > 0 ? [`import { ${module.actionsCore.join(', ')} } from "@segment/actions-core"`] : []),
    ...module.imports.flatMap((i) => importLine(i, true, extensionless(i.from))),
    '',
    module.body
  ].join('\n')
}

export function javaScriptText(module: ModuleText, formatted: (ts: string) => string): string {
  const body = ts.transpileModule(formatted(module.body), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false, removeComments: false }
  }).outputText
  return [
    ...module.preamble,
    ...(module.actionsCore.length > 0
      ? ['import { createRequire } from "node:module"', `const { ${module.actionsCore.join(', ')} } = createRequire(import.meta.url)("@segment/actions-core")`]
      : []),
    ...module.imports.flatMap((i) => importLine(i, false, i.from)),
    '',
    body
  ].join('\n')
}

/** `./identifyUser/index.js` → `./identifyUser`, `./generated-types.js` → `./generated-types`; the mapc modules keep theirs (they are ES modules). */
function extensionless(from: string): string {
  if (!from.startsWith('.') || from.includes('/mapc/') || from.startsWith('./mapc/')) return from
  return from.replace(/\/index\.js$/, '').replace(/\.js$/, '')
}
