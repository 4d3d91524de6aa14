/**
 * Shared by the property-testing tests: destinations compiled, generated and imported once per
 * file, and the run count (`MAPC_PROPERTY_RUNS` raises it for a long run).
 */
import { readApiSchema } from '../../../src/compiler/check/api-schema.js'
import { projectCheckOptions } from '../../../src/compiler/check-options.js'
import { compileText } from '../../../src/compiler/compile.js'
import type { DestinationIR } from '../../../src/compiler/ir.js'
import type { DestinationUnderTest } from '../../../src/testing/property/index.js'
import { buildAndLoad, compileMap } from '../../support/build-destination.js'

export const propertyRuns = Number(process.env.MAPC_PROPERTY_RUNS ?? 40)

export const brokenFixture = 'test/testing/property/fixtures/broken.map'

export async function destinationUnderTest(file: string, text?: string): Promise<DestinationUnderTest> {
  const ir = compileMap(file, text)
  return { ir, compiled: await buildAndLoad(ir) }
}

/**
 * Compiles a `.map` text against an API document given inline (destinations written inside a
 * test have no `apis/` folder); throws with the diagnostics when it does not compile.
 */
export function compileWithApi(text: string, apiDocument: Record<string, unknown>, file = 'test/testing/property/inline.map'): DestinationIR {
  const { api, problems } = readApiSchema(apiDocument, 'inline.schema.json')
  if (!api || problems.length > 0) throw new Error(`the inline API schema is unusable: ${problems.join('; ')}`)
  const options = { ...projectCheckOptions(file), apiSchema: () => ({ api, problems: [], file: 'inline.schema.json' }) }
  const result = compileText(text, file, options)
  if (!result.ir) throw new Error(`${file} does not compile:\n${result.diagnostics.map((d) => `${d.span.start.line}:${d.span.start.column} ${d.code} ${d.message}`).join('\n')}`)
  return result.ir
}

/** An API document with one permissive endpoint per `METHOD url` (any headers, query and body). */
export function permissiveApi(endpoints: Record<string, unknown>): Record<string, unknown> {
  return {
    oneOf: Object.entries(endpoints).map(([endpoint, response]) => ({
      'x-mapc-endpoint': endpoint,
      ...(response === undefined ? {} : { 'x-mapc-response': response }),
      type: 'object'
    }))
  }
}
