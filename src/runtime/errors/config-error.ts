/**
 * Configuration that cannot be used: a missing setting, an option out of range, a destination
 * the deployment names but nothing defines. Never retryable: the configuration must change.
 */
import type { PathKey } from '../lib/path.js'
import { MapcError, type MapcErrorOptions } from './mapc-error.js'
import { prefixLocation } from './source-location.js'
import { formatValuePath } from './value-path.js'

export interface ConfigErrorInit {
  reason: string
  /** The offending key, when there is one: `['retry', 'maxAttempts']`. */
  path?: readonly PathKey[]
}

export class ConfigError extends MapcError {
  declare readonly code: 'CONFIG'
  readonly path: readonly PathKey[] | undefined

  constructor(init: ConfigErrorInit, options: MapcErrorOptions = {}) {
    const subject = init.path === undefined ? '' : `${formatValuePath(init.path)}: `
    super('CONFIG', prefixLocation(options.location, `${subject}${init.reason}`), false, options)
    this.path = init.path === undefined ? undefined : [...init.path]
  }

  protected override details(): Record<string, unknown> {
    return this.path === undefined ? {} : { path: [...this.path] }
  }
}

export interface NumberRange {
  integer?: boolean
  min: number
  /** `min` itself is not allowed (a timeout of 0 means nothing). */
  minExclusive?: boolean
  max?: number
}

/** `value` when it is a number within `range`, otherwise a `ConfigError` naming the option and the range. */
export function requireNumberInRange(value: number, path: readonly PathKey[], range: NumberRange): number {
  const aboveMin = range.minExclusive === true ? value > range.min : value >= range.min
  const valid =
    Number.isFinite(value) &&
    aboveMin &&
    (range.max === undefined || value <= range.max) &&
    (range.integer !== true || Number.isInteger(value))
  if (valid) return value
  const kind = range.integer === true ? 'an integer' : 'a number'
  const lower = range.minExclusive === true ? `greater than ${range.min}` : `of at least ${range.min}`
  const upper = range.max === undefined ? '' : ` and at most ${range.max}`
  throw new ConfigError({ path, reason: `must be ${kind} ${lower}${upper}, got ${String(value)}` })
}
