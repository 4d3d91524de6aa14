/**
 * The copy of mapc's runtime a Segment target build carries, at `<slug>/mapc/runtime/`, so that
 * the destination depends on nothing but what action-destinations has (`@segment/actions-core`,
 * lodash, entities) and can be submitted as it is. The modules are mapc's own (runtime-sources.ts),
 * unchanged but for two things the module format decides: relative imports are written as the
 * format resolves them (module-style.ts), and lib/load-package.ts, the one module that says how a
 * CommonJS package is loaded, is Node's `require` under CommonJS.
 */
import { commentText } from '../literals.js'
import type { EmittedFile } from '../mapc/build.js'
import { relativeImport, type ModuleFormat } from '../module-style.js'
import type { RuntimeSource } from './runtime-sources.js'

/** Where the copy goes inside `<slug>/`. */
export const SUPPORT_DIRECTORY = 'mapc/runtime'

const LOAD_PACKAGE = 'lib/load-package.ts'

const COMMONJS_LOAD_PACKAGE = [
  '/** Loading a CommonJS package on first use (see mapc\'s src/runtime/lib/load-package.ts): under CommonJS, Node\'s own `require`. */',
  'export function loadPackage(name: string): unknown {',
  '  // eslint-disable-next-line @typescript-eslint/no-var-requires',
  '  return require(name)',
  '}',
  ''
].join('\n')

export function supportFiles(sources: readonly RuntimeSource[], format: ModuleFormat, version: string): EmittedFile[] {
  if (!sources.some((s) => s.path === LOAD_PACKAGE)) throw new Error(`the runtime sources lack ${LOAD_PACKAGE}`)
  return sources.map((source) => {
    const header = `// ${commentText(`Copied by mapc ${version} (--target segment) from mapc's runtime, src/runtime/${source.path}. Do not edit: run \`mapc build --target segment\` again.`)}`
    const text = source.path === LOAD_PACKAGE && format === 'commonjs' ? COMMONJS_LOAD_PACKAGE : source.text
    return { path: `${SUPPORT_DIRECTORY}/${source.path}`, content: `${header}\n${withImports(text, format)}` }
  })
}

/** `from './errors/index.js'` as the format writes it. */
function withImports(text: string, format: ModuleFormat): string {
  return text.replace(/\bfrom\s+'(\.{1,2}\/[^']+)\.js'/g, (_, path: string) => `from '${relativeImport(path, format)}'`)
}
