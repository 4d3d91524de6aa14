/**
 * Errors thrown by a Segment target build come from the copy of mapc's runtime it carries
 * (`<slug>/mapc/runtime/errors/`): the same classes, from the same source, but not the objects
 * of this process's `src/runtime`. Judging them as mapc's errors (`instanceof`) needs them as
 * mapc's class of the same name; an error of no such class stays as it is.
 */
import * as errors from '../../../src/runtime/errors/index.js'

export function asMapcClass(error: unknown): unknown {
  if (!(error instanceof Error) || error instanceof errors.MapcError) return error
  const cls = (errors as unknown as Record<string, unknown>)[error.name]
  if (typeof cls !== 'function' || !((cls as { prototype: unknown }).prototype instanceof errors.MapcError)) return error
  if (typeof (error as { code?: unknown }).code !== 'string') return error
  Object.setPrototypeOf(error, (cls as { prototype: object }).prototype)
  return error
}
