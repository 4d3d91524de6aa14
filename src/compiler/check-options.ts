/**
 * Where the checker finds what it checks against: the Segment Spec schemas shipped with mapc,
 * and the destination's API schema next to its `.map` file (`<dir>/apis/<destination>.schema.json`).
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { eventSchema } from '../schemas/segment/index.js'
import { readApiSchema } from './check/api-schema.js'
import type { CheckOptions } from './check/destination.js'
import type { JsonSchema } from './check/schema-types.js'

export function projectCheckOptions(mapFile: string): CheckOptions {
  return {
    eventSchema: (type) => eventSchema(type) as unknown as JsonSchema,
    apiSchema(destination) {
      const path = join(dirname(mapFile), 'apis', `${destination}.schema.json`)
      const file = relative(process.cwd(), path) || path
      if (!existsSync(path)) return { problems: [], file }
      let document: unknown
      try {
        document = JSON.parse(readFileSync(path, 'utf8')) as unknown
      } catch (error) {
        return { problems: [`not valid JSON: ${(error as Error).message}`], file }
      }
      const { api, problems } = readApiSchema(document, file)
      return api ? { api, problems, file } : { problems, file }
    }
  }
}
