/**
 * What the checker reads besides the document: the Segment Spec (shipped with mapc) and each
 * destination's API schema file. Schemas are read once and kept until the file changes, so a
 * keystroke re-checks the document without touching the disk. Reading is injected: the language
 * server reads the file system, a browser-based tester can serve schemas from memory.
 */
import { relative } from 'node:path'
import type { CheckOptions } from '../compiler/check/destination.js'
import { apiSchemaPath, readApiSchemaText, segmentEventSchema, type ApiSchemaLookup } from '../compiler/check-options.js'

export interface ProjectFiles {
  /** The text of a file, or undefined when it does not exist or cannot be read. */
  readText(path: string): string | undefined
  /** How a path is shown in messages (relative to the workspace, say). */
  displayName?(path: string): string
}

export class SchemaCache {
  private readonly schemas = new Map<string, ApiSchemaLookup>()

  constructor(private readonly files: ProjectFiles) {}

  /** Check options for one `.map` file; `used` learns which schema files the check read. */
  checkOptions(mapFile: string, used: Set<string> = new Set()): CheckOptions {
    return {
      eventSchema: segmentEventSchema,
      apiSchema: (destination) => {
        const path = apiSchemaPath(mapFile, destination)
        used.add(path)
        return this.read(path)
      }
    }
  }

  /** Forget a schema file: it changed on disk. */
  invalidate(path: string): void {
    this.schemas.delete(path)
  }

  private read(path: string): ApiSchemaLookup {
    let found = this.schemas.get(path)
    if (found === undefined) {
      const file = this.files.displayName?.(path) ?? (relative(process.cwd(), path) || path)
      const text = this.files.readText(path)
      // A missing schema is looked for again at the next check: it may be created any time.
      if (text === undefined) return { problems: [], file }
      found = readApiSchemaText(text, file)
      this.schemas.set(path, found)
    }
    return found
  }
}
