/**
 * Where the checker finds what it checks against: the Segment Spec schemas shipped with mapc,
 * and the destination's API schema next to its `.map` file (`<dir>/apis/<destination>.schema.json`).
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { eventSchema } from '../schemas/segment/index.js'
import { readApiSchema, type ApiSchema } from './check/api-schema.js'
import type { CheckOptions } from './check/destination.js'
import type { JsonSchema } from './check/schema-types.js'

export type ApiSchemaLookup = { api?: ApiSchema; problems: string[]; file: string }

export function projectCheckOptions(mapFile: string): CheckOptions {
  return {
    eventSchema: segmentEventSchema,
    apiSchema(destination) {
      const path = apiSchemaPath(mapFile, destination)
      const file = relative(process.cwd(), path) || path
      return existsSync(path) ? readApiSchemaText(readFileSync(path, 'utf8'), file) : { problems: [], file }
    }
  }
}

export const segmentEventSchema: CheckOptions['eventSchema'] = (type) => eventSchema(type) as unknown as JsonSchema

/** The API schema a destination declared in `mapFile` is checked against. */
export function apiSchemaPath(mapFile: string, destination: string): string {
  return join(dirname(mapFile), 'apis', `${destination}.schema.json`)
}

/** An API schema file's text, read; `file` is the name problems are reported under. */
export function readApiSchemaText(text: string, file: string): ApiSchemaLookup {
  let document: unknown
  try {
    document = JSON.parse(text) as unknown
  } catch (error) {
    return { problems: [`not valid JSON: ${(error as Error).message}`], file }
  }
  const { api, problems } = readApiSchema(document, file)
  return api ? { api, problems, file } : { problems, file }
}
