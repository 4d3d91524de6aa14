/**
 * A place in a mapping (`mapping.user_id["@if"].then`) and the errors that name it.
 *
 * The same site is used for problems found while compiling (an unknown directive) and for the few
 * found while resolving one event (`@json` decoding text that is not JSON): both are a
 * `MappingError` whose path leads to the directive responsible. Per-event messages describe the
 * kind of value, never the event's data.
 */
import { MappingError } from '../../runtime/errors/index.js'
import type { MapcErrorOptions } from '../../runtime/errors/index.js'
import type { PathKey } from '../../runtime/lib/path.js'

export interface SiteOptions {
  /** The subscription the mapping belongs to, named in every error. */
  subscription?: string
  /** A location and a redactor for the errors. */
  errorOptions?: MapcErrorOptions
}

export class MappingSite {
  constructor(
    readonly path: readonly PathKey[],
    private readonly options: SiteOptions = {}
  ) {}

  child(key: PathKey): MappingSite {
    return new MappingSite([...this.path, key], this.options)
  }

  error(reason: string): MappingError {
    const init = { path: this.path, reason, ...(this.options.subscription === undefined ? {} : { subscription: this.options.subscription }) }
    return new MappingError(init, this.options.errorOptions ?? {})
  }
}
