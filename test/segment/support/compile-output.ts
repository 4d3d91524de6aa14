/**
 * Compiling a Segment target build with tsc as its host would: the compiler options of
 * segmentio/action-destinations (its root tsconfig.json and
 * packages/destination-actions/tsconfig.build.json: CommonJS, ES2020, strict, no unused locals or
 * parameters) for `--module commonjs`, NodeNext for `--module esm`.
 */
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PROJECT_ROOT } from '../../support/build-destination.js'

export function compilerOptions(format: 'commonjs' | 'esm', out: string): Record<string, unknown> {
  const common = {
    strict: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    skipLibCheck: true,
    outDir: join(out, 'dist'),
    rootDir: out,
    types: ['node'],
    typeRoots: [join(PROJECT_ROOT, 'node_modules', '@types')]
  }
  if (format === 'esm') return { ...common, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022' }
  return {
    ...common,
    module: 'commonjs',
    target: 'es2020',
    lib: ['es2020'],
    declaration: true,
    moduleResolution: 'node',
    esModuleInterop: true,
    resolveJsonModule: true,
    sourceMap: true,
    removeComments: true,
    strictPropertyInitialization: false,
    experimentalDecorators: true,
    useUnknownInCatchVariables: false
  }
}

/**
 * Writes `package.json` (`"type": "module"` for ES modules) and `tsconfig.json` into `out`, compiles
 * every TypeScript file below it to `out/dist/`, and returns what tsc printed and its exit status.
 */
export function compileOutput(out: string, format: 'commonjs' | 'esm'): { output: string; status: number | null } {
  writeFileSync(join(out, 'package.json'), JSON.stringify({ private: true, ...(format === 'esm' ? { type: 'module' } : {}) }))
  writeFileSync(join(out, 'tsconfig.json'), JSON.stringify({ compilerOptions: compilerOptions(format, out), include: ['**/*.ts'], exclude: ['dist'] }))
  const tsc = spawnSync(process.execPath, [join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(out, 'tsconfig.json')], { cwd: out, encoding: 'utf8' })
  return { output: tsc.stdout + tsc.stderr, status: tsc.status }
}
