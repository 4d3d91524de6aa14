/**
 * A subscription mapping that cannot be compiled: an unknown `@` directive, a path that does not
 * parse, a field the action does not have. Found before any event is delivered.
 */
import type { PathKey } from '../lib/path.js'
import { MapcError, redactorOf, type MapcErrorOptions } from './mapc-error.js'
import { prefixLocation } from './source-location.js'
import { formatValuePath } from './value-path.js'

export interface MappingErrorInit {
  /** Where in the mapping: `['email_address', '@if', 'then']`. */
  path: readonly PathKey[]
  reason: string
  /** The subscription's name, when it has one. */
  subscription?: string
}

export class MappingError extends MapcError {
  declare readonly code: 'MAPPING'
  readonly path: readonly PathKey[]
  readonly subscription: string | undefined

  /** `options.location` is the mapping's place in the configuration file, when known. */
  constructor(init: MappingErrorInit, options: MapcErrorOptions = {}) {
    const owner =
      init.subscription === undefined ? 'mapping' : `subscription ${JSON.stringify(init.subscription)} mapping`
    const message = `${owner} ${formatValuePath(init.path)}: ${init.reason}`
    super('MAPPING', prefixLocation(options.location, message), false, options)
    this.path = [...init.path]
    // A subscription's name may come from the environment: redacted like the message that quotes it.
    this.subscription = init.subscription === undefined ? undefined : redactorOf(options).redact(init.subscription)
  }

  protected override details(): Record<string, unknown> {
    const details: Record<string, unknown> = { path: [...this.path] }
    if (this.subscription !== undefined) details.subscription = this.subscription
    return details
  }
}
