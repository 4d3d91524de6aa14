/**
 * Generated ES modules evaluated in a fresh `vm` context, with `mapc/runtime` bound to the runtime
 * the caller passes in: what a property test that builds hundreds of destinations uses instead of
 * writing and importing each one (the other tests import them as production does).
 *
 * Only the import and export forms the generator writes are understood (the JavaScript comes from
 * TypeScript's transpiler, one statement per line; data never starts a line, because string
 * literals hold no line breaks). Any other form is an error: the generator changed, so must this.
 */
import { posix } from 'node:path'
import vm from 'node:vm'
import type { EmittedFile } from '../../../src/compiler/emit/mapc/build.js'

type Exports = Record<string, unknown>

const RULES: readonly { pattern: RegExp; rewrite: (m: RegExpExecArray, exported: string[], line: string) => string }[] = [
  { pattern: /^import \* as ([\w$]+) from "([^"]+)";?$/, rewrite: (m) => `const ${m[1]} = __import(${JSON.stringify(m[2])});` },
  {
    pattern: /^import \{ ([\w$, ]+) \} from "([^"]+)";?$/,
    rewrite: (m) => `const { ${(m[1] as string).replace(/([\w$]+) as ([\w$]+)/g, '$1: $2')} } = __import(${JSON.stringify(m[2])});`
  },
  { pattern: /^export (const|let|function|async function) ([\w$]+)/, rewrite: (m, exported, line) => (exported.push(m[2] as string), line.slice('export '.length)) },
  { pattern: /^export default ([\w$]+);?$/, rewrite: (m) => `__exports.default = ${m[1]};` },
  { pattern: /^export \{\};?$/, rewrite: () => '' }
]

/** The module as the body of a function taking `__import` and `__exports`. */
function asFunctionBody(path: string, js: string): string {
  const exported: string[] = []
  const lines = js.split('\n').map((line) => {
    if (!/^(import|export)\b/.test(line)) return line
    for (const { pattern, rewrite } of RULES) {
      const m = pattern.exec(line)
      if (m) return rewrite(m, exported, line)
    }
    throw new Error(`${path}: an import or export the test loader does not know: ${line}`)
  })
  return [...lines, ...exported.map((name) => `__exports.${name} = ${name};`)].join('\n')
}

export interface LoadedModules {
  context: vm.Context
  /** The exports of `index.js`. */
  index: Exports
}

/** Evaluates `index.js` and what it imports in a new context; `mapc/runtime` is `runtime`. */
export function evaluateModules(files: readonly EmittedFile[], runtime: object, globals: Record<string, unknown> = {}): LoadedModules {
  const context = vm.createContext({ ...globals })
  const sources = new Map(files.filter((f) => f.path.endsWith('.js')).map((f) => [f.path, f.content]))
  const cache = new Map<string, Exports>()
  const load = (path: string): Exports => {
    const cached = cache.get(path)
    if (cached) return cached
    const source = sources.get(path)
    if (source === undefined) throw new Error(`no generated module ${path}`)
    const exports: Exports = Object.create(null) as Exports
    cache.set(path, exports)
    const body = asFunctionBody(path, source)
    const run = vm.runInContext(`(function (__import, __exports) { "use strict";\n${body}\n})`, context, { filename: path }) as (
      importer: (specifier: string) => unknown,
      target: Exports
    ) => void
    run((specifier) => (specifier === 'mapc/runtime' ? runtime : load(posix.join(posix.dirname(path), specifier))), exports)
    return exports
  }
  return { context, index: load('index.js') }
}
