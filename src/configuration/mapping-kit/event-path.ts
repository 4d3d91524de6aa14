/**
 * Path strings of `@path`, `@arrayPath` and template placeholders, parsed once.
 *
 * Paths are parsed by `parsePathString` and read with `readPath` (own properties only; a step
 * through anything but an object or array is absent). Segment's root spellings `$.`, `.` and
 * `""` (and mapc's `$`) read the whole payload.
 */
import { parsePathString, PathSyntaxError, type PathKey } from '../../runtime/lib/path.js'
import type { MappingSite } from './mapping-site.js'

const ROOT_SPELLINGS = new Set(['', '$', '$.', '.'])

/** The keys of `path`; a syntax error is a `MappingError` at `site`. */
export function compilePath(path: string, site: MappingSite): PathKey[] {
  const keys = tryParsePath(path)
  if (keys instanceof PathSyntaxError) throw site.error(keys.message)
  return keys
}

/** For a path that came from the event: the error names the position, not the text. */
export function compileEventSuppliedPath(path: string, site: MappingSite): PathKey[] {
  const keys = tryParsePath(path)
  if (keys instanceof PathSyntaxError) {
    throw site.error(`resolved to a string that is not a valid path (at character ${keys.offset + 1})`)
  }
  return keys
}

function tryParsePath(path: string): PathKey[] | PathSyntaxError {
  if (ROOT_SPELLINGS.has(path)) return []
  try {
    return parsePathString(path)
  } catch (error) {
    if (error instanceof PathSyntaxError) return error
    throw error
  }
}
