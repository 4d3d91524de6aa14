/**
 * Parse and check `.map` text the way the compiler does, but against the test corpus's API
 * schemas (test/check/apis/<destination>.schema.json) instead of the project's, so that cases
 * can exercise request checking without depending on a real destination's API.
 */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { readApiSchema } from '../../../src/compiler/check/api-schema.js'
import { checkMapFile, type CheckOptions, type CheckResult } from '../../../src/compiler/check/destination.js'
import type { JsonSchema } from '../../../src/compiler/check/schema-types.js'
import type { Diagnostic } from '../../../src/compiler/diagnostics/diagnostic.js'
import { parseMap } from '../../../src/compiler/syntax/parse.js'
import type { MapFile } from '../../../src/compiler/syntax/ast.js'
import { eventSchema } from '../../../src/schemas/segment/index.js'

const apisDir = fileURLToPath(new URL('../apis/', import.meta.url))

/** Segment Spec event schemas, and API schemas from test/check/apis/. */
export const testCheckOptions: CheckOptions = {
  eventSchema: (type) => eventSchema(type) as unknown as JsonSchema,
  apiSchema(destination) {
    const file = `test/check/apis/${destination}.schema.json`
    const path = `${apisDir}${destination}.schema.json`
    if (!existsSync(path)) return { problems: [], file }
    const { api, problems } = readApiSchema(JSON.parse(readFileSync(path, 'utf8')) as unknown, file)
    return api ? { api, problems, file } : { problems, file }
  }
}

export interface CheckedText extends CheckResult {
  ast: MapFile
  parseDiagnostics: Diagnostic[]
}

export function checkText(text: string, file = 'test.map', options: CheckOptions = testCheckOptions): CheckedText {
  const { ast, diagnostics: parseDiagnostics } = parseMap(text, file)
  return { ast, parseDiagnostics, ...checkMapFile(ast, options) }
}

/** `12:3 MAPC3001 error identify events have no … (hint)`: one line per diagnostic, for failure messages. */
export function describeDiagnostic(d: Diagnostic): string {
  const hint = d.hint === undefined ? '' : ` [hint: ${d.hint}]`
  return `${d.span.start.line}:${d.span.start.column} ${d.code} ${d.severity} ${JSON.stringify(d.message)}${hint}`
}
