/**
 * How generated modules name the modules they import, and in which files they are written:
 * the one thing the mapc target's modules do differently when the Segment target carries them.
 *
 * - The mapc target (the default): ES modules that import `mapc/runtime`, relative imports with
 *   `.js`, each module also written as JavaScript for Node to import as it is.
 * - Inside a Segment target build: TypeScript only, importing the copy of the runtime the build
 *   carries (`<slug>/mapc/runtime/`), relative imports extensionless for CommonJS (as
 *   action-destinations writes them) or with `.js` for ES modules under NodeNext.
 */
export interface ModuleStyle {
  /** The runtime as a module `depth` directories below the mapc modules' root names it. */
  runtime(depth: number): string
  /** A relative module path written without extension (`./actions/identifyUser`). */
  relative(path: string): string
  /** Also write each module as JavaScript (and the validators as JavaScript with declarations). */
  javaScript: boolean
  /** Every parameter and import is used (`void x` where the code does not), for hosts compiled with `noUnusedLocals` and `noUnusedParameters`. */
  noUnused: boolean
  /** An own-property test as the host's library has it (`Object.hasOwn` is ES2022; action-destinations compiles against ES2020). */
  hasOwn(object: string, key: string): string
}

export const MAPC_MODULES: ModuleStyle = {
  runtime: () => 'mapc/runtime',
  relative: (path) => `${path}.js`,
  javaScript: true,
  noUnused: false,
  hasOwn: (object, key) => `Object.hasOwn(${object}, ${key})`
}

/** The module format of a Segment target build. */
export type ModuleFormat = 'commonjs' | 'esm'

/** A relative import as the format writes it: extensionless for CommonJS, `.js` for NodeNext ES modules. */
export function relativeImport(path: string, format: ModuleFormat): string {
  return format === 'esm' ? `${path}.js` : path
}

/** The mapc modules inside a Segment target build, importing the runtime copy at `mapc/runtime/`. */
export function carriedModules(format: ModuleFormat): ModuleStyle {
  return {
    runtime: (depth) => relativeImport(`${depth === 0 ? './' : '../'.repeat(depth)}runtime/compiled-module-api`, format),
    relative: (path) => relativeImport(path, format),
    javaScript: false,
    noUnused: true,
    hasOwn: (object, key) => `Object.prototype.hasOwnProperty.call(${object}, ${key})`
  }
}
