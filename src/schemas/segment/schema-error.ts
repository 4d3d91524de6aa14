/**
 * A schema mapc cannot resolve, combine or generate values for. The message names the schema
 * document and the JSON Pointer of the offending keyword, so the fix is one lookup away.
 */
export class SchemaError extends Error {
  constructor(
    /** The `$id` (or a short name) of the document the problem is in. */
    readonly document: string,
    /** JSON Pointer to the offending place, `#/properties/traits`. */
    readonly location: string,
    reason: string
  ) {
    super(`${document}${location}: ${reason}`)
    this.name = 'SchemaError'
  }
}
