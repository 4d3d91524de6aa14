/**
 * A payload that failed its action's schema or a `reject` rule. All failing fields are reported
 * at once: fixing a mapping one error per run is the complaint this avoids.
 */
import { MapcError, redactorOf, type MapcErrorOptions } from './mapc-error.js'
import { prefixLocation, type SourceLocation } from './source-location.js'

export interface ValidationIssue {
  /** The payload field, as named in the `.map` file; `''` for the payload as a whole. */
  field: string
  /** The field's `label`, which is what users see in a mapping UI. */
  label?: string
  /** What is wrong, phrased to follow the field: `is required but missing`. */
  message: string
  /** The field's declaration; without one the error's own location is used. */
  location?: SourceLocation
}

/** `attio.map:40:5 field email_address (Email address): is required but missing` */
export function formatIssue(issue: ValidationIssue, fallback?: SourceLocation): string {
  const subject = issue.field === '' ? 'payload' : `field ${issue.field}`
  const label = issue.label === undefined || issue.label === '' ? '' : ` (${issue.label})`
  return prefixLocation(issue.location ?? fallback, `${subject}${label}: ${issue.message}`)
}

export class PayloadValidationError extends MapcError {
  declare readonly code: 'PAYLOAD_VALIDATION'
  readonly issues: readonly ValidationIssue[]

  constructor(issues: readonly ValidationIssue[], options: MapcErrorOptions = {}) {
    const redactor = redactorOf(options)
    const redacted = issues.map((issue) => ({ ...issue, message: redactor.redact(issue.message) }))
    const message =
      redacted.length === 0
        ? prefixLocation(options.location, 'payload is invalid')
        : redacted.map((issue) => formatIssue(issue, options.location)).join('\n')
    super('PAYLOAD_VALIDATION', message, false, options)
    this.issues = redacted
  }

  protected override details(): Record<string, unknown> {
    return { issues: this.issues.map((issue) => ({ ...issue })) }
  }
}
