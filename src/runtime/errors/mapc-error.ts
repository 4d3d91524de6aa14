/**
 * The base of every error the runtime raises. Each one knows where in a `.map` file it comes
 * from, whether trying again could help, and how to serialise itself without leaking secrets:
 * messages and details are redacted when the error is built, so no later `console.log`,
 * `JSON.stringify` or stack trace can print a credential.
 */
import { createRedactor, type Redactor } from '../redaction/index.js'
import type { MapcErrorCode } from './error-code.js'
import type { KnownMapcError } from './known-error.js'
import type { SourceLocation } from './source-location.js'

export interface MapcErrorOptions {
  location?: SourceLocation
  /** Applied to the message and every detail; without one only sensitive header names are masked. */
  redactor?: Redactor
}

const noKnownSecrets = createRedactor([])

export function redactorOf(options: MapcErrorOptions): Redactor {
  return options.redactor ?? noKnownSecrets
}

export interface MapcErrorJson {
  name: string
  code: MapcErrorCode
  message: string
  retryable: boolean
  location?: SourceLocation
  [detail: string]: unknown
}

export abstract class MapcError extends Error {
  readonly code: MapcErrorCode
  readonly location: SourceLocation | undefined
  readonly retryable: boolean

  /** `message` is the complete text, location prefix included; it is redacted here. */
  constructor(code: MapcErrorCode, message: string, retryable: boolean, options: MapcErrorOptions = {}) {
    super(redactorOf(options).redact(message))
    this.name = new.target.name
    this.code = code
    this.location = options.location
    this.retryable = retryable
  }

  /** Subclasses add the fields a program reading the JSON needs (status, url, issues…). */
  protected details(): Record<string, unknown> {
    return {}
  }

  toJSON(): MapcErrorJson {
    const json: MapcErrorJson = { name: this.name, code: this.code, message: this.message, retryable: this.retryable }
    if (this.location !== undefined) json.location = { ...this.location }
    return { ...json, ...this.details() }
  }
}

/** Narrows to the union of concrete errors, so that `switch (error.code)` narrows further. */
export function isMapcError(value: unknown): value is KnownMapcError {
  return value instanceof MapcError
}
