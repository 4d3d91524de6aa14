/**
 * A module of the Segment target as TypeScript, in the module format asked for:
 *
 * - `commonjs`, the way action-destinations has it: extensionless relative imports (a directory
 *   for an action, `./identifyUser`), values imported from `@segment/actions-core`.
 * - `esm`, for NodeNext: relative imports name their `.js` file, and actions-core's values come
 *   from its CommonJS build through `createRequire` (Node cannot import its ES build, which
 *   imports directories), the copy a `Destination` of the same application uses too.
 */
import { stringLiteral } from '../literals.js'
import { relativeImport, type ModuleFormat } from '../module-style.js'

export interface ModuleText {
  /** The first lines: the provenance header and what the module is. */
  preamble: string[]
  /** Type-only imports from `@segment/actions-core`. */
  coreTypes: string[]
  /** Values from `@segment/actions-core`. */
  actionsCore: string[]
  /** Relative imports. */
  imports: ModuleImport[]
  body: string
}

export interface ModuleImport {
  default?: string
  named?: string[]
  /** Named type imports. */
  types?: string[]
  /** Only types are imported (`import type`). */
  typeOnly?: boolean
  /** A relative path without extension: `./identifyUser/index`, `../generated-types`. */
  from: string
}

/** `./identifyUser/index` → `./identifyUser` under CommonJS (a directory, as action-destinations imports it), `./identifyUser/index.js` for ES modules. */
export function moduleSpecifier(path: string, format: ModuleFormat): string {
  return format === 'commonjs' ? path.replace(/\/index$/, '') : relativeImport(path, format)
}

function importLine(i: ModuleImport, format: ModuleFormat): string[] {
  const named = [...(i.named ?? []), ...(i.types ?? []).map((t) => (i.typeOnly ? t : `type ${t}`))]
  const parts = [...(i.default !== undefined ? [i.default] : []), ...(named.length > 0 ? [`{ ${named.join(', ')} }`] : [])]
  return parts.length === 0 ? [] : [`import ${i.typeOnly ? 'type ' : ''}${parts.join(', ')} from ${stringLiteral(moduleSpecifier(i.from, format))}`]
}

function coreValues(names: readonly string[], format: ModuleFormat): string[] {
  if (names.length === 0) return []
  if (format === 'commonjs') return [`import { ${names.join(', ')} } from "@segment/actions-core"`]
  return ['import { createRequire } from "node:module"', `const { ${names.join(', ')} } = createRequire(import.meta.url)("@segment/actions-core") as typeof import("@segment/actions-core")`]
}

export function typeScriptText(module: ModuleText, format: ModuleFormat): string {
  return [
    ...module.preamble,
    ...(module.coreTypes.length > 0 ? [`import type { ${module.coreTypes.join(', ')} } from "@segment/actions-core"`] : []),
    ...module.imports.flatMap((i) => importLine(i, format)),
    ...coreValues(module.actionsCore, format),
    '',
    module.body
  ].join('\n')
}
