/**
 * Type-checks generated TypeScript as a user's project would: `tsc --noEmit --strict` over the
 * emitted files, with `mapc/runtime` mapped to the runtime's source. Only diagnostics in the
 * generated files count; each is reported as `file:line:column message`.
 */
import { join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Project, ts } from 'ts-morph'

const PROJECT_ROOT = fileURLToPath(new URL('../../..', import.meta.url))
const RUNTIME_ENTRY = join(PROJECT_ROOT, 'src/runtime/index.ts')

const OPTIONS: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  noUncheckedIndexedAccess: true,
  noImplicitOverride: true,
  noFallthroughCasesInSwitch: true,
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2023.d.ts'],
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  skipLibCheck: true,
  types: ['node'],
  paths: { 'mapc/runtime': [RUNTIME_ENTRY] }
}

/** The diagnostics of the TypeScript files under each directory, by directory. */
export function typecheckDirectories(directories: readonly { directory: string; files: readonly string[] }[]): Map<string, string[]> {
  const roots = directories.flatMap((d) => d.files.filter((f) => f.endsWith('.ts')).map((f) => resolve(d.directory, f)))
  // ts-morph's project brings TypeScript's lib files along, which its bundled compiler cannot find on disk.
  const project = new Project({ compilerOptions: OPTIONS, skipAddingFilesFromTsConfig: true })
  project.addSourceFilesAtPaths(roots)
  const program = project.getProgram().compilerObject
  const result = new Map<string, string[]>()
  const global = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()].map((d) => describe(d))
  for (const { directory, files } of directories) {
    const messages = [...global]
    for (const f of files.filter((name) => name.endsWith('.ts'))) {
      const source = program.getSourceFile(resolve(directory, f))
      if (!source) {
        messages.push(`${f}: not part of the program`)
        continue
      }
      messages.push(...[...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((d) => describe(d, directory)))
    }
    result.set(directory, messages)
  }
  return result
}

function describe(d: ts.Diagnostic, directory?: string): string {
  const text = ts.flattenDiagnosticMessageText(d.messageText, '\n')
  if (!d.file || d.start === undefined) return `TS${d.code}: ${text}`
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start)
  const name = directory ? relative(directory, d.file.fileName) : d.file.fileName
  return `${name}:${line + 1}:${character + 1} TS${d.code}: ${text}`
}
