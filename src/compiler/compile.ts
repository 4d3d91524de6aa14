/**
 * Compiling `.map` files, for commands and tools: read (with encoding checks), parse, check. The
 * result carries the source text so diagnostics can be rendered with code frames.
 */
import type { Diagnostic } from './diagnostics/diagnostic.js'
import { hasErrors } from './diagnostics/diagnostic.js'
import type { DestinationIR } from './ir.js'
import type { MapFile } from './syntax/ast.js'
import { parseMap } from './syntax/parse.js'
import { readSourceFile } from './syntax/source.js'
import { checkMapFile, type CheckOptions } from './check/destination.js'
import { projectCheckOptions } from './check-options.js'
import type { ApiSchema } from './check/api-schema.js'

export interface Compilation {
  file: string
  text?: string
  ast?: MapFile
  /** Present when the file has no errors. */
  ir?: DestinationIR
  diagnostics: Diagnostic[]
}

/** Parse and check a source text; the IR only when there is no error. */
export function compileText(text: string, file: string, options: CheckOptions = projectCheckOptions(file)): Compilation {
  const parsed = parseMap(text, file)
  if (hasErrors(parsed.diagnostics)) return { file, text, ast: parsed.ast, diagnostics: parsed.diagnostics }
  const checked = checkMapFile(parsed.ast, options)
  const diagnostics = [...parsed.diagnostics, ...checked.diagnostics]
  const result: Compilation = { file, text, ast: parsed.ast, diagnostics }
  if (checked.ir && !hasErrors(diagnostics)) result.ir = checked.ir
  return result
}

export async function compileFile(file: string, options?: CheckOptions): Promise<Compilation> {
  const source = await readSourceFile(file)
  if ('diagnostic' in source) return { file, diagnostics: [source.diagnostic] }
  return compileText(source.text, file, options ?? projectCheckOptions(file))
}

/** The API schema a compiled destination was checked against, for its docs. */
export function apiSchemaOf(file: string, destination: string): ApiSchema | undefined {
  const found = projectCheckOptions(file).apiSchema(destination)
  return found?.api
}

