/**
 * Shared by the property-testing tests: destinations compiled, generated and imported once per
 * file, and the run count (`MAPC_PROPERTY_RUNS` raises it for a long run).
 */
import type { DestinationIR } from '../../../src/compiler/ir.js'
import type { DestinationUnderTest } from '../../../src/testing/property/index.js'
import { buildAndLoad, compileMap, compileOrThrow, withInlineApi } from '../../support/build-destination.js'

export const propertyRuns = Number(process.env.MAPC_PROPERTY_RUNS ?? 40)

export const brokenFixture = 'test/testing/property/fixtures/broken.map'

/** Builds go under `suite` (see removeBuilds). */
export async function destinationUnderTest(suite: string, file: string, text?: string): Promise<DestinationUnderTest> {
  const ir = compileMap(file, text)
  return { ir, compiled: (await buildAndLoad(ir, suite)).destination }
}

/**
 * Compiles a `.map` text against an API document given inline (destinations written inside a
 * test have no `apis/` folder); throws with the diagnostics when it does not compile.
 */
export function compileWithApi(text: string, apiDocument: Record<string, unknown>, file = 'test/testing/property/inline.map'): DestinationIR {
  return compileOrThrow(text, file, withInlineApi(file, apiDocument))
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
